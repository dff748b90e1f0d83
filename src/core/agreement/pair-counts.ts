/** Past this many pairs of annotators (about 2,900 annotators) a count per pair is kept only for pairs seen. */
const DENSE_PAIRS = 1 << 22;

/**
 * A count per pair of annotators (i < j, by their index): an array while that takes a few megabytes, else a
 * map of the pairs that occur, so a project of many annotators who each labelled a few clips stays small.
 */
export class PairCounts {
  readonly pairs: number;
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(private readonly n: number) {
    this.pairs = (n * (n - 1)) / 2;
    this.dense = this.pairs <= DENSE_PAIRS ? new Int32Array(this.pairs) : null;
    this.sparse = this.dense ? null : new Map();
  }

  /** The pair's place in the order (0,1), (0,2) ... (1,2) ...: the names' order when they are sorted. */
  index(i: number, j: number): number {
    return i * this.n - (i * (i + 1)) / 2 + (j - i - 1);
  }

  pairAt(p: number): [number, number] {
    let i = 0;
    let first = 0;
    while (first + (this.n - 1 - i) <= p) first += this.n - 1 - i++;
    return [i, i + 1 + (p - first)];
  }

  add(i: number, j: number): void {
    const p = this.index(i, j);
    if (this.dense) this.dense[p]++;
    else this.sparse!.set(p, (this.sparse!.get(p) ?? 0) + 1);
  }

  get(i: number, j: number): number {
    const p = this.index(i, j);
    return this.dense ? this.dense[p] : (this.sparse!.get(p) ?? 0);
  }

  setAt(p: number, value: number): void {
    if (this.dense) this.dense[p] = value;
    else this.sparse!.set(p, value);
  }

  /** How many pairs have a count above zero. */
  nonZero(): number {
    const { values } = this.all();
    let n = 0;
    for (let k = 0; k < values.length; k++) if (values[k] > 0) n++;
    return n;
  }

  /**
   * The pairs with the highest counts (above zero), at most `limit`, a tie at the cut going to the earlier
   * pair; in pair order. A histogram of the counts finds the cut in one pass, with no sort of every pair.
   */
  most(limit: number): number[] {
    const { pairs, values } = this.all();
    let max = 0;
    for (let k = 0; k < values.length; k++) if (values[k] > max) max = values[k];
    const histogram = new Int32Array(max + 1);
    for (let k = 0; k < values.length; k++) histogram[values[k]]++;
    let cut = max;
    let above = 0;
    while (cut > 1 && above + histogram[cut] < limit) above += histogram[cut--];
    let atCut = Math.min(histogram[cut], limit - above);
    const chosen: number[] = [];
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (v > cut || (v === cut && v > 0 && atCut-- > 0)) chosen.push(pairs ? pairs[k] : k);
    }
    return chosen;
  }

  /** Every pair's count in pair order; `pairs` names them when not every pair is kept (else the position). */
  private all(): { pairs: Float64Array | null; values: Int32Array } {
    if (this.dense) return { pairs: null, values: this.dense };
    const pairs = Float64Array.from(this.sparse!.keys()).sort();
    return { pairs, values: Int32Array.from(pairs, (p) => this.sparse!.get(p)!) };
  }
}
