// npx tsx bench/reference-rows.ts [variant...] [--methods svm,cnn] [--seeds 0] [--threads 1]
// The reference rows of the stress variants: ../shared/reference/ser_reference.py (the original design's CNN
// in PyTorch, and the MFCC+SVM baseline) on each variant's manifest, on the same leave-one-speaker-out folds
// the harness uses. Appends one JSON line per row to bench/reference/stress-baselines.jsonl, skipping rows
// already there, and prints them. Needs python3 with torch, sklearn and scipy (Debian: python3-torch
// python3-sklearn python3-scipy); PYTHON names another interpreter.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sharedPath } from '../tests/support/shared-data.js';
import { corpusSource, defaultProjectsRoot, STRESS } from './support/harness-corpora.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    methods: { type: 'string', default: 'svm,cnn' },
    seeds: { type: 'string', default: '0' },
    threads: { type: 'string', default: '1' },
    projects: { type: 'string' },
  },
});

const OUT = path.join(import.meta.dirname, 'reference', 'stress-baselines.jsonl');
const python = process.env.PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

interface Row {
  corpus: string;
  method: string;
  seed?: number;
}

function existing(): Row[] {
  if (!fs.existsSync(OUT)) return [];
  return fs
    .readFileSync(OUT, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}

const names = positionals.length > 0 ? positionals : Object.keys(STRESS);
const root = values.projects ?? defaultProjectsRoot();
fs.mkdirSync(path.dirname(OUT), { recursive: true });
for (const name of names) {
  const corpus = STRESS[name];
  if (!corpus) throw new Error(`unknown stress variant ${name}: ${Object.keys(STRESS).join(', ')}`);
  const dir = corpusSource(name, root);
  for (const method of values.methods.split(',')) {
    // The SVM has no seed; the CNN one row per seed.
    const seeds = method === 'svm' ? [0] : values.seeds.split(',').map(Number);
    for (const seed of seeds) {
      const done = existing().some(
        (r) => r.corpus === name && r.method === method && (method === 'svm' || (r.seed ?? 0) === seed),
      );
      if (done) continue;
      const run = spawnSync(
        python,
        [
          sharedPath('reference', 'ser_reference.py'),
          dir,
          '--method',
          method,
          '--labels',
          corpus.labels.join(','),
          '--seed',
          String(seed),
          '--threads',
          values.threads,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const line = run.stdout.trim().split('\n').pop() ?? '';
      if (run.status !== 0 || !line.startsWith('{')) {
        process.stderr.write(`reference-rows: ${name} ${method} seed ${seed} failed:\n${run.stderr}\n`);
        continue;
      }
      const row = { ...JSON.parse(line), corpus: name, seed };
      fs.appendFileSync(OUT, `${JSON.stringify(row)}\n`);
      console.log(JSON.stringify(row));
    }
  }
}
