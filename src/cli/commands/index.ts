import type { Command } from 'commander';

/** Each command lives in its own file and adds itself to the program. */
type Register = (program: Command) => void;

const modules: Array<() => Promise<{ register: Register }>> = [
  // dataset
  // () => import('./import.js'),
];

export async function registerCommands(program: Command): Promise<void> {
  for (const load of modules) (await load()).register(program);
}
