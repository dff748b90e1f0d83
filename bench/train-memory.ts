// npx tsx bench/train-memory.ts [--clips N] [--epochs N] — peak RSS while training the default model on a
// synthetic feature set (generated log-mel spectrograms, not audio) of 10,000 clips of 1 to 5 s, with the
// batch worker, validation on 15% of the clips, and the default augmentations. Prints one JSON line.
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../src/core/features/index.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { DEFAULT_TRAIN_CONFIG, augmentConfigOf, modelSpecOf } from '../src/core/model/config.js';
import { classWeights } from '../src/core/model/training/node/experiment.js';
import { bankSpec } from '../src/core/model/feature-bank.js';
import { fitInputNorm } from '../src/core/model/input-norm.js';
import { tf } from '../src/core/model/tf.js';
import { trainLoop } from '../src/core/model/training/train-loop.js';
import { createBatchSource } from '../src/core/model/training/node/worker-batch-source.js';
import { createRng } from '../src/core/util/random.js';
import { peakRssSampler, syntheticCorpus } from './support/synthetic-corpus.js';

const { values } = parseArgs({
  options: { clips: { type: 'string', default: '10000' }, epochs: { type: 'string', default: '1' } },
});
const clips = Number(values.clips);
const cfg = { ...DEFAULT_TRAIN_CONFIG, epochs: Number(values.epochs) };
const mels = DEFAULT_FEATURE_CONFIG.nMels;

const rss = peakRssSampler();

const backend = await selectBackend('auto');
const started = performance.now();
const rng = createRng(7);
const { bank, labels } = syntheticCorpus(clips, mels, rng);
rss.sample();
const order = rng.shuffle(Array.from({ length: clips }, (_, i) => i));
const nVal = Math.round(clips * 0.15);
const val = order.slice(0, nVal);
const train = order.slice(nVal);
const norm = fitInputNorm(
  train.map((i) => bankSpec(bank, i)),
  cfg.instanceNorm,
  cfg,
);
const { source, note } = await createBatchSource(bank, 'worker');
const tensorsBefore = tf.memory().numTensors;
const result = await trainLoop({
  spec: modelSpecOf(cfg, mels, 3, 0),
  settings: {
    epochs: cfg.epochs,
    batchSize: cfg.batchSize,
    learningRate: cfg.learningRate,
    schedule: cfg.schedule,
    patience: cfg.patience,
    labelSmoothing: cfg.labelSmoothing,
    seed: 0,
  },
  bank,
  train: train.map((i) => ({ clip: i, label: labels[i] })),
  val: { clips: val, labels: val.map((i) => labels[i]) },
  windows: { frames: cfg.cropFrames, hop: cfg.windowHopFrames },
  plan: {
    frames: cfg.cropFrames,
    classes: 3,
    classWeights: classWeights(
      train.map((i) => labels[i]),
      3,
      true,
    ),
    augment: augmentConfigOf(cfg),
    augmentProbability: cfg.augmentProbability,
    featureConfig: DEFAULT_FEATURE_CONFIG,
    norm,
    mixupAlpha: cfg.mixupAlpha,
  },
  source,
});
await source.close();
rss.stop();
rss.sample();
const last = result.history[result.history.length - 1];
console.log(
  JSON.stringify({
    bench: 'train-memory',
    backend: backend.detail,
    batches: note ?? 'worker',
    clips,
    feature_mb: +(bank.data.byteLength / 2 ** 20).toFixed(0),
    epochs: result.history.length,
    peak_rss_mb: Math.round(rss.peak() / 2 ** 20),
    limit_mb: 2048,
    tensors_leaked: tf.memory().numTensors - tensorsBefore - result.model.weights.length,
    val_accuracy: last?.valAccuracy ?? null,
    clips_per_s: +(result.clipsSeen / result.trainSeconds).toFixed(1),
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  }),
);
result.model.dispose();
