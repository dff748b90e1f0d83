import type { TieRule } from '../../common/contract.js';

export interface Annotation {
  annotator: string;
  label: string;
}

/** One clip as agreement sees it: each annotator's label and the acted emotion, if known. */
export interface AgreementItem {
  annotations: readonly Annotation[];
  intended: string | null;
}

/** The labels with the most votes (several on a tie) and how many votes each has. */
export function topLabels(labels: readonly string[]): { top: string[]; votes: number } {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let votes = 0;
  for (const n of counts.values()) votes = Math.max(votes, n);
  const top = [...counts].filter(([, n]) => n === votes).map(([l]) => l);
  return { top: top.sort(), votes };
}

/**
 * How divided a clip's annotators are: the share of labels outside the most common one (0 when they all
 * agree). The disagreement queue sorts on it, most divided first.
 */
export function division(labels: readonly string[]): number {
  if (labels.length === 0) return 0;
  return 1 - topLabels(labels).votes / labels.length;
}

/**
 * A clip's training label from its annotators' labels. One annotator's label is the label (a single-annotator
 * project behaves as before annotators existed); with more, the majority; on a tie, the rule: 'flag' keeps
 * `current` (the label it had), 'exclude' gives null (out of training), 'adjudicator' takes the adjudicator's
 * label, or keeps `current` while they have not labelled the clip. `tied` is true on every tie.
 */
export function consensusLabel(
  annotations: readonly Annotation[],
  rule: TieRule,
  current: string | null,
): { label: string | null; tied: boolean } {
  if (annotations.length === 0) return { label: current, tied: false };
  const { top } = topLabels(annotations.map((a) => a.label));
  if (top.length === 1) return { label: top[0], tied: false };
  switch (rule.rule) {
    case 'exclude':
      return { label: null, tied: true };
    case 'adjudicator': {
      const decided = annotations.find((a) => a.annotator === rule.adjudicator);
      return { label: decided ? decided.label : current, tied: true };
    }
    case 'flag':
      return { label: current, tied: true };
  }
}
