/**
 * The one clip query: the contract's ClipFilter (what Clips lists and Review walks) as SQL conditions over
 * `clips c`, and the one table of sorts. The studio's clip table and the clips repository both ask it; a clip
 * filter's condition goes in `conditionsOf`, a sort in `SORTS`.
 */
import { annotatorKey } from '../../../common/annotator-name.js';
import type { ClipFilter, ClipSort } from '../../../common/contract.js';
import { Conditions, containsCondition } from './sql.js';

export interface ClipOrder {
  /** Without one, the clips come in the order they were first recorded (their id). */
  sort?: ClipSort;
  desc?: boolean;
}

export interface ClipQueryContext {
  /** The project's label set, for `inLabelSet`. */
  labelSet: readonly string[];
  /** The model in use, whose predictions `disagrees`, `maxConfidence` and their sorts read. */
  modelRunId: number | null;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

type Needs = 'prediction' | 'division';

// Disagreements first, then the least sure; clips the model never scored (or unlabelled) come last.
const REVIEW_ORDER =
  '(p.predicted IS NULL) ASC, (c.label IS NOT NULL AND p.predicted <> c.label) DESC, p.confidence ASC, c.id ASC';

// Most divided first (the share of labels outside the most common one), then the most annotators.
const DIVIDED_ORDER = 'coalesce(1.0 - d.top * 1.0 / d.n, 0) DESC, coalesce(d.n, 0) DESC, c.id ASC';

const byColumn = (column: string, needs?: Needs) => ({
  order: (dir: string) => `${column} ${dir}, c.id ${dir}`,
  needs,
});

/**
 * A clip's file name without its folders and extension, in SQL (which has no basename): the path with its
 * last folder separator and everything before it removed, then the last dot and what follows it.
 */
const FILE_NAME =
  "replace(replace(c.path, '\\', '/'), rtrim(replace(c.path, '\\', '/'), replace(replace(c.path, '\\', '/'), '/', '')), '')";
const NAME_DOT = `rtrim(${FILE_NAME}, replace(${FILE_NAME}, '.', ''))`;
const FILE_STEM = `(CASE WHEN ${NAME_DOT} = '' THEN ${FILE_NAME} ELSE substr(${NAME_DOT}, 1, length(${NAME_DOT}) - 1) END)`;

const SORTS: Record<ClipSort, { order: (dir: string) => string; needs?: Needs }> = {
  path: byColumn('c.path'),
  speaker: byColumn('c.speaker'),
  duration: byColumn('c.duration_s'),
  label: byColumn('c.label'),
  predicted: byColumn('p.predicted', 'prediction'),
  confidence: byColumn('p.confidence', 'prediction'),
  split: byColumn('c.split'),
  imported: byColumn('c.imported_at'),
  review: { order: () => REVIEW_ORDER, needs: 'prediction' },
  divided: { order: () => DIVIDED_ORDER, needs: 'division' },
};

/** Per clip: how many annotator labels, how many of the most common one, how many different labels. */
const DIVISION_JOIN = `LEFT JOIN (
  SELECT clip_id, sum(k) AS n, max(k) AS top, count(*) AS kinds
  FROM (SELECT clip_id, label, count(*) AS k FROM annotations GROUP BY clip_id, label) GROUP BY clip_id
) d ON d.clip_id = c.id`;

interface Where extends Sql {
  needs: Set<Needs>;
}

function conditionsOf(f: ClipFilter, labelSet: readonly string[]): Where {
  const w = new Conditions();
  const needs = new Set<Needs>();
  if (f.status) w.add('c.status = ?', f.status);
  if (f.inLabelSet !== undefined) {
    const inSet = '(c.label IS NULL OR c.label IN (SELECT value FROM json_each(?)))';
    w.add(f.inLabelSet ? inSet : `NOT ${inSet}`, JSON.stringify(labelSet));
  }
  if (f.label !== undefined) w.add('c.label = ?', f.label);
  if (f.speaker !== undefined) w.add('c.speaker = ?', f.speaker);
  if (f.unlabelled !== undefined) w.add(f.unlabelled ? 'c.label IS NULL' : 'c.label IS NOT NULL');
  if (f.disagrees !== undefined) {
    needs.add('prediction');
    w.add(
      f.disagrees
        ? 'p.predicted IS NOT NULL AND c.label IS NOT NULL AND p.predicted <> c.label'
        : '(p.predicted IS NULL OR c.label IS NULL OR p.predicted = c.label)',
    );
  }
  if (f.maxConfidence !== undefined) {
    needs.add('prediction');
    w.add('p.confidence <= ?', f.maxConfidence);
  }
  if (f.search && f.search.trim() !== '') {
    // the file's name without its folders, and without its extension unless the text has a dot: "W" finds
    // EmoDB's angry takes, not every ".wav", while "03a01Fa.wav" still finds its file
    const text = f.search.trim();
    const contains = containsCondition([text.includes('.') ? FILE_NAME : FILE_STEM, 'c.speaker'], text);
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
    needs.add('division');
    w.add(f.annotatorsDisagree ? 'coalesce(d.kinds, 0) > 1' : 'coalesce(d.kinds, 0) <= 1');
  }
  return { sql: w.where(), params: w.params, needs };
}

/** `clips c` with the joins asked for: the model in use's prediction as `p`, the annotators' division as `d`. */
function fromClause(needs: ReadonlySet<Needs>, modelRunId: number | null): Sql {
  let sql = 'clips c';
  const params: unknown[] = [];
  if (needs.has('prediction')) {
    sql += ' LEFT JOIN predictions p ON p.run_id = ? AND p.clip_id = c.id';
    params.push(modelRunId ?? -1);
  }
  if (needs.has('division')) sql += ` ${DIVISION_JOIN}`;
  return { sql, params };
}

function sortOf(order: ClipOrder): { order: (dir: string) => string; needs?: Needs } {
  if (order.sort === undefined) return { order: (dir) => `c.id ${dir}` };
  const sort = SORTS[order.sort];
  if (!sort) throw new Error(`unknown sort key "${order.sort}": use one of ${Object.keys(SORTS).join(', ')}`);
  return sort;
}

/**
 * A page of the clips matching `filter`, in `order`: `columns` over `c` (and `p`, the prediction, when
 * `withPrediction`), then LIMIT and OFFSET.
 */
export function clipPageSql(
  columns: string,
  filter: ClipFilter,
  order: ClipOrder & { limit: number; offset: number },
  ctx: ClipQueryContext & { withPrediction?: boolean },
): Sql {
  const where = conditionsOf(filter, ctx.labelSet);
  const sort = sortOf(order);
  const needs = new Set(where.needs);
  if (sort.needs) needs.add(sort.needs);
  if (ctx.withPrediction) needs.add('prediction');
  const from = fromClause(needs, ctx.modelRunId);
  return {
    sql: `SELECT ${columns} FROM ${from.sql} ${where.sql} ORDER BY ${sort.order(order.desc ? 'DESC' : 'ASC')} LIMIT ? OFFSET ?`,
    params: [...from.params, ...where.params, order.limit, order.offset],
  };
}

/** How many clips match `filter`: joined only with what the filter reads. */
export function clipCountSql(filter: ClipFilter, ctx: ClipQueryContext): Sql {
  const where = conditionsOf(filter, ctx.labelSet);
  const from = fromClause(where.needs, ctx.modelRunId);
  return {
    sql: `SELECT count(*) AS n FROM ${from.sql} ${where.sql}`,
    params: [...from.params, ...where.params],
  };
}
