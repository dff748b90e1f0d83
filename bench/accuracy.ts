// npx tsx bench/accuracy.ts [corpus...] [--seeds 0,1,2] [--recipe fusion] [--set key=value ...] [--jobs 2]
// The accuracy harness: a recipe on every development corpus in ../shared/data (EmoDB, SAVEE, TESS, EMOVO,
// nEMO with happy/sad/neutral, and EmoDB with its seven emotions), several seeds, speaker-grouped folds
// (leave one speaker out), only the evaluation folds (no final model). Prints one JSON line per corpus and
// seed, then one summary line per corpus and one overall: the recipe's mean and spread over seeds, the CNN,
// classic and fusion scores of the same runs, the reference rows of baselines.jsonl, and the margins over
// the better reference (seed CNN mean or MFCC+SVM). Defaults are chosen on the summary, never on one corpus.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importSource, openProject } from '../src/core/dataset/node/index.js';
import { loadFeatureBank } from '../src/core/model/node/clip-features.js';
import { resolveTrainConfig, type TrainConfig } from '../src/core/model/config.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { createBatchSource } from '../src/core/model/node/worker-batch-source.js';
import { runRecipe } from '../src/core/model/recipe/node/run-recipe.js';
import { sharedPath } from '../tests/support/shared-data.js';

const CORPORA: Record<string, { folder: string; labels: string[] }> = {
  emodb: { folder: 'emodb', labels: ['happy', 'sad', 'neutral'] },
  savee: { folder: 'savee', labels: ['happy', 'sad', 'neutral'] },
  tess: { folder: 'tess', labels: ['happy', 'sad', 'neutral'] },
  emovo: { folder: 'emovo', labels: ['happy', 'sad', 'neutral'] },
  nemo: { folder: 'nemo', labels: ['happy', 'sad', 'neutral'] },
  emodb7: { folder: 'emodb', labels: ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'] },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seeds: { type: 'string', default: '0,1,2' },
    recipe: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    split: { type: 'string', default: 'loso' },
    jobs: { type: 'string', default: '2' },
    one: { type: 'string' },
    projects: { type: 'string' },
    summary: { type: 'string' },
    // A folder for each run's per-fold choices and held-out predictions of every recipe, so a rule for
    // 'auto' can be replayed on them without training again.
    dump: { type: 'string' },
  },
});

/** --set key=value pairs as config overrides (numbers, booleans and JSON parsed). */
function overrides(): Partial<TrainConfig> {
  const out: Record<string, unknown> = {};
  if (values.recipe) out.recipe = values.recipe;
  out.split = values.split;
  for (const kv of values.set ?? []) {
    const at = kv.indexOf('=');
    const key = kv.slice(0, at);
    const raw = kv.slice(at + 1);
    try {
      out[key] = JSON.parse(raw);
    } catch {
      out[key] = raw;
    }
  }
  return out as Partial<TrainConfig>;
}

interface RunLine {
  corpus: string;
  seed: number;
  recipe: string;
  macro_f1: number;
  cnn: number;
  classic: number;
  fusion: number;
  choices?: string[];
  train_s: number;
}

async function runOne(corpus: string, seed: number, projectDir: string): Promise<void> {
  const { labels } = CORPORA[corpus];
  const started = performance.now();
  const config = resolveTrainConfig({ ...overrides(), labels, seed });
  await selectBackend('auto');
  const project = openProject(projectDir);
  const clips = project.clips.labelled(labels);
  const bank = await loadFeatureBank(clips, project.featureStore, config.featureConfig, config);
  project.close();
  const r = await runRecipe({
    clips: clips.map((c) => ({ id: c.id, file: c.path, speaker: c.speaker, label: c.label })),
    bank,
    config,
    sourceFor: async (b) => (await createBatchSource(b, 'worker')).source,
    backend: 'bench',
    skipFinal: true,
  });
  const f1 = (m: { macro_f1: number } | null) => +(m?.macro_f1 ?? NaN).toFixed(4);
  const line: RunLine = {
    corpus,
    seed,
    recipe: config.recipe,
    macro_f1: f1(r.metrics),
    cnn: f1(r.sideMetrics.cnn),
    classic: f1(r.sideMetrics.classic),
    fusion: f1(r.sideMetrics.fusion),
    ...(r.choices.length > 0 ? { choices: r.choices.map((c) => c.chosen) } : {}),
    train_s: +((performance.now() - started) / 1000).toFixed(1),
  };
  console.log(JSON.stringify({ bench: 'accuracy-run', ...line, config: overrides() }));
  if (values.dump) {
    fs.mkdirSync(values.dump, { recursive: true });
    const slim = (rows: typeof r.predictions) =>
      rows.map((p) => ({
        clipId: p.clipId,
        fold: p.fold,
        label: p.label,
        predicted: p.predicted,
        probs: p.probs.map((v) => +v.toFixed(4)),
      }));
    fs.writeFileSync(
      path.join(values.dump, `${corpus}-${seed}.json`),
      JSON.stringify({
        corpus,
        seed,
        labels,
        choices: r.choices,
        side: { cnn: slim(r.side.cnn), classic: slim(r.side.classic), fusion: slim(r.side.fusion) },
      }),
    );
  }
}

interface Reference {
  cnn: number | null;
  svm: number | null;
  best: number | null;
}
function references(corpus: string): Reference {
  const file = sharedPath('reference/baselines.jsonl');
  const rows = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { corpus: string; method: string; macro_f1: number })
        .filter((r) => r.corpus === corpus)
    : [];
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const cnn = mean(rows.filter((r) => r.method === 'cnn').map((r) => r.macro_f1));
  const svm = mean(rows.filter((r) => r.method === 'svm').map((r) => r.macro_f1));
  const best = cnn === null && svm === null ? null : Math.max(cnn ?? -1, svm ?? -1);
  return { cnn, svm, best };
}

function summarise(lines: RunLine[]): void {
  const r4 = (x: number) => +x.toFixed(4);
  const margins: number[] = [];
  const marginsCnn: number[] = [];
  for (const corpus of Object.keys(CORPORA)) {
    const runs = lines.filter((l) => l.corpus === corpus);
    if (runs.length === 0) continue;
    const stat = (key: 'macro_f1' | 'cnn' | 'classic' | 'fusion') => {
      const xs = runs.map((l) => l[key]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean: r4(mean), min: r4(Math.min(...xs)), max: r4(Math.max(...xs)) };
    };
    const ref = references(corpus);
    const recipe = stat('macro_f1');
    const margin = ref.best === null ? null : r4(recipe.mean - ref.best);
    if (margin !== null) margins.push(margin);
    if (ref.cnn !== null) marginsCnn.push(r4(recipe.mean - ref.cnn));
    console.log(
      JSON.stringify({
        bench: 'accuracy',
        corpus,
        recipe: runs[0].recipe,
        seeds: runs.map((l) => l.seed),
        macro_f1: recipe,
        cnn: stat('cnn'),
        classic: stat('classic'),
        fusion: stat('fusion'),
        reference: { seed_cnn: ref.cnn && r4(ref.cnn), svm: ref.svm && r4(ref.svm) },
        margin_over_better_reference: margin,
        margin_over_seed_cnn: ref.cnn === null ? null : r4(recipe.mean - ref.cnn),
        choices: runs.flatMap((l) => l.choices ?? []),
        train_s: r4(runs.reduce((a, l) => a + l.train_s, 0)),
      }),
    );
  }
  if (margins.length > 0)
    console.log(
      JSON.stringify({
        bench: 'accuracy-summary',
        recipe: lines[0]?.recipe,
        corpora: margins.length,
        mean_margin: r4(margins.reduce((a, b) => a + b, 0) / margins.length),
        worst_margin: r4(Math.min(...margins)),
        worst_margin_over_seed_cnn: marginsCnn.length ? r4(Math.min(...marginsCnn)) : null,
        config: overrides(),
      }),
    );
}

/** Imports each corpus once into a project (features cached) that the seed runs then share. */
async function prepareProjects(names: string[], root: string): Promise<Record<string, string>> {
  const dirs: Record<string, string> = {};
  for (const name of names) {
    const { folder, labels } = CORPORA[name];
    const dir = path.join(root, folder);
    dirs[name] = dir;
    if (fs.existsSync(path.join(dir, 'done'))) continue;
    const project = openProject(dir, { create: true });
    try {
      await importSource(project, sharedPath('data', folder));
      const config = resolveTrainConfig({ labels });
      await loadFeatureBank(
        project.clips.labelled(labels),
        project.featureStore,
        config.featureConfig,
        config,
      );
    } finally {
      project.close();
    }
    fs.writeFileSync(path.join(dir, 'done'), '');
  }
  return dirs;
}

async function main(): Promise<void> {
  if (values.summary) {
    const lines = fs
      .readFileSync(values.summary, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"accuracy-run"'))
      .map((l) => JSON.parse(l) as RunLine);
    summarise(lines);
    return;
  }
  if (values.one) {
    const [corpus, seed, dir] = values.one.split(':');
    await runOne(corpus, Number(seed), dir);
    return;
  }
  const names = positionals.length > 0 ? positionals : Object.keys(CORPORA);
  for (const n of names)
    if (!CORPORA[n]) throw new Error(`unknown corpus ${n}: ${Object.keys(CORPORA).join(', ')}`);
  const seeds = values.seeds.split(',').map(Number);
  const root = values.projects ?? path.join(os.tmpdir(), 'ser-accuracy-projects');
  const dirs = await prepareProjects(names, root);
  // Longest first, so the jobs finish together.
  const order = ['emodb7', 'nemo', 'emodb', 'emovo', 'savee', 'tess'];
  const tasks = names
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .flatMap((n) => seeds.map((s) => `${n}:${s}:${dirs[n]}`));
  const lines: RunLine[] = [];
  const passThrough = process.argv
    .slice(2)
    .filter((a, i, all) => !positionals.includes(a) || all[i - 1]?.startsWith('--'));
  const worker = async (): Promise<void> => {
    for (let task = tasks.shift(); task; task = tasks.shift()) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', process.argv[1], ...passThrough, '--one', task],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      for (const l of out.split('\n').filter((x) => x.includes('"accuracy-run"'))) {
        console.log(l);
        lines.push(JSON.parse(l) as RunLine);
      }
      if (code !== 0) process.stderr.write(`accuracy: ${task} exited with ${code}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, worker));
  summarise(lines);
}

await main();
