// npx tsx bench/train-pool-memory.ts [--clips N] [--epochs N] [--jobs N] — peak RSS of the whole process
// (the worker threads are in it) while the training pool runs a 5-fold speaker split of a synthetic corpus
// of 1,500 clips of 1 to 5 s (generated log-mel spectrograms, five speakers) with the default model and
// recipe, 2 trainings at once. Also prints the pool's own estimate of a job's memory. Prints one JSON line.
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../src/core/features/index.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { InlineBatchSource } from '../src/core/model/training/batch-source.js';
import { modelSpecOf, resolveTrainConfig } from '../src/core/model/config.js';
import { runExperiment } from '../src/core/model/training/node/experiment.js';
import { estimateJobMemory } from '../src/core/model/training/node/pool-size.js';
import { createRng } from '../src/core/util/random.js';
import { peakRssSampler, syntheticCorpus } from './support/synthetic-corpus.js';

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

const rss = peakRssSampler();

const backend = await selectBackend('auto');
const started = performance.now();
const rng = createRng(11);
const corpus = syntheticCorpus(clips, mels, rng);
const bank = corpus.bank;
const rows = corpus.labels.map((label, i) => ({
  id: i + 1,
  file: `c${i}.wav`,
  speaker: speakers[i % speakers.length],
  label: labels[label],
}));
rss.sample();
const before = rss.peak();
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
rss.stop();
rss.sample();
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
    peak_rss_mb: Math.round(rss.peak() / 2 ** 20),
    limit_mb: 2048,
    estimated_job_mb: Math.round(estimate.perJobBytes / 2 ** 20),
    measured_job_mb: Math.round((rss.peak() - before) / jobs / 2 ** 20),
    macro_f1: result.metrics ? +result.metrics.macro_f1.toFixed(4) : null,
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  }),
);
result.model?.dispose();
