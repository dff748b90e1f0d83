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
    // A poll waits for what the user sees; vitest's default of one second is a time threshold in disguise,
    // which a page busy drawing a clip on a loaded machine misses. A poll that never sees it still fails.
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default'],
  },
});
