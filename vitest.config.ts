import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The renderer's rune modules (*.svelte.ts: the state in src/renderer/lib/state, the audio view's and the
// recorder's classes, the microphone take) use runes: their tests run through the Svelte compiler, against
// Svelte's browser runtime (its server build has no reactivity), in a project of their own so the engine's
// tests keep Node's resolution.
const RUNE_TESTS = [
  'tests/unit/renderer/state/**/*.test.ts',
  'tests/unit/renderer/audio-view/**/*.test.ts',
  'tests/unit/renderer/record/**/*.test.ts',
  'tests/unit/renderer/audio/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: RUNE_TESTS },
      },
      {
        extends: true,
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: { name: 'state', include: RUNE_TESTS },
      },
    ],
  },
});
