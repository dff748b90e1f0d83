import { computeContours, type Contours } from '../../../../core/features/contours.js';

export type LoadPhase = 'empty' | 'loading' | 'ready' | 'error';

/** The decoded audio as wavesurfer hands it over (an AudioBuffer in the page). */
export interface DecodedAudio {
  sampleRate: number;
  getChannelData(channel: number): Float32Array;
}

/**
 * The clip in the audio view, from asking for it until its three pictures (waveform, spectrogram, contours)
 * are drawn: its phase, length, contours and how long they took. Each load has a ticket, and whatever an
 * older load reports once a newer one began is dropped, so fast ←/→ never shows or times the clip before.
 */
export class ClipLoad {
  phase = $state<LoadPhase>('empty');
  error = $state<string | null>(null);
  /** Seconds; the last clip's until the next one is decoded. */
  duration = $state(0);
  contours = $state.raw<Contours | null>(null);
  /** From asking for the clip to all three pictures drawn, and the contours' own computation, in ms. */
  shownMs = $state<number | null>(null);
  contoursMs = $state<number | null>(null);

  ready = $derived(this.phase === 'ready');

  #ticket = 0;
  #drawn = { wave: false, spectrogram: false, contours: false };
  #startedAt = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** A new clip asked for (or none, `hasSource` false); returns the load's ticket. */
  begin(hasSource: boolean): number {
    this.#ticket++;
    this.#drawn = { wave: false, spectrogram: false, contours: false };
    this.error = null;
    this.shownMs = null;
    this.contoursMs = null;
    this.contours = null;
    this.phase = hasSource ? 'loading' : 'empty';
    this.#startedAt = this.#now();
    return this.#ticket;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.#ticket;
  }

  /** The audio decoded and the waveform drawn: false when a newer load began meanwhile. */
  decoded(ticket: number, duration: number): boolean {
    if (!this.isCurrent(ticket)) return false;
    this.duration = duration;
    this.#drawn.wave = true;
    this.#check();
    return true;
  }

  spectrogramDrawn(ticket: number): void {
    if (!this.isCurrent(ticket)) return;
    this.#drawn.spectrogram = true;
    this.#check();
  }

  /** The pitch and energy contours of the decoded audio (the tiers draw them from here). */
  computeContours(ticket: number, audio: DecodedAudio | null): void {
    if (!this.isCurrent(ticket)) return;
    const t0 = this.#now();
    this.contours = audio ? computeContours(audio.getChannelData(0), audio.sampleRate) : null;
    this.contoursMs = Math.round(this.#now() - t0);
    this.#drawn.contours = true;
    this.#check();
  }

  /** The load failed (unless a newer one began): the view says why instead of "Loading audio…". */
  fail(ticket: number, message: string): void {
    if (!this.isCurrent(ticket)) return;
    this.phase = 'error';
    this.error = message;
  }

  /** The media element gave up on the clip being loaded; after that, a media error is not this load's. */
  failWhileLoading(message: string): void {
    if (this.phase !== 'loading') return;
    this.phase = 'error';
    this.error = message;
  }

  #check(): void {
    const { wave, spectrogram, contours } = this.#drawn;
    if (!wave || !spectrogram || !contours || this.phase !== 'loading') return;
    this.phase = 'ready';
    this.shownMs = Math.round(this.#now() - this.#startedAt);
  }
}
