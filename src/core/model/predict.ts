// Browser-safe prediction: the CLI, the server and the renderer's Predict screen all score audio here.
import { loadAudio } from '../audio/browser.js';
import { logMelSpectrogram, type Spectrogram } from '../features/index.js';
import { prepareLogMel } from './input-norm.js';
import type { LoadedModel } from './model-meta.js';
import { scorePrepared, type SpeakerContext } from './recipe/recipe-scoring.js';
import { argMax } from './validation.js';

export interface ClipPrediction {
  label: string;
  confidence: number;
  /** Probability of each label, in the model's label order. */
  probs: Record<string, number>;
  /** How many windows were averaged (1 for a clip no longer than the model's input). */
  windows: number;
  durationS: number;
}

/**
 * Probabilities (model label order) of a log-mel under the model's recipe, the CNN's part averaged over its
 * sliding windows. `context` carries the speaker's statistics for models that standardise per speaker.
 */
export function predictLogMel(
  loaded: LoadedModel,
  logMel: Spectrogram,
  context: SpeakerContext | null = null,
): { probs: number[]; windows: number } {
  const { meta } = loaded;
  if (logMel.bins !== meta.featureConfig.nMels) {
    throw new Error(
      `the spectrogram has ${logMel.bins} mel bands, the model expects ${meta.featureConfig.nMels}`,
    );
  }
  const { probs, windows } = scorePrepared(loaded, prepareLogMel(logMel, meta.norm), context);
  // The loaders check the files; this catches what no shape check can (a weight large enough to overflow).
  const sum = probs.reduce((s, p) => s + p, 0);
  if (probs.length !== meta.labels.length || !probs.every(Number.isFinite) || Math.abs(sum - 1) > 1e-3)
    throw new Error(
      `the model answered ${probs.length} probabilities summing to ${sum} for ${meta.labels.length} labels: its files are damaged`,
    );
  return { probs, windows };
}

function toPrediction(
  loaded: LoadedModel,
  probs: number[],
  windows: number,
  durationS: number,
): ClipPrediction {
  const top = argMax(probs);
  return {
    label: loaded.meta.labels[top],
    confidence: probs[top],
    probs: Object.fromEntries(loaded.meta.labels.map((l, i) => [l, probs[i]])),
    windows,
    durationS,
  };
}

/** Scores 16 kHz mono samples (decode with the audio layer first). */
export function predictSamples(loaded: LoadedModel, samples: Float32Array): ClipPrediction {
  const cfg = loaded.meta.featureConfig;
  if (samples.length === 0) throw new Error('no audio samples to predict from');
  const { probs, windows } = predictLogMel(loaded, logMelSpectrogram(samples, cfg));
  return toPrediction(loaded, probs, windows, samples.length / cfg.sampleRate);
}

/** Decodes a recording (any format the audio layer reads, any length) and scores it. */
export async function predictAudioBytes(
  loaded: LoadedModel,
  bytes: Uint8Array,
  fileName?: string,
): Promise<ClipPrediction> {
  const audio = await loadAudio(bytes, fileName, { maxDurationS: Infinity, rejectSilent: false });
  return predictSamples(loaded, audio.samples);
}
