/**
 * Frame centres for a contour: one every `hopS` seconds from 0 to the end of the clip, each analysed over a
 * window centred on it (clipped at the clip's edges), so a contour's times line up with the playhead and
 * with every other contour computed at the same hop.
 */
export function frameCentres(sampleCount: number, sampleRate: number, hopS: number): Float64Array {
  if (sampleCount <= 0 || sampleRate <= 0 || hopS <= 0) return new Float64Array(0);
  const durationS = sampleCount / sampleRate;
  const n = Math.floor(durationS / hopS + 1e-9) + 1;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = i * hopS;
  return times;
}

/** The sample range [start, end) of a `length`-sample window centred on `timeS`, clipped to the signal. */
export function windowAt(
  timeS: number,
  sampleRate: number,
  length: number,
  sampleCount: number,
): { start: number; end: number } {
  const centre = Math.round(timeS * sampleRate);
  const start = Math.max(0, centre - Math.floor(length / 2));
  return { start, end: Math.min(sampleCount, start + length) };
}
