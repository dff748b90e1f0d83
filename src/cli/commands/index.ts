import type { Command } from 'commander';

/** Each command lives in its own file and adds itself to the program. */
type Register = (program: Command) => void;

const modules: Array<() => Promise<{ register: Register }>> = [
  // dataset
  () => import('./import.js'),
  () => import('./stats.js'),
  () => import('./relabel.js'),
  () => import('./undo.js'),
  () => import('./export-manifest.js'),
  () => import('./labels.js'),
  () => import('./segments.js'),
  // learning engine
  () => import('./train.js'),
  () => import('./evaluate.js'),
  () => import('./predict.js'),
  // studio
  () => import('./serve.js'),
];

export async function registerCommands(program: Command): Promise<void> {
  for (const load of modules) (await load()).register(program);
}
