import { selectBackend } from '../model/backend/node/select.js';
import { loadModelFolder } from '../model/node/model-files.js';
import { predictSamples } from '../model/predict.js';
import type { Predictor } from './model-cache.js';

/** Loads a saved model folder with the learning engine, on the best backend this machine has. */
export async function loadEnginePredictor(modelDir: string): Promise<Predictor> {
  await selectBackend('auto');
  const loaded = await loadModelFolder(modelDir);
  return {
    labels: loaded.meta.labels,
    async predict(samples) {
      const r = predictSamples(loaded, samples);
      return { label: r.label, confidence: r.confidence, probs: r.probs, windows: r.windows };
    },
    dispose: () => loaded.model.dispose(),
  };
}
