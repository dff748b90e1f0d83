import { defineConfig } from 'vitest/config';

// End-to-end: the real `ser serve` driven in Debian's Chromium (and Electron where its binary exists).
// One file at a time: each starts a server and a browser, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    // the steps of a file build on each other: after the first failure the rest only add noise
    bail: 1,
    reporters: ['default'],
  },
});
