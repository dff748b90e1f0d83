// The one array shape every feature function takes and returns.

export interface Spectrogram {
  frames: number;
  bins: number;
  /** Row-major [frames][bins]. */
  data: Float32Array;
}

export function createSpectrogram(frames: number, bins: number, fill = 0): Spectrogram {
  const data = new Float32Array(frames * bins);
  if (fill !== 0) data.fill(fill);
  return { frames, bins, data };
}

export function cloneSpectrogram(spec: Spectrogram): Spectrogram {
  return { frames: spec.frames, bins: spec.bins, data: spec.data.slice() };
}

/** Smallest value, or 0 for an empty spectrogram: the natural "silence" level to pad or fill with. */
export function spectrogramMin(spec: Spectrogram): number {
  const d = spec.data;
  if (d.length === 0) return 0;
  let m = Infinity;
  for (let i = 0; i < d.length; i++) if (d[i] < m) m = d[i];
  return m;
}

export function spectrogramMax(spec: Spectrogram): number {
  const d = spec.data;
  if (d.length === 0) return 0;
  let m = -Infinity;
  for (let i = 0; i < d.length; i++) if (d[i] > m) m = d[i];
  return m;
}
