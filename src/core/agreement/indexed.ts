// Agreement's clips with their annotators and labels as indices, and the meter of its progress: shared by the
// clip passes (agreement.ts) and the pair table (pair-table.ts).
import type { AgreementItem, Annotation } from '../dataset/consensus.js';

/** A clip by index: its annotators (by their index in the sorted names, ascending) and their labels. */
export interface Indexed {
  who: Int32Array;
  label: Int32Array;
  /** Labels per category (labels order). */
  counts: Int32Array;
  intended: number;
  /** Its annotators' labels as words, for the tie rule. */
  annotations: readonly Annotation[];
}

/** Each annotator's and each label's index, and how many labels there are. */
export interface Indices {
  annotator: ReadonlyMap<string, number>;
  label: ReadonlyMap<string, number>;
  labels: number;
}

export function indexItem(it: AgreementItem, indices: Indices): Indexed {
  const order = it.annotations
    .map((a) => ({
      who: indices.annotator.get(a.annotator) as number,
      label: indices.label.get(a.label) as number,
    }))
    .sort((x, y) => x.who - y.who);
  const counts = new Int32Array(indices.labels);
  for (const o of order) counts[o.label]++;
  return {
    who: Int32Array.from(order, (o) => o.who),
    label: Int32Array.from(order, (o) => o.label),
    counts,
    intended: it.intended === null ? -1 : (indices.label.get(it.intended) ?? -1),
    annotations: it.annotations,
  };
}

/** Work done against the whole, as the share of progress the steps after the first pass yield. */
export class WorkMeter {
  private done = 0;

  /** `start`: the share the first pass stood for; `total`: the rest, in work units. */
  constructor(
    private readonly start: number,
    private readonly total: number,
  ) {}

  /** Counts `units` more done; returns the share done. */
  add(units: number): number {
    this.done += units;
    return this.share();
  }

  share(): number {
    return this.start + ((1 - this.start) * Math.min(this.done, this.total)) / this.total;
  }
}
