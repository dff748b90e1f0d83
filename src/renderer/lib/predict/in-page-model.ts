import type { PredictionResult, VoiceStatsParams } from '../../../common/contract.js';
import type { KnownVoice } from '../../../core/model/inference/predict.js';
import { mediaPaths } from '../../../common/media-urls.js';
import type { AppClient } from '../client/index.js';

/** A model running in this page: the engine's own browser-safe prediction code on 16 kHz samples. */
export interface InPageModel {
  runId: number;
  labels: string[];
  /** The tfjs backend doing the work (webgl, wasm or cpu). */
  backend: string;
  /** Scores 16 kHz samples given what is known of their voice (null: a new voice). */
  predict(samples: Float32Array, voice?: KnownVoice | null): PredictionResult;
  /** The voice with these samples added, as this model measures voices. */
  addToVoice(samples: Float32Array, voice: VoiceStatsParams | null): VoiceStatsParams;
  dispose(): void;
}

/**
 * Fetches a run's model folder through the client (token or studio:// as the transport needs) and loads it
 * with the learning engine's browser loader. The engine and tfjs are a separate chunk, loaded only here.
 */
export async function loadInPageModel(client: AppClient, runId: number): Promise<InPageModel> {
  const engine = await import('../../../core/model/browser.js');
  const { tf } = await import('../../../core/model/tf.js');
  const fetchFn: typeof fetch = (input, init) =>
    fetch(
      client.resolveUrl(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url),
      init,
    );
  const loaded = await engine.loadModelFromUrl(mediaPaths.modelBase(runId), fetchFn);
  await tf.ready();
  return {
    runId,
    labels: loaded.meta.labels,
    backend: tf.getBackend(),
    // the engine disposes the tensors it makes
    predict: (samples, voice = null) => ({ ...engine.predictSamples(loaded, samples, voice), runId }),
    addToVoice: (samples, voice) => engine.addSamplesToVoice(loaded, voice, samples),
    dispose() {
      loaded.model.dispose();
    },
  };
}
