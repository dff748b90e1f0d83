/** Synthetic takes for the recording tests: a voiced-like tone complex, silence, clipping. */

/** Sines below 8 kHz (so a 16 kHz copy keeps them whole) under a smooth envelope, peak about 0.5. */
export function toneComplex(rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const n = Math.round(rate * seconds);
  const out = new Float32Array(n);
  const parts = [
    [180, 0.5],
    [430, 0.25],
    [1250, 0.15],
    [3100, 0.1],
  ] as const;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    let x = 0;
    for (const [f, a] of parts) x += a * Math.sin(2 * Math.PI * f * t);
    out[i] = amplitude * x;
  }
  return out;
}

/** `before` s of silence, `seconds` of tone, `after` s of silence, at `rate`. */
export function padded(rate: number, before: number, seconds: number, after: number): Float32Array {
  const tone = toneComplex(rate, seconds);
  const out = new Float32Array(Math.round(rate * before) + tone.length + Math.round(rate * after));
  out.set(tone, Math.round(rate * before));
  return out;
}

/** Seeded uniform noise in [-amplitude, amplitude]. */
export function noise(rate: number, seconds: number, amplitude: number, seed = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = amplitude * ((s / 2 ** 32) * 2 - 1);
  }
  return out;
}
