// npx tsx bench/train-pool-memory.ts [--clips N] [--epochs N] [--jobs N] — peak RSS of the whole process
// (the worker threads are in it) while the training pool runs a 5-fold speaker split of a synthetic corpus
// of 1,500 clips of 1 to 5 s (generated log-mel spectrograms, five speakers) with the default model and
// recipe, 2 trainings at once. Also prints the pool's own estimate of a job's memory. Prints one JSON line.
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../src/core/features/index.js';
import { selectBackend } from '../src/core/model/backend/select.js';
import { InlineBatchSource } from '../src/core/model/batch-source.js';
import { modelSpecOf, resolveTrainConfig } from '../src/core/model/config.js';
import { runExperiment } from '../src/core/model/experiment.js';
import { FeatureBankBuilder } from '../src/core/model/feature-bank.js';
import { estimateJobMemory } from '../src/core/model/pool-size.js';
import { createRng } from '../src/core/util/random.js';

const { values } = parseArgs({
  options: {
    clips: { type: 'string', default: '1500' },
    epochs: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '2' },
  },
});
const clips = Number(values.clips);
const jobs = Number(values.jobs);
const labels = ['happy', 'sad', 'neutral'];
const speakers = ['a', 'b', 'c', 'd', 'e'];
const mels = DEFAULT_FEATURE_CONFIG.nMels;
const config = resolveTrainConfig({ labels, split: 'kfold:5', epochs: Number(values.epochs) });

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
const timer = setInterval(sample, 50);

const backend = await selectBackend('auto');
const started = performance.now();
const rng = createRng(11);
const lengths = Array.from({ length: clips }, () => 101 + rng.int(401));
const builder = new FeatureBankBuilder(
  mels,
  lengths.reduce((a, b) => a + b, 0),
);
const rows = [];
for (let i = 0; i < clips; i++) {
  const frames = lengths[i];
  const label = i % 3;
  const data = new Float32Array(frames * mels);
  const level = rng.uniform(-50, -20);
  for (let t = 0; t < frames; t++)
    for (let b = 0; b < mels; b++)
      data[t * mels + b] =
        level - 0.4 * b + (b >= label * 12 && b < label * 12 + 6 ? 15 : 0) + 6 * rng.normal();
  builder.add({ frames, bins: mels, data });
  rows.push({ id: i + 1, file: `c${i}.wav`, speaker: speakers[i % speakers.length], label: labels[label] });
}
const bank = builder.build();
sample();
const before = peak;
const estimate = estimateJobMemory(modelSpecOf(config, mels, labels.length, 0), config.batchSize);
const result = await runExperiment({
  clips: rows,
  bank,
  config,
  source: new InlineBatchSource(bank),
  backend: backend.detail,
  backendName: backend.name,
  jobs,
});
clearInterval(timer);
sample();
console.log(
  JSON.stringify({
    bench: 'train-pool-memory',
    backend: backend.detail,
    clips,
    folds: result.folds,
    jobs,
    epochs: config.epochs,
    feature_mb: Math.round(bank.data.byteLength / 2 ** 20),
    rss_before_pool_mb: Math.round(before / 2 ** 20),
    peak_rss_mb: Math.round(peak / 2 ** 20),
    limit_mb: 2048,
    estimated_job_mb: Math.round(estimate.perJobBytes / 2 ** 20),
    measured_job_mb: Math.round((peak - before) / jobs / 2 ** 20),
    macro_f1: result.metrics ? +result.metrics.macro_f1.toFixed(4) : null,
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  }),
);
result.model?.dispose();
