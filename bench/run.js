#!/usr/bin/env node
// `npm run bench [name ...]`: runs each measurement in its own process (so one's memory or JIT state never
// colours another's) and passes through the JSON lines they print. Accuracy runs are long: `npm run bench accuracy`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaults = [
  'agreement',
  'decode',
  'decode-bomb',
  'features',
  'import',
  'train-speed',
  'inference',
  'train-memory',
  'train-pool',
  'train-pool-memory',
  'ui',
  'long-import-memory',
  'timeline',
];
const names = process.argv.slice(2).length ? process.argv.slice(2) : defaults;

let failed = 0;
for (const name of names) {
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) {
    process.stderr.write(`bench: no bench/${name}.ts\n`);
    failed++;
    continue;
  }
  // Training speed is only meaningful next to PyTorch's for the same models (an error line where it is absent).
  const args = name === 'train-speed' ? ['--torch'] : [];
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) {
    process.stderr.write(`bench: ${name} exited with ${run.status ?? run.signal}\n`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
