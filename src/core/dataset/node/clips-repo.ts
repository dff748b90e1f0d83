import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db-handle.js';
import type { ClipFilter } from '../../../common/contract.js';
import { clipCountSql, clipPageSql, type ClipOrder } from './clip-query.js';
import { statementCache } from './sql.js';
import type { Clip, ClipStatus, LabelSource, Split } from '../types.js';

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
const CLIP_COLUMNS = `c.id, c.path, c.sha256, c.format, c.duration_s AS durationS, c.sample_rate AS sampleRate,
  c.channels, c.speaker, c.label, c.label_source AS labelSource, c.split, c.status, c.reason,
  c.reject_code AS rejectCode, c.peak, c.rms, c.clipped_fraction AS clippedFraction,
  c.silent_fraction AS silentFraction, c.corpus, c.imported_at AS importedAt, c.updated_at AS updatedAt`;

const MAX_PAGE = 10_000;

export class ClipsRepo {
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  constructor(db: Db) {
    this.stmt = statementCache(db);
  }

  get(id: number): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips c WHERE c.id = ?`).get(id) as Clip | undefined;
  }

  getByPath(filePath: string): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips c WHERE c.path = ?`).get(filePath) as
      Clip | undefined;
  }

  /** The good clip with this content, if any (there is at most one). */
  getBySha256(sha256: string): Clip | undefined {
    return this.stmt(`SELECT ${CLIP_COLUMNS} FROM clips c WHERE c.sha256 = ? AND c.status = 'ok'`).get(
      sha256,
    ) as Clip | undefined;
  }

  /**
   * The clips matching `filter` (the clip query the Clips screen uses: clip-query.ts), in `page.sort` or in id
   * order, at most 10,000 at a time. `labelSet` is the project's, for the `inLabelSet` filter.
   */
  list(
    filter: ClipFilter = {},
    page: ClipOrder & { limit?: number; offset?: number } = {},
    labelSet: readonly string[] = [],
  ): Clip[] {
    const limit = Math.max(0, Math.min(page.limit ?? MAX_PAGE, MAX_PAGE));
    const offset = Math.max(0, page.offset ?? 0);
    const q = clipPageSql(CLIP_COLUMNS, filter, { ...page, limit, offset }, { labelSet, modelRunId: null });
    return this.stmt(q.sql).all(...q.params) as Clip[];
  }

  count(filter: ClipFilter = {}, labelSet: readonly string[] = []): number {
    const q = clipCountSql(filter, { labelSet, modelRunId: null });
    return (this.stmt(q.sql).get(...q.params) as { n: number }).n;
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
