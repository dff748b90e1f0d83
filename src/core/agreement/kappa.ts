/**
 * Chance-corrected agreement coefficients on nominal labels. Each returns null where it is undefined
 * (chance agreement is already perfect, or there is nothing to compare), never NaN, so JSON and tables
 * can say "n/a" instead of printing a number that means nothing.
 */

/** Cohen's kappa of two raters over the same items: `pairs[i]` is [rater 1's label, rater 2's label]. */
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, count] of first) pe += (count / n) * ((second.get(label) ?? 0) / n);
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

/** Fleiss' P̄, P̄e and kappa from a count matrix: counts[i][j] raters put item i in category j, m raters each. */
export function fleissKappa(counts: ReadonlyArray<readonly number[]>): {
  observed: number;
  expected: number;
  kappa: number | null;
} | null {
  const items = counts.filter((row) => row.reduce((s, x) => s + x, 0) > 0);
  if (items.length === 0) return null;
  const m = items[0].reduce((s, x) => s + x, 0);
  if (m < 2) return null;
  if (items.some((row) => row.reduce((s, x) => s + x, 0) !== m))
    throw new Error('Fleiss’ kappa needs the same number of raters for every item');
  const categories = items[0].length;
  const total = items.length * m;
  let observed = 0;
  for (const row of items) observed += row.reduce((s, x) => s + x * (x - 1), 0) / (m * (m - 1));
  observed /= items.length;
  let expected = 0;
  for (let j = 0; j < categories; j++) {
    const p = items.reduce((s, row) => s + row[j], 0) / total;
    expected += p * p;
  }
  return { observed, expected, kappa: expected >= 1 ? null : (observed - expected) / (1 - expected) };
}

/**
 * Krippendorff's alpha for nominal data, from each item's labels (any number of raters per item; items with
 * fewer than two labels are not pairable and drop out). It is the coefficient that copes with missing ratings.
 */
export function krippendorffAlpha(units: ReadonlyArray<readonly string[]>): number | null {
  // The coincidence matrix: every ordered pair of labels within a unit, weighted 1 / (m_u - 1).
  const coincidence = new Map<string, Map<string, number>>();
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = coincidence.get(values[i]) ?? new Map<string, number>();
        row.set(values[j], (row.get(values[j]) ?? 0) + 1 / (m - 1));
        coincidence.set(values[i], row);
      }
    }
  }
  const marginals = new Map<string, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagreeing += o;
    }
  }
  if (n <= 1) return null;
  let sumSquares = 0;
  for (const nc of marginals.values()) sumSquares += nc * nc;
  const expectedDisagreeing = n * n - sumSquares; // Σ_{c≠k} n_c n_k
  if (expectedDisagreeing <= 0) return null;
  return 1 - ((n - 1) * disagreeing) / expectedDisagreeing;
}
