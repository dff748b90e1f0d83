import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with the plain line "N passed, N failed, N skipped", which CI reads whatever the runner;
 * vitest's own summary is kept above it.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++;
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    // tests/run.js runs several suites and adds their counts up for one closing line
    const tally = process.env.SER_TEST_TALLY;
    if (tally) appendFileSync(tally, `${JSON.stringify({ passed, failed, skipped })}\n`);
  }
}
