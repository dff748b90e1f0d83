import type { PredictionResult, VoiceStatsParams } from '../../../common/contract.js';
import { encodeWav } from '../../../core/audio/wav-encode.js';
import { MIC_RATE } from '../audio/mic.js';
import { loadInPageModel, type InPageModel } from '../predict/in-page-model.js';
import { messageOf } from '../util/errors.js';
import { studio } from './studio.svelte.js';

export type Scorer = 'page' | 'server';

/** What a score is told of the voice: a project speaker, the statistics of the voice heard so far, or nothing. */
export type VoiceChoice = { speaker: string } | { voice: VoiceStatsParams } | null;

/**
 * Scores microphone audio: in this page with the engine's own prediction code when the model loads here
 * (no round trip per window, so the live mode keeps up), else through the server's predict API.
 */
class MicScorer {
  model = $state.raw<InPageModel | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'unavailable'>('idle');
  /** Why the page can't run the model (then the server scores). */
  reason = $state<string | null>(null);
  #loading: Promise<void> | null = null;

  /** Where the next score will be computed. */
  where = $derived<Scorer>(this.status === 'ready' ? 'page' : 'server');

  /** Loads the project's latest model into the page, once per model; failures fall back to the server. */
  prepare(): Promise<void> {
    const runId = studio.model?.runId ?? null;
    if (runId === null) return Promise.resolve();
    if (this.model?.runId === runId || this.#loading) return this.#loading ?? Promise.resolve();
    this.status = 'loading';
    this.#loading = (async () => {
      try {
        const model = await loadInPageModel(studio.client, runId);
        this.model?.dispose();
        this.model = model;
        this.status = 'ready';
        this.reason = null;
      } catch (err) {
        this.status = 'unavailable';
        this.reason = messageOf(err);
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  /** The model loaded in this page, if it is the model in use. */
  #pageModel(): InPageModel | null {
    const model = this.model;
    return model && model.runId === studio.model?.runId ? model : null;
  }

  async score(
    name: string,
    samples: Float32Array,
    voice: VoiceChoice = null,
  ): Promise<PredictionResult & { where: Scorer }> {
    const model = this.#pageModel();
    // A project speaker's statistics come from their clips, which only the server reads.
    if (model && !(voice && 'speaker' in voice)) {
      const known = voice ? { kind: 'voice' as const, stats: voice.voice } : null;
      return { ...model.predict(samples, known), where: 'page' };
    }
    // encodeWav allocates a fresh ArrayBuffer (never a shared one)
    const data = encodeWav(samples, MIC_RATE) as Uint8Array<ArrayBuffer>;
    return {
      ...(await studio.client.request('predict.audio', { name, data, ...(voice ?? {}) })),
      where: 'server',
    };
  }

  /** The voice with these microphone samples added, measured as the model in use measures voices. */
  async addToVoice(
    name: string,
    samples: Float32Array,
    voice: VoiceStatsParams | null,
  ): Promise<VoiceStatsParams> {
    const model = this.#pageModel();
    if (model) return model.addToVoice(samples, voice);
    const data = encodeWav(samples, MIC_RATE) as Uint8Array<ArrayBuffer>;
    return studio.client.request('predict.addToVoice', { name, data, voice });
  }
}

export const micScorer = new MicScorer();
