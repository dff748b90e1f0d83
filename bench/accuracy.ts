// npx tsx bench/accuracy.ts [corpus...] [--keep] — the product's promise, measured: each corpus is imported
// into a temporary project and trained with the default settings and --split loso (every clip predicted by
// a model that never heard its speaker; then the final model on all speakers), exactly as `ser train` does.
// Corpora: emodb, savee, tess (happy, sad, neutral) and emodb7 (EmoDB's seven emotions).
// Prints one JSON line per corpus, with the better of the two reference scores of baselines.jsonl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importSource, openProject } from '../src/core/dataset/index.js';
import { trainProject } from '../src/core/model/train-project.js';
import { sharedPath } from '../tests/support/shared-data.js';

const DATA = sharedPath('data');
const BASELINES = sharedPath('reference/baselines.jsonl');
const CORPORA: Record<string, { folder: string; labels: string[] }> = {
  emodb: { folder: 'emodb', labels: ['happy', 'sad', 'neutral'] },
  savee: { folder: 'savee', labels: ['happy', 'sad', 'neutral'] },
  tess: { folder: 'tess', labels: ['happy', 'sad', 'neutral'] },
  emodb7: { folder: 'emodb', labels: ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'] },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { keep: { type: 'boolean', default: false } },
});
const wanted = positionals.length > 0 ? positionals : Object.keys(CORPORA);
for (const name of wanted)
  if (!CORPORA[name]) throw new Error(`unknown corpus ${name}: use ${Object.keys(CORPORA).join(', ')}`);

function referenceBest(corpus: string): { macro_f1: number; method: string } | null {
  if (!fs.existsSync(BASELINES)) return null;
  const rows = fs
    .readFileSync(BASELINES, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { corpus: string; method: string; macro_f1: number })
    .filter((r) => r.corpus === corpus && (r.method === 'svm' || r.method === 'cnn'));
  if (rows.length === 0) return null;
  const best = rows.reduce((a, b) => (b.macro_f1 > a.macro_f1 ? b : a));
  return { macro_f1: best.macro_f1, method: best.method };
}

for (const name of wanted) {
  const { folder, labels } = CORPORA[name];
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ser-accuracy-${name}-`));
  try {
    const project = openProject(dir, { create: true });
    try {
      await importSource(project, path.join(DATA, folder));
    } finally {
      project.close();
    }
    const r = await trainProject({ projectDir: dir, config: { labels, split: 'loso' } });
    const m = r.experiment.metrics;
    if (!m) throw new Error(`${name}: no held-out predictions`);
    const ref = referenceBest(name);
    console.log(
      JSON.stringify({
        bench: 'accuracy',
        corpus: name,
        labels,
        split: r.experiment.split,
        folds: r.experiment.folds,
        accuracy: +m.accuracy.toFixed(4),
        macro_f1: +m.macro_f1.toFixed(4),
        uar: +m.uar.toFixed(4),
        confusion: m.confusion,
        clips: m.clips,
        speakers: m.speakers,
        train_s: +r.experiment.trainSeconds.toFixed(1),
        clips_per_s: +(r.experiment.clipsSeen / r.experiment.trainSeconds).toFixed(1),
        features_s: +r.featureSeconds.toFixed(1),
        total_s: +((performance.now() - started) / 1000).toFixed(1),
        backend: r.backend.detail,
        reference_macro_f1: ref?.macro_f1 ?? null,
        reference_method: ref?.method ?? null,
        beats_reference: ref ? m.macro_f1 > ref.macro_f1 : null,
        ...(values.keep ? { project: dir } : {}),
      }),
    );
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
