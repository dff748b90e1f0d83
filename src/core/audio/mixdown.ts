/** Averages equally long channels into one; a single channel is returned as is. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const frames = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(frames);
  for (const channel of channels) for (let i = 0; i < frames; i++) out[i] += channel[i];
  const scale = 1 / channels.length;
  for (let i = 0; i < frames; i++) out[i] *= scale;
  return out;
}

/** Where the first NaN or ±Infinity is, and how many there are. */
export function findNonFinite(samples: Float32Array): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    // x - x is 0 for every finite number and NaN for NaN and ±Infinity
    if (x - x !== 0) {
      if (count === 0) first = i;
      count++;
    }
  }
  return { count, first };
}
