import { encodeWav } from '../../../core/audio/wav-encode.js';
import { prepareTake, type PreparedTake } from '../../../core/recording/take-audio.js';
import { MAX_TAKE_SECONDS } from '../../../core/recording/take-checks.js';
import { concat } from '../../lib/audio/buffers.js';
import { MicCapture } from '../../lib/audio/mic.js';
import { recording } from '../../lib/state/record.svelte.js';
import { studio } from '../../lib/state/studio.svelte.js';
import { messageOf } from '../../lib/util/errors.js';
import { InputMeter } from './input-meter.svelte.js';

/** An open microphone, as the capture needs it. */
export interface Microphone {
  readonly sampleRate: number;
  stop(): void;
}

export type OpenMicrophone = (
  onBlock: (block: Float32Array) => void,
  opts: { nativeRate?: boolean },
) => Promise<Microphone>;

export type CapturePhase = 'idle' | 'opening' | 'recording' | 'preparing';

/** What the capture uses beyond the page's state; tests give their own. */
export interface CaptureParts {
  openMicrophone?: OpenMicrophone;
  prepare?: typeof prepareTake;
  now?: () => number;
}

/**
 * One take of the Record screen, from the microphone to a take ready to keep: recording it (at the
 * device's own rate, metered as it comes), checking and preparing it, playing it back, keeping it in the
 * session (recording.keep) or throwing it away. A take not kept yet lives only here.
 */
export class TakeCapture {
  phase = $state<CapturePhase>('idle');
  /** The take recorded and checked, not kept yet. */
  pending = $state.raw<PreparedTake | null>(null);
  /** The pending take as a WAV the page can play. */
  playUrl = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly meter: InputMeter;

  canKeep = $derived(this.pending?.wav != null && this.phase === 'idle' && !recording.busy);

  readonly #open: OpenMicrophone;
  readonly #prepare: typeof prepareTake;
  #mic: Microphone | null = null;
  #blocks: Float32Array[] = [];

  constructor(parts: CaptureParts = {}) {
    this.#open = parts.openMicrophone ?? ((onBlock, opts) => MicCapture.open(onBlock, opts));
    this.#prepare = parts.prepare ?? prepareTake;
    this.meter = new InputMeter(parts.now);
  }

  /** What P plays: the take just recorded, else the one kept at this place of the plan. */
  get playSource(): string | null {
    if (this.playUrl) return this.playUrl;
    return recording.keptClip !== null ? studio.client.clipAudioUrl(recording.keptClip) : null;
  }

  async start(): Promise<void> {
    if (this.phase !== 'idle' || !recording.current) return;
    this.discard();
    this.error = null;
    this.#blocks = [];
    this.meter.start();
    this.phase = 'opening';
    try {
      this.#mic = await this.#open((block) => this.#onBlock(block), { nativeRate: true });
      this.phase = 'recording';
    } catch (err) {
      this.error = messageOf(err);
      this.phase = 'idle';
    }
  }

  async stop(): Promise<void> {
    const mic = this.#mic;
    if (!mic || this.phase !== 'recording') return;
    const rate = mic.sampleRate;
    mic.stop();
    this.#mic = null;
    this.phase = 'preparing';
    this.meter.stop();
    const signal = concat(this.#blocks);
    this.#blocks = [];
    try {
      const take = await this.#prepare(signal, rate, { trim: recording.trim });
      this.pending = take;
      const wav = (take.wav ?? encodeWav(take.samples, 16000)) as Uint8Array<ArrayBuffer>;
      this.playUrl = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.phase = 'idle';
    }
  }

  /** Space: records, or stops the take being recorded. */
  toggle(): Promise<void> {
    return this.phase === 'recording' ? this.stop() : this.start();
  }

  /** Enter: keeps the take in the session, which moves on. */
  async keep(): Promise<void> {
    const wav = this.pending?.wav;
    if (!this.canKeep || !wav) return;
    if (await recording.keep(wav as Uint8Array<ArrayBuffer>)) this.discard();
  }

  /** R: throws the take away and records again at once. */
  retake(): void {
    if (this.phase !== 'idle') return;
    this.discard();
    void this.start();
  }

  /** Another place of the plan shown: what was recorded for this one is not its take. */
  takeChanged(): void {
    this.discard();
    this.error = null;
  }

  discard(): void {
    this.pending = null;
    if (this.playUrl) URL.revokeObjectURL(this.playUrl);
    this.playUrl = null;
  }

  /** The screen goes: the microphone closes. */
  dispose(): void {
    this.#mic?.stop();
    if (this.playUrl) URL.revokeObjectURL(this.playUrl);
  }

  #onBlock(block: Float32Array): void {
    this.#blocks.push(block);
    this.meter.push(block, this.#mic?.sampleRate ?? 48000);
    if (this.meter.seconds >= MAX_TAKE_SECONDS) void this.stop();
  }
}
