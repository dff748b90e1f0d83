// npx tsx bench/accuracy.ts [corpus...] [--seeds 0,1,2] [--recipe fusion] [--set key=value ...] [--jobs 2]
// The accuracy harness: a recipe on every development corpus in ../shared/data (EmoDB, SAVEE, TESS, EMOVO,
// nEMO with happy/sad/neutral, and EmoDB with its seven emotions) and their stress variants (skewed speakers,
// few clips per speaker: support/stress-corpora.ts), several seeds, leave one speaker out, only the evaluation
// folds (no final model). Every run is scored twice on the same folds: as a new voice (each held-out clip alone)
// and as a known voice (its speaker standardised by all of their clips), with the adaptation curve between.
// Prints one JSON line per corpus and seed, then one summary line per corpus (both scores, each model of the
// comparison, the reference rows and the new-voice margins over them) and one overall. Defaults are chosen on
// the summary over every corpus and variant at once, never on one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FIXED_RECIPES, type FixedRecipe } from '../src/common/options.js';
import type { VoiceScores } from '../src/common/contract.js';
import { openProject } from '../src/core/dataset/node/index.js';
import { loadFeatureBank } from '../src/core/model/node/clip-features.js';
import { resolveTrainConfig, type TrainConfig } from '../src/core/model/config.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { createBatchSource } from '../src/core/model/training/node/worker-batch-source.js';
import { runRecipe } from '../src/core/model/recipe/node/run-recipe.js';
import { sharedPath } from '../tests/support/shared-data.js';
import {
  defaultProjectsRoot,
  DEVELOPMENT,
  HARNESS_CORPORA,
  prepareProject,
  STRESS,
} from './support/harness-corpora.js';

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
    // A folder for each run's per-fold choices and held-out predictions of every recipe under every voice
    // condition, so rules can be replayed on them without training again.
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

/** New-voice and known-voice macro F1. */
type Both = [number, number];

interface RunLine {
  corpus: string;
  seed: number;
  recipe: string;
  speaker_norm: string;
  new: number;
  known: number;
  /** Macro F1 with the voice known from k of its other clips (k = 1, 2, 4, 8) and from all of them. */
  curve: Record<string, number>;
  models: Record<FixedRecipe, Both>;
  choices?: string[];
  norm_choices?: string[];
  warnings: string[];
  train_s: number;
}

const r4 = (x: number) => +x.toFixed(4);
const both = (v: VoiceScores | null): Both => [
  r4(v?.newVoice.macro_f1 ?? NaN),
  r4(v?.knownVoice.macro_f1 ?? NaN),
];

async function runOne(corpus: string, seed: number, projectDir: string): Promise<void> {
  const { labels } = HARNESS_CORPORA[corpus];
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
  const [fresh, known] = both(r.voice);
  const line: RunLine = {
    corpus,
    seed,
    recipe: config.recipe,
    speaker_norm: r.finalSpeakerNorm,
    new: fresh,
    known,
    curve: Object.fromEntries((r.voice?.curve ?? []).map((p) => [String(p.voiceClips), r4(p.macro_f1)])),
    models: Object.fromEntries(FIXED_RECIPES.map((m) => [m, both(r.sideScores[m])])) as Record<
      FixedRecipe,
      Both
    >,
    ...(r.choices.length > 0 ? { choices: r.choices.map((c) => c.chosen) } : {}),
    ...(config.speakerNorm === 'auto' ? { norm_choices: r.voiceFolds.map((f) => f.speakerNorm) } : {}),
    warnings: r.warnings.map((w) => w.slice(0, 60)),
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
    const conditions = Object.fromEntries(
      [...r.conditions].map(([c, side]) => [
        c,
        Object.fromEntries(FIXED_RECIPES.map((m) => [m, slim(side[m])])),
      ]),
    );
    fs.writeFileSync(
      path.join(values.dump, `${corpus}-${seed}.json`),
      JSON.stringify({ corpus, seed, labels, choices: r.choices, voiceFolds: r.voiceFolds, conditions }),
    );
  }
}

interface Reference {
  cnn: number | null;
  svm: number | null;
  best: number | null;
}

/** The reference script's rows: baselines.jsonl for the development corpora, bench/reference for the variants. */
function references(corpus: string): Reference {
  const files = [
    sharedPath('reference/baselines.jsonl'),
    path.join(import.meta.dirname, 'reference', 'stress-baselines.jsonl'),
  ];
  const rows = files
    .filter((f) => fs.existsSync(f))
    .flatMap((f) => fs.readFileSync(f, 'utf8').trim().split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as { corpus: string; method: string; macro_f1: number })
    .filter((r) => r.corpus === corpus);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const cnn = mean(rows.filter((r) => r.method === 'cnn').map((r) => r.macro_f1));
  const svm = mean(rows.filter((r) => r.method === 'svm').map((r) => r.macro_f1));
  const best = cnn === null && svm === null ? null : Math.max(cnn ?? -1, svm ?? -1);
  return { cnn, svm, best };
}

function stat(xs: number[]): { mean: number; min: number; max: number } {
  return {
    mean: r4(xs.reduce((a, b) => a + b, 0) / xs.length),
    min: r4(Math.min(...xs)),
    max: r4(Math.max(...xs)),
  };
}

function summarise(lines: RunLine[]): void {
  const margins = { best: [] as number[], cnn: [] as number[], known: [] as number[] };
  for (const corpus of Object.keys(HARNESS_CORPORA)) {
    const runs = lines.filter((l) => l.corpus === corpus);
    if (runs.length === 0) continue;
    const ref = references(corpus);
    const fresh = stat(runs.map((l) => l.new));
    const known = stat(runs.map((l) => l.known));
    const margin = ref.best === null ? null : r4(fresh.mean - ref.best);
    if (margin !== null) margins.best.push(margin);
    if (ref.cnn !== null) margins.cnn.push(r4(fresh.mean - ref.cnn));
    if (ref.best !== null) margins.known.push(r4(known.mean - ref.best));
    const curveKeys = Object.keys(runs[0].curve);
    console.log(
      JSON.stringify({
        bench: 'accuracy',
        corpus,
        recipe: runs[0].recipe,
        speaker_norm: [...new Set(runs.map((l) => l.speaker_norm))].join(','),
        seeds: runs.map((l) => l.seed),
        new_voice: fresh,
        known_voice: known,
        curve: Object.fromEntries(curveKeys.map((k) => [k, stat(runs.map((l) => l.curve[k] ?? NaN)).mean])),
        models: Object.fromEntries(
          FIXED_RECIPES.map((m) => [
            m,
            [stat(runs.map((l) => l.models[m][0])).mean, stat(runs.map((l) => l.models[m][1])).mean],
          ]),
        ),
        reference: { seed_cnn: ref.cnn && r4(ref.cnn), svm: ref.svm && r4(ref.svm) },
        new_voice_margin_over_better_reference: margin,
        new_voice_margin_over_seed_cnn: ref.cnn === null ? null : r4(fresh.mean - ref.cnn),
        choices: runs.flatMap((l) => l.choices ?? []),
        norm_choices: runs.flatMap((l) => l.norm_choices ?? []),
        warned: runs.some((l) => l.warnings.length > 0),
        train_s: r4(runs.reduce((a, l) => a + l.train_s, 0)),
      }),
    );
  }
  const mean = (xs: number[]) => (xs.length ? r4(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  console.log(
    JSON.stringify({
      bench: 'accuracy-summary',
      recipe: lines[0]?.recipe,
      corpora: margins.best.length,
      new_voice_mean_margin: mean(margins.best),
      new_voice_worst_margin: margins.best.length ? r4(Math.min(...margins.best)) : null,
      new_voice_worst_margin_over_seed_cnn: margins.cnn.length ? r4(Math.min(...margins.cnn)) : null,
      known_voice_mean_margin: mean(margins.known),
      config: overrides(),
    }),
  );
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
  const names = positionals.length > 0 ? positionals : [...Object.keys(DEVELOPMENT), ...Object.keys(STRESS)];
  for (const n of names)
    if (!HARNESS_CORPORA[n])
      throw new Error(`unknown corpus ${n}: ${Object.keys(HARNESS_CORPORA).join(', ')}`);
  const seeds = values.seeds.split(',').map(Number);
  const root = values.projects ?? defaultProjectsRoot();
  const dirs: Record<string, string> = {};
  for (const name of names) dirs[name] = await prepareProject(name, root);
  // Longest first, so the jobs finish together.
  const order = ['emodb7', 'nemo', 'emodb', 'emovo', 'savee', 'tess'];
  const rank = (n: string) => {
    const i = order.indexOf(n);
    return i < 0 ? order.length : i;
  };
  const tasks = names
    .sort((a, b) => rank(a) - rank(b))
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
