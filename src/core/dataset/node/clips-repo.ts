import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db-handle.js';
import { Conditions, containsCondition, statementCache } from './sql.js';
import type { Clip, ClipStatus, LabelSource, Split } from '../types.js';

export interface ClipFilter {
  /** One label or any of several. */
  label?: string | readonly string[];
  speaker?: string | readonly string[];
  status?: ClipStatus;
  /** Only clips without a label (true) or only labelled ones (false). */
  unlabelled?: boolean;
  /** A split from the manifest, or 'none' for clips without one. */
  split?: Split | 'none';
  corpus?: string;
  /** Case-insensitive substring of the path or the speaker. */
  search?: string;
}

export const CLIP_SORT_KEYS = [
  'id',
  'path',
  'label',
  'speaker',
  'duration',
  'split',
  'status',
  'peak',
  'rms',
  'imported',
  'updated',
] as const;
export type ClipSortKey = (typeof CLIP_SORT_KEYS)[number];

export interface ClipListQuery extends ClipFilter {
  sort?: ClipSortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

const SORT_COLUMNS: Record<ClipSortKey, string> = {
  id: 'id',
  path: 'path',
  label: 'label',
  speaker: 'speaker',
  duration: 'duration_s',
  split: 'split',
  status: 'status',
  peak: 'peak',
  rms: 'rms',
  imported: 'imported_at',
  updated: 'updated_at',
};

export interface DatasetStats {
  total: number;
  perStatus: Record<ClipStatus, number>;
  /** Good clips only; unlabelled ones are counted in `unlabelled`, not here. */
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
  /** Good clips per manifest split; 'none' for clips without one. */
  perSplit: Record<string, number>;
  unlabelled: number;
  /** Total duration of the good clips, in seconds. */
  durationS: number;
}

/** Everything the importer knows about a clip when it first records it. */
export type NewClip = Omit<Clip, 'id' | 'importedAt' | 'updatedAt'>;

/** A clip as a training or evaluation run uses it. */
export interface LabelledClip {
  id: number;
  path: string;
  sha256: string;
  speaker: string;
  label: string;
  split: Split | null;
  durationS: number;
}

/** The clips columns under Clip's names: a row selected with them is a Clip. */
const CLIP_COLUMNS = `id, path, sha256, format, duration_s AS durationS, sample_rate AS sampleRate, channels, speaker, label,
  label_source AS labelSource, split, status, reason, reject_code AS rejectCode, peak, rms,
  clipped_fraction AS clippedFraction, silent_fraction AS silentFraction, corpus, imported_at AS importedAt,
  updated_at AS updatedAt`;

const MAX_PAGE = 10_000;

export class ClipsRepo {
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  constructor(db: Db) {
    this.stmt = statementCache(db);
  }

  get(id: number): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips WHERE id = ?`).get(id) as Clip | undefined;
  }

  getByPath(filePath: string): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips WHERE path = ?`).get(filePath) as Clip | undefined;
  }

  /** The good clip with this content, if any (there is at most one). */
  getBySha256(sha256: string): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips WHERE sha256 = ? AND status = 'ok'`).get(sha256) as
      Clip | undefined;
  }

  list(query: ClipListQuery = {}): Clip[] {
    const { where, params } = whereClause(query);
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    const column = SORT_COLUMNS[query.sort ?? 'id'];
    if (!column) throw new Error(`unknown sort key "${query.sort}": use one of ${CLIP_SORT_KEYS.join(', ')}`);
    const orderBy = column === 'id' ? `id ${order}` : `${column} ${order}, id ${order}`;
    const limit = Math.max(0, Math.min(query.limit ?? MAX_PAGE, MAX_PAGE));
    const offset = Math.max(0, query.offset ?? 0);
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(
      ...params,
      limit,
      offset,
    ) as Clip[];
  }

  count(filter: ClipFilter = {}): number {
    const { where, params } = whereClause(filter);
    return (this.stmt(`SELECT count(*) AS n FROM clips ${where}`).get(...params) as { n: number }).n;
  }

  stats(): DatasetStats {
    const perStatus: Record<ClipStatus, number> = { ok: 0, rejected: 0 };
    for (const r of this.stmt('SELECT status, count(*) AS n FROM clips GROUP BY status').all() as Array<{
      status: ClipStatus;
      n: number;
    }>) {
      perStatus[r.status] = r.n;
    }
    const grouped = (column: string): Record<string, number> => {
      const out: Record<string, number> = {};
      const rows = this.stmt(
        `SELECT ${column} AS k, count(*) AS n FROM clips WHERE status = 'ok' GROUP BY ${column} ORDER BY n DESC, k`,
      ).all() as Array<{ k: string | null; n: number }>;
      for (const r of rows) out[r.k ?? 'none'] = r.n;
      return out;
    };
    const perLabel = grouped('label');
    const unlabelled = perLabel.none ?? 0;
    delete perLabel.none;
    const { d } = this.stmt(
      "SELECT coalesce(sum(duration_s), 0) AS d FROM clips WHERE status = 'ok'",
    ).get() as {
      d: number;
    };
    return {
      total: perStatus.ok + perStatus.rejected,
      perStatus,
      perLabel,
      perSpeaker: grouped('speaker'),
      perSplit: grouped('split'),
      unlabelled,
      durationS: d,
    };
  }

  /**
   * Good clips carrying one of `labels`: what a run trains and evaluates on. Ordered by content hash, not id: ids
   * follow the order a concurrent import finished in, and a run with a fixed seed must repeat on a re-import of
   * the same files, here or on another machine.
   */
  labelled(labels: readonly string[]): LabelledClip[] {
    return this.stmt(
      `SELECT id, path, sha256, speaker, label, split, duration_s AS durationS FROM clips
       WHERE status = 'ok' AND label IN (SELECT value FROM json_each(?)) ORDER BY sha256, id`,
    ).all(JSON.stringify(labels)) as LabelledClip[];
  }

  /**
   * Identifies the data a run used: a hash of (content hash, label) of every good clip carrying one of
   * `labels`, in content-hash order, so it changes with any relabel, addition or removal and with nothing else
   * (not with moving files or importing them in another order).
   */
  datasetFingerprint(labels: readonly string[]): string {
    const hash = createHash('sha256');
    const rows = this.stmt(
      `SELECT sha256, label FROM clips
       WHERE status = 'ok' AND label IN (SELECT value FROM json_each(?)) ORDER BY sha256`,
    ).iterate(JSON.stringify(labels)) as IterableIterator<{ sha256: string; label: string }>;
    for (const r of rows) hash.update(`${r.sha256}\t${r.label}\n`);
    return hash.digest('hex');
  }

  insert(clip: NewClip, now: string): number {
    const info = this.stmt(
      `INSERT INTO clips (path, sha256, format, duration_s, sample_rate, channels, speaker, label, label_source,
         split, status, reason, reject_code, peak, rms, clipped_fraction, silent_fraction, corpus, imported_at, updated_at)
       VALUES (@path, @sha256, @format, @durationS, @sampleRate, @channels, @speaker, @label, @labelSource,
         @split, @status, @reason, @rejectCode, @peak, @rms, @clippedFraction, @silentFraction, @corpus, @now, @now)`,
    ).run({ ...clip, now });
    return Number(info.lastInsertRowid);
  }

  /**
   * Replaces everything the importer knows about an existing row (the file at this path changed, or a
   * rejected file became readable), keeping its id and so its history and predictions.
   */
  replace(id: number, clip: NewClip, now: string): void {
    this.stmt(
      `UPDATE clips SET path = @path, sha256 = @sha256, format = @format, duration_s = @durationS,
         sample_rate = @sampleRate, channels = @channels, speaker = @speaker, label = @label,
         label_source = @labelSource, split = @split, status = @status, reason = @reason, reject_code = @rejectCode,
         peak = @peak, rms = @rms, clipped_fraction = @clippedFraction, silent_fraction = @silentFraction,
         corpus = @corpus, updated_at = @now
       WHERE id = @id`,
    ).run({ ...clip, id, now });
  }

  setPath(id: number, filePath: string, now: string): void {
    this.stmt('UPDATE clips SET path = ?, updated_at = ? WHERE id = ?').run(filePath, now, id);
  }

  setLabel(id: number, label: string | null, labelSource: LabelSource | null, now: string): void {
    this.stmt('UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?').run(
      label,
      labelSource,
      now,
      id,
    );
  }

  /** The emotion the speaker was asked to act (a corpus convention's label, a recorded take's prompt). */
  setIntendedLabel(id: number, label: string | null): void {
    this.stmt('UPDATE clips SET intended_label = ? WHERE id = ?').run(label, id);
  }

  setSpeakerAndSplit(id: number, speaker: string, split: Split | null, now: string): void {
    this.stmt('UPDATE clips SET speaker = ?, split = ?, updated_at = ? WHERE id = ?').run(
      speaker,
      split,
      now,
      id,
    );
  }

  delete(id: number): void {
    this.stmt('DELETE FROM clips WHERE id = ?').run(id);
  }
}

function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

function whereClause(f: ClipFilter): { where: string; params: unknown[] } {
  const w = new Conditions();
  if (f.status) w.add('status = ?', f.status);
  if (f.label !== undefined) {
    const labels = asList(f.label);
    w.add(`label IN (${labels.map(() => '?').join(', ') || 'NULL'})`, ...labels);
  }
  if (f.speaker !== undefined) {
    const speakers = asList(f.speaker);
    w.add(`speaker IN (${speakers.map(() => '?').join(', ') || 'NULL'})`, ...speakers);
  }
  if (f.unlabelled !== undefined) w.add(f.unlabelled ? 'label IS NULL' : 'label IS NOT NULL');
  if (f.split === 'none') w.add('split IS NULL');
  else if (f.split) w.add('split = ?', f.split);
  if (f.corpus !== undefined) w.add('corpus = ?', f.corpus);
  if (f.search && f.search.trim() !== '') {
    const contains = containsCondition(['path', 'speaker'], f.search.trim());
    w.add(contains.sql, ...contains.params);
  }
  return { where: w.where(), params: w.params };
}
