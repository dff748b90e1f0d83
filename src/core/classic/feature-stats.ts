export interface FeatureStats {
  mean: Float64Array;
  std: Float64Array;
  clips: number;
}

/** Mean and (population) standard deviation of each feature over the given rows. */
export function featureStats(rows: readonly Float32Array[]): FeatureStats {
  const dims = rows[0]?.length ?? 0;
  const mean = new Float64Array(dims);
  const std = new Float64Array(dims);
  for (const r of rows) for (let d = 0; d < dims; d++) mean[d] += r[d];
  for (let d = 0; d < dims; d++) mean[d] /= Math.max(rows.length, 1);
  for (const r of rows)
    for (let d = 0; d < dims; d++) {
      const v = r[d] - mean[d];
      std[d] += v * v;
    }
  for (let d = 0; d < dims; d++) std[d] = Math.sqrt(std[d] / Math.max(rows.length, 1));
  return { mean, std, clips: rows.length };
}
