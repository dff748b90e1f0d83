/** Counts of (true, predicted) pairs: rows true, columns predicted. */
export function confusionMatrix(
  trueIdx: ArrayLike<number>,
  predIdx: ArrayLike<number>,
  nClasses: number,
): number[][] {
  if (trueIdx.length !== predIdx.length) {
    throw new Error(`confusionMatrix: ${trueIdx.length} true labels but ${predIdx.length} predictions`);
  }
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw new Error(`confusionMatrix: nClasses must be a positive integer, got ${nClasses}`);
  }
  const matrix = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < trueIdx.length; i++) {
    const t = trueIdx[i];
    const p = predIdx[i];
    if (!isClassIndex(t, nClasses) || !isClassIndex(p, nClasses)) {
      throw new Error(`confusionMatrix: pair ${i} (${t}, ${p}) is outside 0..${nClasses - 1}`);
    }
    matrix[t][p]++;
  }
  return matrix;
}

/** Each row divided by its sum; an empty row stays all 0 rather than NaN so it serialises and plots. */
export function normaliseRows(matrix: number[][]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

function isClassIndex(v: number, n: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < n;
}
