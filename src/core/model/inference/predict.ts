// Browser-safe prediction: the CLI, the server and the renderer's Predict screen all score audio here.
import type { VoiceUse } from '../../../common/contract.js';
import { loadAudio } from '../../audio/browser.js';
import { logMelSpectrogram, type Spectrogram } from '../../features/index.js';
import { addToVoice, emptyVoice, type VoiceStats } from '../../voice/index.js';
import { prepareLogMel } from '../input-norm.js';
import type { LoadedModel } from '../model-meta.js';
import { scorePrepared, usesVoices, voiceRowOf } from '../recipe/recipe-scoring.js';
import { argMax } from './window-predictions.js';

export interface ClipPrediction {
  label: string;
  confidence: number;
  /** Probability of each label, in the model's label order. */
  probs: Record<string, number>;
  /** How many windows were averaged (1 for a clip no longer than the model's input). */
  windows: number;
  durationS: number;
  voice: VoiceUse;
}

/** The voice a prediction is given: its statistics, and who it is (for the words a prediction shows). */
export interface KnownVoice {
  stats: VoiceStats;
  kind: 'voice' | 'speaker';
  speaker?: string;
}

/**
 * Probabilities (model label order) of a log-mel under the model's recipe, the CNN's part averaged over its
 * sliding windows; `voice` is what is known of the speaker (null: a new voice).
 */
export function predictLogMel(
  loaded: LoadedModel,
  logMel: Spectrogram,
  voice: KnownVoice | null = null,
): { probs: number[]; windows: number; voice: VoiceUse } {
  const { meta } = loaded;
  if (logMel.bins !== meta.featureConfig.nMels) {
    throw new Error(
      `the spectrogram has ${logMel.bins} mel bands, the model expects ${meta.featureConfig.nMels}`,
    );
  }
  const s = scorePrepared(loaded, prepareLogMel(logMel, meta.norm), voice?.stats ?? null);
  const { probs } = s;
  // The loaders check the files; this catches what no shape check can (a weight large enough to overflow).
  const sum = probs.reduce((t, p) => t + p, 0);
  if (probs.length !== meta.labels.length || !probs.every(Number.isFinite) || Math.abs(sum - 1) > 1e-3)
    throw new Error(
      `the model answered ${probs.length} probabilities summing to ${sum} for ${meta.labels.length} labels: its files are damaged`,
    );
  return { probs, windows: s.windows, voice: voiceUseOf(loaded, voice, s.voiceWeight) };
}

/** What a prediction says of the voice statistics it used. */
export function voiceUseOf(loaded: LoadedModel, voice: KnownVoice | null, weight: number): VoiceUse {
  const clips = voice?.stats.clips ?? 0;
  const seconds = voice?.stats.seconds ?? 0;
  const base = { clips, seconds, weight, ...(voice?.speaker ? { speaker: voice.speaker } : {}) };
  if (!usesVoices(loaded.meta.recipe))
    return { ...base, kind: 'unused', weight: 0, text: 'no voice statistics (this model uses none)' };
  if (!voice || clips === 0) return { ...base, kind: 'population', text: 'population' };
  if (voice.kind === 'speaker')
    return { ...base, kind: 'speaker', text: `speaker ${voice.speaker ?? ''}`.trim() };
  return { ...base, kind: 'voice', text: `this voice, ${Math.round(seconds)} s of speech` };
}

function toPrediction(
  loaded: LoadedModel,
  scored: { probs: number[]; windows: number; voice: VoiceUse },
  durationS: number,
): ClipPrediction {
  const { probs } = scored;
  const top = argMax(probs);
  return {
    label: loaded.meta.labels[top],
    confidence: probs[top],
    probs: Object.fromEntries(loaded.meta.labels.map((l, i) => [l, probs[i]])),
    windows: scored.windows,
    durationS,
    voice: scored.voice,
  };
}

/** Scores 16 kHz mono samples (decode with the audio layer first). */
export function predictSamples(
  loaded: LoadedModel,
  samples: Float32Array,
  voice: KnownVoice | null = null,
): ClipPrediction {
  const cfg = loaded.meta.featureConfig;
  if (samples.length === 0) throw new Error('no audio samples to predict from');
  return toPrediction(
    loaded,
    predictLogMel(loaded, logMelSpectrogram(samples, cfg), voice),
    samples.length / cfg.sampleRate,
  );
}

/** Decodes a recording (any format the audio layer reads, any length) and scores it. */
export async function predictAudioBytes(
  loaded: LoadedModel,
  bytes: Uint8Array,
  fileName?: string,
  voice: KnownVoice | null = null,
): Promise<ClipPrediction> {
  const audio = await loadAudio(bytes, fileName, { maxDurationS: Infinity, rejectSilent: false });
  return predictSamples(loaded, audio.samples, voice);
}

/** The voice with one more clip of it (16 kHz samples): how Predict and the microphone learn a voice as they hear it. */
export function addSamplesToVoice(
  loaded: LoadedModel,
  voice: VoiceStats | null,
  samples: Float32Array,
): VoiceStats {
  const cfg = loaded.meta.featureConfig;
  const row = voiceRowOf(prepareLogMel(logMelSpectrogram(samples, cfg), loaded.meta.norm));
  return addToVoice(voice ?? emptyVoice(row.length), row, samples.length / cfg.sampleRate);
}
