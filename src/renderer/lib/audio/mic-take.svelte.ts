import { messageOf } from '../util/errors.js';
import { concat } from './buffers.js';
import { MIC_RATE, MicCapture } from './mic.js';

type Open = (onBlock: (block: Float32Array) => void) => Promise<Pick<MicCapture, 'stop'>>;

/**
 * One take from the microphone, at MIC_RATE: the seconds so far while it runs, the whole signal when it stops.
 * At `maxSeconds` it calls `onFull` (which stops it). `error` says why there is no take: no microphone, or
 * one too short.
 */
export class MicTake {
  recording = $state(false);
  seconds = $state(0);
  error = $state<string | null>(null);
  #mic: Pick<MicCapture, 'stop'> | null = null;
  #blocks: Float32Array[] = [];

  constructor(
    private readonly maxSeconds: number,
    private readonly onFull: () => void,
    private readonly open: Open = (onBlock) => MicCapture.open(onBlock),
  ) {}

  /** Opens the microphone; where the browser gives none or the user refuses it, `error` says so. */
  async start(): Promise<void> {
    this.error = null;
    this.#blocks = [];
    this.seconds = 0;
    let samples = 0;
    try {
      this.#mic = await this.open((block) => {
        this.#blocks.push(block);
        samples += block.length;
        this.seconds = samples / MIC_RATE;
        if (this.seconds >= this.maxSeconds) this.onFull();
      });
      this.recording = true;
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /**
   * The take's signal; null when no take was running, or when it is shorter than `minSeconds` (then `error`
   * is `tooShort`).
   */
  stop(minSeconds = 0, tooShort = ''): Float32Array | null {
    if (!this.#mic) return null;
    this.#mic.stop();
    this.#mic = null;
    this.recording = false;
    const signal = concat(this.#blocks);
    this.#blocks = [];
    if (signal.length >= MIC_RATE * minSeconds) return signal;
    this.error = tooShort;
    return null;
  }

  /** Lets the microphone go (the component is going away). */
  close(): void {
    this.#mic?.stop();
  }
}
