// Layering, VS Code style: the engine (src/core) and the contract (src/common) never reach into a shell;
// the renderer never reaches Node. A lint error, not a convention.
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
const nodeOnly = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  'node:*',
  'better-sqlite3',
  'electron',
  'ws',
];
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
              group: ['**/core/dataset/**', '**/core/report/**', '**/main/**', '**/server/**', '**/cli/**'],
              message: 'The renderer speaks only the contract (src/common) and browser-safe core code.',
            },
          ],
        },
      ],
    },
  },
);
