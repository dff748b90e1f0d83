// npx tsx bench/inference.ts — milliseconds to predict one 3 s clip end to end (WAV bytes -> decode ->
// log-mel -> windows -> model -> probabilities) with the default model on the default backend; median of 20.
// Prints one JSON line.
import { encodeWav } from '../src/core/audio/browser.js';
import { DEFAULT_FEATURE_CONFIG } from '../src/core/features/index.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { buildModel } from '../src/core/model/cnn.js';
import { DEFAULT_TRAIN_CONFIG, modelSpecOf } from '../src/core/model/config.js';
import { MODEL_FORMAT, type LoadedModel } from '../src/core/model/model-meta.js';
import { predictAudioBytes } from '../src/core/model/inference/predict.js';
import { createRng } from '../src/core/util/random.js';

const backend = await selectBackend((process.env.SER_BACKEND as 'auto' | undefined) ?? 'auto');
const cfg = DEFAULT_TRAIN_CONFIG;
// Weights don't change the cost of a forward pass: the default architecture with its initial weights.
const model = buildModel(modelSpecOf(cfg, cfg.featureConfig.nMels, cfg.labels.length, 0));
const loaded: LoadedModel = {
  model,
  meta: {
    format: MODEL_FORMAT,
    version: 2,
    labels: cfg.labels,
    featureConfig: DEFAULT_FEATURE_CONFIG,
    cropFrames: cfg.cropFrames,
    windowHopFrames: cfg.windowHopFrames,
    norm: {
      trimDb: cfg.trimDb,
      topDb: cfg.topDb,
      instance: cfg.instanceNorm,
      mean: new Array(64).fill(-40),
      std: new Array(64).fill(12),
    },
    training: cfg,
    split: 'speaker',
    folds: 1,
    backend: backend.detail,
    datasetFingerprint: null,
    metrics: null,
    runId: null,
    createdAt: new Date().toISOString(),
  },
};

// A 3 s voiced-speech-like signal: a gliding harmonic tone with syllable-rate amplitude and a little noise.
const rate = 16000;
const rng = createRng(1);
const samples = new Float32Array(3 * rate);
let phase = 0;
for (let i = 0; i < samples.length; i++) {
  const t = i / rate;
  phase += (2 * Math.PI * (140 + 40 * Math.sin(2 * Math.PI * 0.7 * t))) / rate;
  const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
  samples[i] =
    0.3 * env * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase)) +
    0.005 * rng.normal();
}
const wav = encodeWav(samples, rate, { bitDepth: 16 });

for (let i = 0; i < 3; i++) await predictAudioBytes(loaded, wav, 'bench.wav');
const times: number[] = [];
let windows = 0;
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  const p = await predictAudioBytes(loaded, wav, 'bench.wav');
  times.push(performance.now() - t0);
  windows = p.windows;
}
times.sort((a, b) => a - b);
const median = (times[9] + times[10]) / 2;
console.log(
  JSON.stringify({
    bench: 'inference',
    backend: backend.detail,
    clip_s: 3,
    windows,
    ms_median: +median.toFixed(2),
    ms_min: +times[0].toFixed(2),
    ms_max: +times[times.length - 1].toFixed(2),
    target_ms: 20,
  }),
);
