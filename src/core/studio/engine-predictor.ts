import { assertVoiceFits } from '../voice/index.js';
import { selectBackend } from '../model/backend/node/select.js';
import { loadModelFolder } from '../model/node/model-files.js';
import { projectSpeakerVoice } from '../model/inference/node/speaker-voice.js';
import { addSamplesToVoice, predictSamples } from '../model/inference/predict.js';
import type { Predictor } from './model-cache.js';

/** Loads a saved model folder with the learning engine, on the best backend this machine has. */
export async function loadEnginePredictor(modelDir: string): Promise<Predictor> {
  await selectBackend('auto');
  const loaded = await loadModelFolder(modelDir);
  return {
    labels: loaded.meta.labels,
    async predict(samples, voice) {
      const r = predictSamples(loaded, samples, voice);
      return { label: r.label, confidence: r.confidence, probs: r.probs, windows: r.windows, voice: r.voice };
    },
    addToVoice: async (samples, voice) => addSamplesToVoice(loaded, voice, samples),
    speakerVoice: (project, speaker) => projectSpeakerVoice(project, loaded.meta, speaker),
    checkVoice(voice) {
      const dims = loaded.meta.recipe?.classic?.adapted?.population.mean.length;
      if (dims !== undefined) assertVoiceFits(voice, dims, 'the voice');
    },
    dispose: () => loaded.model.dispose(),
  };
}
