/**
 * The clip table behind the Clips and Review screens: clips joined with the latest model's prediction for
 * each clip, so the UI can filter on "model disagrees" or "low confidence" and sort a review queue.
 * A read-only view over the dataset schema; writes stay in the dataset layer's repositories.
 */
import path from 'node:path';
import type { ClipPage, ClipRow, ParsedParams, RunPrediction } from '../../common/contract.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../dataset/node/db-handle.js';
import { clipCountSql, clipPageSql } from '../dataset/node/clip-query.js';
import { Conditions, statementCache } from '../dataset/node/sql.js';

/** The contract's ClipRow as the query returns it: no name yet, and no duration for a rejected file. */
type Row = Omit<ClipRow, 'name' | 'durationS'> & { duration_s: number | null };

export function toClipRow(r: Row): ClipRow {
  return {
    id: r.id,
    path: r.path,
    name: path.basename(r.path),
    speaker: r.speaker,
    durationS: r.duration_s ?? 0,
    label: r.label,
    predicted: r.predicted,
    confidence: r.confidence,
    split: r.split,
    status: r.status,
    reason: r.reason,
  };
}

export class ClipTable {
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  /** `modelRunId`: the model in use (current-model.ts), whose held-out predictions the table shows. */
  constructor(
    private readonly db: Db,
    private readonly modelRunId: () => number | null,
  ) {
    this.stmt = statementCache(db);
  }

  /** A page of the clips matching `q.filter`; `labelSet` is the project's, for the `inLabelSet` filter. */
  list(q: ParsedParams<'clips.list'>, labelSet: readonly string[] = []): ClipPage {
    const ctx = { labelSet, modelRunId: this.modelRunId() };
    const page = clipPageSql(
      'c.id, c.path, c.speaker, c.duration_s, c.label, p.predicted, p.confidence, c.split, c.status, c.reason',
      q.filter,
      q,
      { ...ctx, withPrediction: true },
    );
    const rows = this.stmt(page.sql).all(...page.params) as Row[];
    const count = clipCountSql(q.filter, ctx);
    const { n } = this.stmt(count.sql).get(...count.params) as { n: number };
    return { rows: rows.map(toClipRow), total: n, offset: q.offset };
  }

  /** The prediction of one clip by the model in use, if it scored it. */
  prediction(
    clipId: number,
  ): { predicted: string; confidence: number; probs: Record<string, number> } | null {
    const runId = this.modelRunId();
    if (runId === null) return null;
    const row = this.stmt(
      'SELECT predicted, confidence, probs FROM predictions WHERE run_id = ? AND clip_id = ?',
    ).get(runId, clipId) as { predicted: string; confidence: number; probs: string } | undefined;
    if (!row) return null;
    return {
      predicted: row.predicted,
      confidence: row.confidence,
      probs: JSON.parse(row.probs) as Record<string, number>,
    };
  }

  /** The emotion a clip's speaker was asked to act, if known. */
  intendedLabel(clipId: number): string | null {
    const row = this.stmt('SELECT intended_label FROM clips WHERE id = ?').get(clipId) as
      { intended_label: string | null } | undefined;
    return row?.intended_label ?? null;
  }

  existingIds(ids: readonly number[]): Set<number> {
    const rows = this.stmt('SELECT id FROM clips WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as Array<{ id: number }>;
    return new Set(rows.map((r) => r.id));
  }
}

/** A run's per-clip predictions (e.g. one confusion-matrix cell), least confident first. */
export function runPredictions(
  db: Db,
  runId: number,
  filter: { label?: string; predicted?: string; voice?: 'new' | 'known' },
): RunPrediction[] {
  // A known voice's prediction, where the run scored one; else the clip's only (new-voice) prediction.
  const known = filter.voice === 'known';
  const predicted = known ? "coalesce(p.known ->> '$.predicted', p.predicted)" : 'p.predicted';
  const confidence = known ? "coalesce(p.known ->> '$.confidence', p.confidence)" : 'p.confidence';
  const w = new Conditions();
  w.add('p.run_id = ?', runId);
  if (filter.label !== undefined) w.add('coalesce(p.label, c.label) = ?', filter.label);
  if (filter.predicted !== undefined) w.add(`${predicted} = ?`, filter.predicted);
  const rows = db
    .prepare(
      `SELECT p.clip_id, c.path, c.speaker, coalesce(p.label, c.label) AS label, ${predicted} AS predicted,
         ${confidence} AS confidence
       FROM predictions p JOIN clips c ON c.id = p.clip_id
       ${w.where()} ORDER BY confidence ASC, p.clip_id ASC`,
    )
    .all(...w.params) as Array<{
    clip_id: number;
    path: string;
    speaker: string;
    label: string | null;
    predicted: string;
    confidence: number;
  }>;
  return rows.map((r) => ({
    clipId: r.clip_id,
    name: path.basename(r.path),
    speaker: r.speaker,
    label: r.label ?? '',
    predicted: r.predicted,
    confidence: r.confidence,
  }));
}
