import { applyTopDbInPlace, cloneSpectrogram, type Spectrogram } from '../features/index.js';

/** The instance steps a model may have been trained with (saved in its studio-model.json). */
export const INSTANCE_MODES = ['none', 'band', 'clip', 'peak'] as const;

/**
 * How a log-mel becomes model input, saved with every model so training, evaluation and prediction
 * (in Node or the browser) transform clips identically.
 * - trimDb: leading and trailing frames whose loudest band is more than trimDb below the clip's loudest
 *   frame are cut (librosa's effects.trim), so crops and windows land on speech, not on the pauses around
 *   it; 0 keeps every frame.
 * - topDb: values more than topDb below the clip's peak are raised to that floor (librosa's top_db), so
 *   digital silence (-100 dB) and a quiet room look alike.
 * - instance: 'band' subtracts the clip's own mean of each mel band (cepstral-mean style: removes the
 *   microphone, the room and much of the speaker's timbre), 'clip' its mean level, 'peak' its loudest value
 *   (librosa's ref=np.max: the recording's gain no longer matters, its dynamics do), 'none' nothing.
 * - mean/std: per band, from training speakers only, after the steps above.
 */
export interface InputNorm {
  trimDb: number;
  topDb: number;
  instance: (typeof INSTANCE_MODES)[number];
  mean: number[];
  std: number[];
}

export type InstanceMode = InputNorm['instance'];

const MIN_STD = 1e-5;

/** A copy with everything below (peak - topDb) raised to that floor. */
export function applyFloor(spec: Spectrogram, topDb: number): Spectrogram {
  return spec.data.length === 0 ? spec : applyTopDbInPlace(cloneSpectrogram(spec), topDb);
}

/** Frames kept around the speech when trimming, so onsets and decays are not cut. */
const TRIM_MARGIN_FRAMES = 5;
/** Never trim a clip below this many frames (a short, even clip stays as it is). */
const MIN_TRIMMED_FRAMES = 50;

/** A view of the frames between the first and last one within trimDb of the loudest frame (plus a margin). */
export function trimSilence(spec: Spectrogram, trimDb: number): Spectrogram {
  const { frames, bins, data } = spec;
  if (trimDb <= 0 || frames <= MIN_TRIMMED_FRAMES) return spec;
  const loudness = new Float32Array(frames);
  let peak = -Infinity;
  for (let t = 0; t < frames; t++) {
    let m = -Infinity;
    for (let b = 0; b < bins; b++) if (data[t * bins + b] > m) m = data[t * bins + b];
    loudness[t] = m;
    if (m > peak) peak = m;
  }
  const threshold = peak - trimDb;
  let first = 0;
  while (first < frames - 1 && loudness[first] < threshold) first++;
  let last = frames - 1;
  while (last > first && loudness[last] < threshold) last--;
  first = Math.max(0, first - TRIM_MARGIN_FRAMES);
  last = Math.min(frames - 1, last + TRIM_MARGIN_FRAMES);
  // Too short once trimmed: widen around the speech, as evenly as the clip allows.
  const short = MIN_TRIMMED_FRAMES - (last - first + 1);
  if (short > 0) {
    first = Math.max(0, first - Math.ceil(short / 2));
    last = Math.min(frames - 1, first + MIN_TRIMMED_FRAMES - 1);
    first = Math.max(0, last - MIN_TRIMMED_FRAMES + 1);
  }
  if (first === 0 && last === frames - 1) return spec;
  return { frames: last - first + 1, bins, data: data.subarray(first * bins, (last + 1) * bins) };
}

/** What every clip goes through before windows are cut: silence trimmed at the ends, then floored. */
export function prepareLogMel(spec: Spectrogram, norm: Pick<InputNorm, 'trimDb' | 'topDb'>): Spectrogram {
  return applyFloor(trimSilence(spec, norm.trimDb), norm.topDb);
}

/** What the instance step subtracts from each band of this clip (computed over the whole clip). */
export function instanceOffsets(spec: Spectrogram, mode: InstanceMode): Float32Array {
  const { frames, bins, data } = spec;
  const offsets = new Float32Array(bins);
  if (mode === 'none' || frames === 0) return offsets;
  if (mode === 'peak') {
    let peak = -Infinity;
    for (let i = 0; i < data.length; i++) if (data[i] > peak) peak = data[i];
    return offsets.fill(peak);
  }
  const sums = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let b = 0; b < bins; b++) sums[b] += data[row + b];
  }
  if (mode === 'band') {
    for (let b = 0; b < bins; b++) offsets[b] = sums[b] / frames;
    return offsets;
  }
  let total = 0;
  for (let b = 0; b < bins; b++) total += sums[b];
  offsets.fill(total / (frames * bins));
  return offsets;
}

/**
 * Writes (x - offset[b] - mean[b]) / std[b] of a [frames][bins] window into `out` at `at`.
 * Offsets come from the whole clip, so every window of a long clip shares them.
 */
export function writeNormalised(
  window: Spectrogram,
  offsets: Float32Array,
  norm: Pick<InputNorm, 'mean' | 'std'>,
  out: Float32Array,
  at = 0,
): void {
  const { frames, bins, data } = window;
  const shift = new Float32Array(bins);
  const scale = new Float32Array(bins);
  for (let b = 0; b < bins; b++) {
    shift[b] = offsets[b] + norm.mean[b];
    scale[b] = 1 / Math.max(norm.std[b], MIN_STD);
  }
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let b = 0; b < bins; b++) out[at + row + b] = (data[row + b] - shift[b]) * scale[b];
  }
}

/**
 * Fits mean/std on training clips (already through prepareLogMel) after the instance step, so the model's inputs have
 * unit scale per band whatever the mode.
 */
export function fitInputNorm(
  specs: Iterable<Spectrogram>,
  mode: InstanceMode,
  prep: Pick<InputNorm, 'trimDb' | 'topDb'>,
): InputNorm {
  let sum: Float64Array | null = null;
  let sumSq: Float64Array | null = null;
  let count = 0;
  let bins = 0;
  for (const spec of specs) {
    if (!sum || !sumSq) {
      bins = spec.bins;
      sum = new Float64Array(bins);
      sumSq = new Float64Array(bins);
    }
    if (spec.bins !== bins) throw new RangeError(`all spectrograms need ${bins} bins, got ${spec.bins}`);
    const off = instanceOffsets(spec, mode);
    for (let t = 0; t < spec.frames; t++) {
      const row = t * bins;
      for (let b = 0; b < bins; b++) {
        const v = spec.data[row + b] - off[b];
        sum[b] += v;
        sumSq[b] += v * v;
      }
    }
    count += spec.frames;
  }
  if (!sum || !sumSq || count === 0) throw new RangeError('normalisation needs at least one training frame');
  const mean: number[] = [];
  const std: number[] = [];
  for (let b = 0; b < bins; b++) {
    const m = sum[b] / count;
    mean.push(m);
    std.push(Math.sqrt(Math.max(sumSq[b] / count - m * m, 0)));
  }
  return { trimDb: prep.trimDb, topDb: prep.topDb, instance: mode, mean, std };
}
