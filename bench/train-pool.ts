// npx tsx bench/train-pool.ts [--epochs N] [--speakers 03,08,...] [--jobs N] — the training pool's speed-up:
// EmoDB happy/sad/neutral, leave one speaker out, with the default recipe, trained with --jobs 1 and then
// --jobs N (default 2) in the same run on the same project (features computed once, before either is timed),
// as `ser train` does it. Prints one JSON line: both wall times, their ratio, whether the two reports'
// metrics.json scores are identical, and the load average before and after (the machine may be shared).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importSource, openProject } from '../src/core/dataset/node/index.js';
import { loadFeatureBank } from '../src/core/model/node/clip-features.js';
import { resolveTrainConfig } from '../src/core/model/config.js';
import { trainProject } from '../src/core/model/training/node/train-project.js';
import { sharedPath } from '../tests/support/shared-data.js';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string' },
    speakers: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    // how each pool training makes its batches: a batch worker of its own (the default) or inline
    batches: { type: 'string', default: 'worker' },
  },
});
const labels = ['happy', 'sad', 'neutral'];
const EMODB = sharedPath('data/emodb');
const jobs = Number(values.jobs);
const load = () => os.loadavg().map((l) => +l.toFixed(2));
const loadBefore = load();

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-bench-pool-'));
try {
  // The corpus (or some of its speakers) as symlinks, so a small check needs no copy.
  const audio = path.join(root, 'audio');
  fs.mkdirSync(audio);
  const only = values.speakers?.split(',');
  const rows = fs.readFileSync(path.join(EMODB, 'manifest.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of rows) {
    const [file, label, speaker] = line.split(',');
    if (labels.includes(label) && (!only || only.includes(speaker)))
      fs.symlinkSync(path.join(EMODB, file), path.join(audio, file));
  }
  const projectDir = path.join(root, 'project');
  const project = openProject(projectDir, { create: true });
  const config = {
    labels,
    split: 'loso' as const,
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  };
  try {
    await importSource(project, audio);
    const resolved = resolveTrainConfig(config);
    await loadFeatureBank(
      project.clips.labelled(labels),
      project.featureStore,
      resolved.featureConfig,
      resolved,
    );
  } finally {
    project.close();
  }

  const run = async (n: number) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const r = await trainProject({
      projectDir,
      config,
      jobs: n,
      backend: 'wasm',
      ...(n > 1 ? { batches: values.batches as 'worker' | 'inline' } : {}),
    });
    const seconds = (performance.now() - started) / 1000 - r.featureSeconds;
    // CPU time of every thread of the process over the wall time: how many cores the run kept busy.
    const used = process.cpuUsage(cpu);
    const cores = (used.user + used.system) / 1e6 / (seconds + r.featureSeconds);
    const metrics = JSON.parse(
      fs.readFileSync(path.join(r.reportDir ?? '', 'metrics.json'), 'utf8'),
    ) as Record<string, unknown>;
    return { seconds, cores, metrics, r };
  };
  const one = await run(1);
  const many = await run(jobs);
  // The scores, not what tells the runs apart (their time, folders and config table).
  const scores = (m: Record<string, unknown>) =>
    JSON.stringify([
      m.accuracy,
      m.macro_f1,
      m.uar,
      m.per_class,
      m.confusion,
      m.per_speaker,
      m.per_fold,
      m.comparison,
    ]);
  console.log(
    JSON.stringify({
      bench: 'train-pool',
      corpus: 'emodb',
      labels,
      split: one.r.experiment.split,
      folds: one.r.experiment.folds,
      clips: one.r.experiment.metrics?.clips ?? 0,
      epochs: one.r.config.epochs,
      backend: one.r.backend.detail,
      cores: os.availableParallelism(),
      pool_batches: values.batches,
      jobs1_s: +one.seconds.toFixed(1),
      [`jobs${jobs}_s`]: +many.seconds.toFixed(1),
      speedup: +(one.seconds / many.seconds).toFixed(2),
      jobs1_cores_busy: +one.cores.toFixed(2),
      [`jobs${jobs}_cores_busy`]: +many.cores.toFixed(2),
      target_speedup: 1.6,
      identical_scores: scores(one.metrics) === scores(many.metrics),
      macro_f1: one.r.recipe.metrics ? +one.r.recipe.metrics.macro_f1.toFixed(4) : null,
      cnn_macro_f1: one.r.experiment.metrics ? +one.r.experiment.metrics.macro_f1.toFixed(4) : null,
      load_before: loadBefore,
      load_after: load(),
    }),
  );
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
