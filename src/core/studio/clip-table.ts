/**
 * The clip table behind the Clips and Review screens: clips joined with the latest model's prediction for
 * each clip, so the UI can filter on "model disagrees" or "low confidence" and sort a review queue.
 * A read-only view over the dataset schema; writes stay in the dataset layer's repositories.
 */
import path from 'node:path';
import { annotatorKey } from '../../common/annotator-name.js';
import type { ClipFilter, ClipPage, ClipRow, ParsedParams, RunPrediction } from '../../common/contract.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../dataset/node/db.js';
import { Conditions, containsCondition, statementCache } from '../dataset/node/sql.js';

type Sort = ParsedParams<'clips.list'>['sort'];

const SORT_SQL: Record<Exclude<Sort, 'review' | 'divided'>, string> = {
  path: 'c.path',
  speaker: 'c.speaker',
  duration: 'c.duration_s',
  label: 'c.label',
  predicted: 'p.predicted',
  confidence: 'p.confidence',
  split: 'c.split',
  imported: 'c.imported_at',
};

// Disagreements first, then the least sure; clips the model never scored (or unlabelled) come last.
const REVIEW_ORDER =
  '(p.predicted IS NULL) ASC, (c.label IS NOT NULL AND p.predicted <> c.label) DESC, p.confidence ASC, c.id ASC';

// Most divided first (the share of labels outside the most common one), then the most annotators.
const DIVIDED_ORDER = 'coalesce(1.0 - d.top * 1.0 / d.n, 0) DESC, coalesce(d.n, 0) DESC, c.id ASC';

/** Per clip: how many annotator labels, how many of the most common one, how many different labels. */
const DIVISION_JOIN = `LEFT JOIN (
  SELECT clip_id, sum(k) AS n, max(k) AS top, count(*) AS kinds
  FROM (SELECT clip_id, label, count(*) AS k FROM annotations GROUP BY clip_id, label) GROUP BY clip_id
) d ON d.clip_id = c.id`;

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

function whereOf(
  f: ClipFilter,
  labelSet: readonly string[],
): { sql: string; params: unknown[]; needsPrediction: boolean; needsDivision: boolean } {
  const w = new Conditions();
  let needsPrediction = false;
  let needsDivision = false;
  if (f.status) w.add('c.status = ?', f.status);
  if (f.inLabelSet !== undefined) {
    const inSet = '(c.label IS NULL OR c.label IN (SELECT value FROM json_each(?)))';
    w.add(f.inLabelSet ? inSet : `NOT ${inSet}`, JSON.stringify(labelSet));
  }
  if (f.label !== undefined) w.add('c.label = ?', f.label);
  if (f.speaker !== undefined) w.add('c.speaker = ?', f.speaker);
  if (f.unlabelled !== undefined) w.add(f.unlabelled ? 'c.label IS NULL' : 'c.label IS NOT NULL');
  if (f.disagrees !== undefined) {
    needsPrediction = true;
    w.add(
      f.disagrees
        ? 'p.predicted IS NOT NULL AND c.label IS NOT NULL AND p.predicted <> c.label'
        : '(p.predicted IS NULL OR c.label IS NULL OR p.predicted = c.label)',
    );
  }
  if (f.maxConfidence !== undefined) {
    needsPrediction = true;
    w.add('p.confidence <= ?', f.maxConfidence);
  }
  if (f.search && f.search.trim() !== '') {
    const contains = containsCondition(['c.path', 'c.speaker'], f.search.trim());
    w.add(contains.sql, ...contains.params);
  }
  if (f.ids !== undefined) w.add('c.id IN (SELECT value FROM json_each(?))', JSON.stringify(f.ids));
  if (f.recording !== undefined) w.add('c.recording_id = ?', f.recording);
  if (f.notLabelledBy !== undefined)
    // Any spelling of a known person's name is that person (annotator-name.ts).
    w.add(
      `NOT EXISTS (SELECT 1 FROM annotations a WHERE a.clip_id = c.id
         AND a.annotator = coalesce((SELECT name FROM annotators WHERE key = ?), ?))`,
      annotatorKey(f.notLabelledBy),
      f.notLabelledBy,
    );
  if (f.annotatorsDisagree !== undefined) {
    needsDivision = true;
    w.add(f.annotatorsDisagree ? 'coalesce(d.kinds, 0) > 1' : 'coalesce(d.kinds, 0) <= 1');
  }
  return { sql: w.where(), params: w.params, needsPrediction, needsDivision };
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
    const runId = this.modelRunId() ?? -1;
    const where = whereOf(q.filter, labelSet);
    const division = where.needsDivision || q.sort === 'divided' ? DIVISION_JOIN : '';
    const join = `LEFT JOIN predictions p ON p.run_id = ? AND p.clip_id = c.id ${division}`;
    const dir = q.desc ? 'DESC' : 'ASC';
    const order =
      q.sort === 'review'
        ? REVIEW_ORDER
        : q.sort === 'divided'
          ? DIVIDED_ORDER
          : `${SORT_SQL[q.sort]} ${dir}, c.id ${dir}`;
    const rows = this.stmt(
      `SELECT c.id, c.path, c.speaker, c.duration_s, c.label, p.predicted, p.confidence, c.split, c.status, c.reason
       FROM clips c ${join} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    ).all(runId, ...where.params, q.limit, q.offset) as Row[];
    const countSql =
      where.needsPrediction || where.needsDivision
        ? `SELECT count(*) AS n FROM clips c ${join} ${where.sql}`
        : `SELECT count(*) AS n FROM clips c ${where.sql}`;
    const countParams =
      where.needsPrediction || where.needsDivision ? [runId, ...where.params] : where.params;
    const { n } = this.stmt(countSql).get(...countParams) as { n: number };
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
