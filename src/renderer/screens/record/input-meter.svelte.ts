import { CLIP_SAMPLE_LEVEL } from '../../../core/recording/take-checks.js';

/** How long the clipping warning stays after the last flat top, and how often the meter moves. */
export const CLIP_HOLD_MS = 1500;
export const METER_MS = 50;
/** Consecutive full-scale samples that count as clipping for the live warning. */
export const CLIP_RUN = 3;

/**
 * The microphone's level while a take is recorded, fed block by block: the peak since the meter last moved
 * (it moves every METER_MS, not at each block), the seconds recorded, and the clipping warning, held for
 * CLIP_HOLD_MS after the last flat top.
 */
export class InputMeter {
  /** The peak of the last meter period, 0..1. */
  level = $state(0);
  seconds = $state(0);
  #clipUntil = $state(0);
  /** When the meter last moved: the warning is measured against it, so it goes at a meter tick. */
  #movedAt = $state(0);

  clipping = $derived(this.#movedAt < this.#clipUntil);

  readonly #now: () => number;
  #samples = 0;
  #peak = 0;
  #lastMeter = 0;
  #run = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** A new take: nothing recorded yet. */
  start(): void {
    this.seconds = 0;
    this.#samples = 0;
    this.#peak = 0;
    this.#lastMeter = 0;
    this.#run = 0;
  }

  push(block: Float32Array, sampleRate: number): void {
    this.#samples += block.length;
    for (let i = 0; i < block.length; i++) {
      const a = Math.abs(block[i]);
      if (a > this.#peak) this.#peak = a;
      // a flat top (consecutive samples at full scale) is clipping; one full-scale sample may be a
      // resampler's overshoot of a loud but whole peak
      this.#run = a >= CLIP_SAMPLE_LEVEL ? this.#run + 1 : 0;
      if (this.#run >= CLIP_RUN) this.#clipUntil = this.#now() + CLIP_HOLD_MS;
    }
    const t = this.#now();
    if (t - this.#lastMeter >= METER_MS) {
      this.level = this.#peak;
      this.#peak = 0;
      this.#lastMeter = t;
      this.#movedAt = t;
      this.seconds = this.#samples / sampleRate;
    }
  }

  /** The take stopped: the bar drops. */
  stop(): void {
    this.level = 0;
  }
}
