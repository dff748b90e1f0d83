// Layering, VS Code style: the engine (src/core) and the contract (src/common) never reach into a shell;
// the renderer never reaches Node. A lint error, not a convention.
// Where engine code runs is in its path: a file that needs Node lives in a `node/` folder of its area
// (src/core/model/node/, src/core/model/backend/node/, src/core/dataset/node/, ...), and src/core/studio,
// the service the Node shells call, is Node-only as a whole. Everything else in src/core is browser-safe.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'net',
  'url',
  'stream',
  'zlib',
  'module',
  'util',
  'events',
  'buffer',
  'process',
];
// Native or Node-only packages the engine uses besides the built-ins.
const nodePackages = [
  'better-sqlite3',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@resvg/resvg-js',
  'tsx',
  'tsx/esm/api',
];
const nodeOnly = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  'node:*',
  ...nodePackages,
  'electron',
  'ws',
];
// Engine code that may use Node: any node/ folder, and the whole studio service.
const nodeOnlyCoreFiles = ['src/core/**/node/**', 'src/core/studio/**'];
const nodeOnlyCode = ['**/node/**', '**/core/studio/**'];
const shells = ['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**', '**/cli/**'];

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
    files: ['src/core/**', 'src/common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/core and src/common are shell-neutral: no Electron.' }],
          patterns: [
            {
              group: shells,
              message: 'The engine must not depend on a shell (main, preload, renderer, server, cli).',
            },
          ],
        },
      ],
    },
  },
  {
    // Browser-safe engine code and the contract: the renderer bundles them, so no Node built-in, no native
    // package and no Node-only engine file. A type-only import is allowed (it is erased from the build).
    // No exceptions today: no browser-safe file is dual (guarded Node use); list one here, with why, if needed.
    files: ['src/core/**', 'src/common/**'],
    ignores: nodeOnlyCoreFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodePackages].map((name) => ({
            name,
            message: 'Browser-safe engine code: Node-only code goes in a node/ folder of its area.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'Browser-safe engine code: Node-only code goes in a node/ folder of its area.',
              allowTypeImports: true,
            },
            {
              group: ['**/node/**', '**/studio/**'],
              message:
                'Browser-safe engine code may not load Node-only code (node/ folders, src/core/studio).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly
            .filter((m) => !m.includes('*'))
            .map((name) => ({ name, message: 'The renderer never touches Node: speak the contract.' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer never touches Node.' },
            {
              group: [...nodeOnlyCode, '**/main/**', '**/server/**', '**/cli/**'],
              message:
                'The renderer speaks only the contract (src/common) and browser-safe core code (no node/ folder, no src/core/studio).',
            },
          ],
        },
      ],
    },
  },
);
