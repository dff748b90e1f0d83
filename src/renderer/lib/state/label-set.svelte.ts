import { CANONICAL_LABELS } from '../../../common/labels.js';
import { errorOf } from '../util/errors.js';
import { studio } from './studio.svelte.js';

/** A clip count per label as the engine gives it ('' or 'null': unlabelled). */
export type LabelCounts = Readonly<Record<string, number>>;

const isUnlabelled = (label: string): boolean => label === '' || label === 'null';

/** The labels `counts` holds clips of, in the studio's order of emotions (the order of the keys 1-9). */
export function labelsFound(counts: LabelCounts): string[] {
  return CANONICAL_LABELS.filter((l) => (counts[l] ?? 0) > 0);
}

/** The labelled clips a label set leaves out (training skips them; Clips and Review hide them by default). */
export function leftOut(
  counts: LabelCounts,
  labels: readonly string[],
): { clips: number; perLabel: Array<[string, number]> } {
  const perLabel = Object.entries(counts)
    .filter(([l, n]) => n > 0 && !isUnlabelled(l) && !labels.includes(l))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { clips: perLabel.reduce((n, [, c]) => n + c, 0), perLabel };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((l) => b.includes(l));

/**
 * The labels an import found, offered as the label set when they differ from it (and there are two or more:
 * a label set needs two).
 */
export function labelSetOffer(found: LabelCounts, current: readonly string[]): string[] | null {
  const labels = labelsFound(found);
  return labels.length >= 2 && !sameSet(labels, current) ? labels : null;
}

/** "happy, sad and neutral". */
export function labelList(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * The project's label set as the user changes it: only by an explicit action (the import's offer, Train's
 * "Use as the label set"), each one undoable, never as the side effect of a tick.
 */
class LabelSetState {
  /** The set before the last change, for Undo; null when there is nothing to undo. */
  previous = $state.raw<string[] | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);

  /** The labelled clips the project's label set leaves out now. */
  get leftOut(): { clips: number; perLabel: Array<[string, number]> } {
    return leftOut(studio.project?.stats.perLabel ?? {}, studio.labels);
  }

  /** Makes `labels` the label set (in the studio's order); Undo puts the set before it back. */
  async apply(labels: readonly string[]): Promise<boolean> {
    const before = [...studio.labels];
    const next = CANONICAL_LABELS.filter((l) => labels.includes(l));
    if (sameSet(next, before)) return true;
    if (!(await this.#set(next))) return false;
    this.previous = before;
    studio.say(`Label set: ${labelList(next)}`);
    return true;
  }

  async undo(): Promise<void> {
    const before = this.previous;
    if (!before || !(await this.#set(before))) return;
    this.previous = null;
    studio.say(`Label set back to ${labelList(before)}`);
  }

  async #set(labels: string[]): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.error = await errorOf(() => studio.setLabels(labels));
    this.busy = false;
    return this.error === null;
  }
}

export const labelSet = new LabelSetState();
