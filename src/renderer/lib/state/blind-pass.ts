import type { ClipFilter, ClipRow, ClipSort } from '../../../common/contract.js';

/**
 * The blind pass: an annotator labels the clips they have not labelled yet, seeing nothing that tells a
 * label. Not the clip's label, the model's guess or its confidence, and not the file name, which in corpora
 * such as EmoDB (03a01Fa) or a recorded take (take-001-happy-…) spells the emotion. Clips and Review both
 * follow these rules, so the list gives away no more than the clip on screen.
 */
export function isBlind(filter: ClipFilter): boolean {
  return filter.notLabelledBy !== undefined;
}

/**
 * Orders that would tell a label by where a clip sits: by label, guess, confidence, the review queue, and by
 * file name (EmoDB's takes of one sentence sort by their emotion's letter).
 */
const TELLING_SORTS: ReadonlySet<ClipSort> = new Set<ClipSort>([
  'path',
  'label',
  'predicted',
  'confidence',
  'review',
]);

/** The blind pass's own order: the clips' numbers (the order they came into the project). */
export const BLIND_SORT: ClipSort = 'imported';

export function sortTellsLabel(sort: ClipSort): boolean {
  return TELLING_SORTS.has(sort);
}

/** Conditions that would tell a label by which clips they keep: a named label, a name search, the model's. */
const TELLING_CONDITIONS = ['label', 'search', 'disagrees', 'maxConfidence'] as const;

/** `filter` with nothing that selects clips by their label, name or the model's guess, if it is blind. */
export function blindSafeFilter(filter: ClipFilter): ClipFilter {
  if (!isBlind(filter)) return filter;
  const safe = { ...filter };
  for (const key of TELLING_CONDITIONS) delete safe[key];
  return safe;
}

/** The name a clip goes by in the blind pass: its number in the project, which says nothing of its label. */
export function blindName(id: number): string {
  return `Clip ${id}`;
}

/** What a list row shows: in the blind pass, its number for a name and no label, guess or confidence. */
export function visibleRow(row: ClipRow, blind: boolean): ClipRow {
  if (!blind) return row;
  const name = blindName(row.id);
  return { ...row, name, path: name, label: null, predicted: null, confidence: null };
}
