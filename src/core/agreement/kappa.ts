/**
 * Chance-corrected agreement coefficients on nominal labels. Each returns null where it is undefined
 * (chance agreement is already perfect, or there is nothing to compare), never NaN, so JSON and tables
 * can say "n/a" instead of printing a number that means nothing.
 */

/** Cohen's kappa of two raters over the same items: `pairs[i]` is [rater 1's label, rater 2's label]. */
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const index = new Map<string, number>();
  for (const [a, b] of pairs) for (const l of [a, b]) if (!index.has(l)) index.set(l, index.size);
  const k = index.size;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [a, b] of pairs) counts[index.get(a)!][index.get(b)!]++;
  return cohenKappaOf(counts);
}

/**
 * Cohen's kappa from the two raters' count table: `counts[i][j]` items rater 1 put in category i and rater 2
 * in category j. What cohenKappa computes, from the table a pass over the items fills.
 */
export function cohenKappaOf(counts: ReadonlyArray<ArrayLike<number>>): number | null {
  const k = counts.length;
  let n = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = counts[i][j];
      n += c;
      rows[i] += c;
      cols[j] += c;
      if (i === j) agree += c;
    }
  }
  if (n === 0) return null;
  const po = agree / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i] / n) * (cols[i] / n);
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

/** Fleiss' P̄, P̄e and kappa from a count matrix: counts[i][j] raters put item i in category j, m raters each. */
export function fleissKappa(counts: ReadonlyArray<ArrayLike<number>>): FleissResult | null {
  const sums = new FleissSums();
  for (const row of counts) sums.add(row);
  return sums.value();
}

export interface FleissResult {
  observed: number;
  expected: number;
  kappa: number | null;
}

/** Fleiss' kappa summed an item at a time (a caller can pause between items); items with no rating drop out. */
export class FleissSums {
  private raters = 0;
  private items = 0;
  private observed = 0;
  private columns: number[] = [];

  add(row: ArrayLike<number>): void {
    let m = 0;
    let same = 0;
    for (let j = 0; j < row.length; j++) {
      m += row[j];
      same += row[j] * (row[j] - 1);
    }
    if (m === 0) return;
    if (this.items === 0) this.raters = m;
    else if (m !== this.raters)
      throw new Error('Fleiss’ kappa needs the same number of raters for every item');
    this.items++;
    if (m >= 2) this.observed += same / (m * (m - 1));
    for (let j = 0; j < row.length; j++) this.columns[j] = (this.columns[j] ?? 0) + row[j];
  }

  value(): FleissResult | null {
    if (this.items === 0 || this.raters < 2) return null;
    const observed = this.observed / this.items;
    const total = this.items * this.raters;
    let expected = 0;
    for (const c of this.columns) expected += (c / total) ** 2;
    return { observed, expected, kappa: expected >= 1 ? null : (observed - expected) / (1 - expected) };
  }
}

/**
 * Krippendorff's alpha for nominal data, from each item's labels (any number of raters per item; items with
 * fewer than two labels are not pairable and drop out). It is the coefficient that copes with missing ratings.
 */
export function krippendorffAlpha(units: ReadonlyArray<readonly string[]>): number | null {
  const index = new Map<string, number>();
  for (const values of units) for (const v of values) if (!index.has(v)) index.set(v, index.size);
  return krippendorffAlphaOf(
    units.map((values) => {
      const counts = new Array<number>(index.size).fill(0);
      for (const v of values) counts[index.get(v)!]++;
      return counts;
    }),
  );
}

/** Krippendorff's alpha (nominal) from each item's count of labels per category: `counts[u][c]`. */
export function krippendorffAlphaOf(counts: Iterable<ArrayLike<number>>): number | null {
  const sums = new AlphaSums();
  for (const row of counts) sums.add(row);
  return sums.value();
}

/**
 * Krippendorff's alpha (nominal) summed a unit at a time. The coincidence matrix comes from the unit's counts
 * (every ordered pair of its labels, weighted 1 / (m_u - 1)), so a unit costs its categories, not its raters
 * squared.
 */
export class AlphaSums {
  private readonly marginals: number[] = [];
  private n = 0;
  private disagreeing = 0;

  add(row: ArrayLike<number>): void {
    let m = 0;
    for (let c = 0; c < row.length; c++) m += row[c];
    if (m < 2) return;
    // Σ_c n_c (m - n_c) ordered pairs of different labels, and every label in m - 1 pairs, all over m - 1.
    for (let c = 0; c < row.length; c++) {
      const nc = row[c];
      if (nc === 0) continue;
      this.marginals[c] = (this.marginals[c] ?? 0) + nc;
      this.disagreeing += (nc * (m - nc)) / (m - 1);
    }
    this.n += m;
  }

  value(): number | null {
    const { n } = this;
    if (n <= 1) return null;
    let sumSquares = 0;
    for (const nc of this.marginals) sumSquares += (nc ?? 0) ** 2;
    const expectedDisagreeing = n * n - sumSquares; // Σ_{c≠k} n_c n_k
    if (expectedDisagreeing <= 0) return null;
    return 1 - ((n - 1) * this.disagreeing) / expectedDisagreeing;
  }
}
