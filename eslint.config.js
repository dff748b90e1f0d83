// Layering, VS Code style (its code-layering rule): one table of which layer may import which, by path, checked
// by lint/layers.js on static imports, re-exports, `import type` and dynamic `import()` alike. A lint error, not
// a convention. The engine (src/core) and the contract (src/common) never reach into a shell; the renderer never
// reaches Node. Where engine code runs is in its path: a file that needs Node lives in a `node/` folder of its
// area (src/core/model/node/, src/core/dataset/node/, ...), and src/core/studio, the service the Node shells
// call, is Node-only as a whole (a layer of its own, under the same rule). Everything else in src/core is
// browser-safe: the renderer bundles it. No browser-safe file is dual (guarded Node use); one would get a
// layer of its own here, with why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import layers from './lint/layers.js';

// A file's layer is the first whose `files` its path matches. `may`: what it imports; `types`: what it may
// import with `import type` only (erased from the build). Besides the layers: 'node' (a Node built-in or a
// package in NODE_PACKAGES), 'electron', and 'package' (any other package: it runs anywhere).
const LAYERS = [
  { name: 'contract', files: 'src/common/**', may: ['contract', 'package'], types: ['node'] },
  {
    name: 'studio',
    files: 'src/core/studio/**',
    may: ['studio', 'engine-node', 'engine', 'contract', 'package', 'node'],
  },
  {
    name: 'engine-node',
    files: 'src/core/**/node/**',
    may: ['engine-node', 'engine', 'contract', 'package', 'node'],
  },
  {
    name: 'engine',
    files: 'src/core/**',
    may: ['engine', 'contract', 'package'],
    types: ['engine-node', 'studio', 'node'],
  },
  { name: 'renderer', files: 'src/renderer/**', may: ['renderer', 'engine', 'contract', 'package'] },
  { name: 'preload', files: 'src/preload/**', may: ['contract', 'electron'] },
  {
    name: 'server',
    files: 'src/server/**',
    may: ['server', 'studio', 'engine-node', 'engine', 'contract', 'package', 'node'],
  },
  {
    name: 'cli',
    files: 'src/cli/**',
    may: ['cli', 'server', 'studio', 'engine-node', 'engine', 'contract', 'package', 'node'],
  },
  {
    name: 'main',
    files: 'src/main/**',
    may: ['main', 'server', 'studio', 'engine-node', 'engine', 'contract', 'package', 'node', 'electron'],
  },
];
// Native or Node-only packages, besides the built-ins.
const NODE_PACKAGES = [
  'better-sqlite3',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@resvg/resvg-js',
  'tsx',
  'ws',
  'vite',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/**'],
    plugins: { local: layers },
    rules: { 'local/layers': ['error', { layers: LAYERS, nodePackages: NODE_PACKAGES }] },
  },
);
