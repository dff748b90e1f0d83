import type { Spectrogram } from '../features/index.js';

/**
 * Every training clip's log-mel in one Float32 block (one copy per clip, never per augmented copy),
 * backed by a SharedArrayBuffer when available so the batch worker reads it without a copy.
 */
export interface FeatureBank {
  bins: number;
  data: Float32Array;
  /** First frame of each clip in `data` (multiply by bins for the float index). */
  offsets: Int32Array;
  frames: Int32Array;
}

function allocate(floats: number, shared: boolean): Float32Array {
  const bytes = floats * Float32Array.BYTES_PER_ELEMENT;
  return new Float32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * Fills a bank clip by clip. Given a good estimate of the total frames (e.g. from the clips' durations)
 * the block is allocated once, so peak memory stays at one copy of the features.
 */
export class FeatureBankBuilder {
  private data: Float32Array;
  private usedFrames = 0;
  private readonly offsets: number[] = [];
  private readonly frames: number[] = [];
  private readonly shared: boolean;

  constructor(
    readonly bins: number,
    capacityFrames: number,
    opts: { shared?: boolean } = {},
  ) {
    this.shared = (opts.shared ?? true) && typeof SharedArrayBuffer !== 'undefined';
    this.data = allocate(Math.max(1, Math.ceil(capacityFrames)) * bins, this.shared);
  }

  /** Appends a clip; returns its index in the bank. */
  add(spec: Spectrogram): number {
    if (spec.bins !== this.bins) throw new RangeError(`clip has ${spec.bins} bins, the bank ${this.bins}`);
    const need = (this.usedFrames + spec.frames) * this.bins;
    if (need > this.data.length) {
      const grown = allocate(Math.max(need, Math.ceil(this.data.length * 1.5)), this.shared);
      grown.set(this.data.subarray(0, this.usedFrames * this.bins));
      this.data = grown;
    }
    this.data.set(spec.data.subarray(0, spec.frames * this.bins), this.usedFrames * this.bins);
    this.offsets.push(this.usedFrames);
    this.frames.push(spec.frames);
    this.usedFrames += spec.frames;
    return this.offsets.length - 1;
  }

  get size(): number {
    return this.offsets.length;
  }

  build(): FeatureBank {
    return {
      bins: this.bins,
      data: this.data,
      offsets: Int32Array.from(this.offsets),
      frames: Int32Array.from(this.frames),
    };
  }
}

export function createFeatureBank(
  specs: readonly Spectrogram[],
  opts: { shared?: boolean } = {},
): FeatureBank {
  if (specs.length === 0) throw new RangeError('a feature bank needs at least one clip');
  const builder = new FeatureBankBuilder(
    specs[0].bins,
    specs.reduce((n, s) => n + s.frames, 0),
    opts,
  );
  for (const s of specs) builder.add(s);
  return builder.build();
}

export function bankSize(bank: FeatureBank): number {
  return bank.frames.length;
}

/** A view (no copy) of clip `i`. */
export function bankSpec(bank: FeatureBank, i: number): Spectrogram {
  const start = bank.offsets[i] * bank.bins;
  const n = bank.frames[i];
  return { frames: n, bins: bank.bins, data: bank.data.subarray(start, start + n * bank.bins) };
}
