import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasSox = spawnSync('sox', ['--version']).status === 0;

export function sox(...args: string[]): void {
  execFileSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function soxi(flag: string, file: string): string {
  return execFileSync('soxi', [flag, file], { encoding: 'utf8' }).trim();
}

/** A fresh temporary folder and a function that removes it. */
export function makeTempDir(prefix = 'audio-test-'): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
