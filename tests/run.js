#!/usr/bin/env node
// `npm test`: the unit suite, then the end-to-end suite (each its own vitest run: the e2e files start servers and
// browsers one at a time), then one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ser-tests-'));
const tally = path.join(dir, 'tally.jsonl');
const suites = [
  ['unit', ['run']],
  ['e2e', ['run', '--config', 'vitest.e2e.config.ts']],
];
const only = process.argv[2];
let exitCode = 0;
for (const [name, args] of suites) {
  if (only && only !== name) continue;
  const vitest = path.join('node_modules', 'vitest', 'vitest.mjs');
  const run = spawnSync(
    process.execPath,
    [vitest, ...args, '--reporter=default', '--reporter=./tests/support/summary-reporter.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, SER_TEST_TALLY: tally },
    },
  );
  if (run.status !== 0) exitCode = run.status ?? 1;
}
const totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(tally)) {
  for (const line of readFileSync(tally, 'utf8').split('\n').filter(Boolean)) {
    const t = JSON.parse(line);
    totals.passed += t.passed;
    totals.failed += t.failed;
    totals.skipped += t.skipped;
  }
}
rmSync(dir, { recursive: true, force: true });
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1; // a suite that crashed before reporting still fails
process.stdout.write(
  `\nTotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exitCode = exitCode;
