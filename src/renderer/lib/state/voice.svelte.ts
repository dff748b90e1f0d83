import type { VoiceStatsParams, VoiceUse } from '../../../common/contract.js';
import { messageOf } from '../util/errors.js';
import { micScorer, type VoiceChoice } from './in-page.svelte.js';
import { studio } from './studio.svelte.js';

/**
 * Whose voice Predict's next score is told about:
 * - heard: the voice heard so far (the microphone learns it as it speaks, and clips can be added for it);
 * - new: nothing, every clip scored as a voice never heard (evaluation's new-voice score);
 * - speaker: a project speaker, from all of their clips (evaluation's known-voice score).
 */
export type VoiceMode = 'heard' | 'new' | 'speaker';

/** A window quieter than this (RMS, dBFS) is a pause, not the voice: the microphone does not learn from it. */
export const QUIET_DBFS = -45;

/** Root mean square of samples, in dB below full scale. */
export function levelDbfs(samples: Float32Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return 10 * Math.log10(Math.max(sum / Math.max(samples.length, 1), 1e-12));
}

/**
 * What Predict knows of the voice it scores. Bounded whatever it hears: the statistics are two running sums
 * (core/voice/voice-stats.ts), kept for the model they were measured with and dropped when the model in use
 * changes, since another model measures voices its own way.
 */
export class VoiceState {
  mode = $state<VoiceMode>('heard');
  speaker = $state<string | null>(null);
  /** The statistics of the voice heard so far (null: nothing heard yet). */
  heard = $state.raw<VoiceStatsParams | null>(null);
  /** Let the microphone add what it hears to the voice. */
  learnMic = $state(true);
  /** Clips being added. */
  adding = $state(0);
  error = $state<string | null>(null);
  #runId: number | null = null;
  #queue: Promise<void> = Promise.resolve();

  /** What the next score is told. */
  choice = $derived.by<VoiceChoice>(() => {
    if (this.mode === 'speaker' && this.speaker) return { speaker: this.speaker };
    if (this.mode === 'heard' && this.heard && this.heard.clips > 0) return { voice: this.heard };
    return null;
  });

  /** What the next prediction will say it used, before there is one (for the figure beside the model). */
  expected = $derived.by<Pick<VoiceUse, 'kind' | 'clips'>>(() => {
    const c = this.choice;
    if (!c) return { kind: 'population', clips: 0 };
    if ('speaker' in c) return { kind: 'speaker', clips: studio.project?.stats.perSpeaker[c.speaker] ?? 0 };
    return { kind: 'voice', clips: c.voice.clips };
  });

  /** Keeps the heard voice only for the model that measured it. */
  followModel(runId: number | null): void {
    if (runId === this.#runId) return;
    this.#runId = runId;
    this.heard = null;
  }

  choose(mode: VoiceMode, speaker: string | null = null): void {
    this.mode = mode;
    this.speaker = mode === 'speaker' ? speaker : null;
    this.error = null;
  }

  /** Forgets the voice heard so far. */
  reset(): void {
    this.heard = null;
    this.error = null;
  }

  /** Adds microphone audio to the voice heard so far, when it learns from the microphone and it is not a pause. */
  async learn(name: string, samples: Float32Array): Promise<void> {
    if (!this.learnMic || this.mode !== 'heard' || levelDbfs(samples) < QUIET_DBFS) return;
    await this.#add((heard) => micScorer.addToVoice(name, samples, heard));
  }

  /** "Add this voice": files of the voice (any format the server decodes), before or between predictions. */
  async addFiles(files: readonly File[]): Promise<void> {
    this.mode = 'heard';
    for (const file of files) {
      const data = new Uint8Array(await file.arrayBuffer());
      const ok = await this.#add(
        (heard) => studio.client.request('predict.addToVoice', { name: file.name, data, voice: heard }),
        file.name,
      );
      if (!ok) return;
    }
  }

  /** A recording made for the voice alone ("Add this voice" from the microphone). */
  async addRecording(samples: Float32Array): Promise<void> {
    this.mode = 'heard';
    await this.#add((heard) => micScorer.addToVoice('voice.wav', samples, heard));
  }

  /** One addition at a time, each to the voice the one before left: none is lost to another. */
  #add(work: (heard: VoiceStatsParams | null) => Promise<VoiceStatsParams>, what?: string): Promise<boolean> {
    this.adding++;
    const next = this.#queue.then(() => this.#addNow(work, what));
    this.#queue = next.then(() => undefined);
    return next;
  }

  async #addNow(
    work: (heard: VoiceStatsParams | null) => Promise<VoiceStatsParams>,
    what?: string,
  ): Promise<boolean> {
    const runId = this.#runId;
    try {
      const voice = await work(this.heard);
      // A model changed meanwhile measures voices another way: what was measured with the old one is dropped.
      if (runId === this.#runId) this.heard = voice;
      this.error = null;
      return true;
    } catch (err) {
      this.error = what ? `${what}: ${messageOf(err)}` : messageOf(err);
      return false;
    } finally {
      this.adding--;
    }
  }
}

export const voice = new VoiceState();
