/** Below this spread a feature is treated as constant for a speaker (left at 0 once centred). */
const MIN_SPREAD = 1e-6;

export interface SpeakerStats {
  mean: Float64Array;
  std: Float64Array;
  clips: number;
}

/** Mean and (population) standard deviation of each feature over the given rows. */
export function featureStats(rows: readonly Float32Array[]): SpeakerStats {
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

/**
 * A row standardised by a speaker's statistics: what stays is how a clip differs from that speaker's usual
 * voice, which is what an emotion changes. Needs no labels, so a held-out speaker is standardised by their
 * own (unlabelled) clips.
 */
export function standardiseWith(
  row: Float32Array,
  stats: { mean: ArrayLike<number>; std: ArrayLike<number> },
): Float32Array {
  const out = new Float32Array(row.length);
  for (let d = 0; d < row.length; d++)
    out[d] = stats.std[d] > MIN_SPREAD ? (row[d] - stats.mean[d]) / stats.std[d] : 0;
  return out;
}
