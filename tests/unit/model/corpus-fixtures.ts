// Small real-speech fixtures: folders of symlinks to a few EmoDB clips (read-only data, never copied).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

export const EMODB = sharedPath('data/emodb');
export const hasEmoDb = hasSharedData(
  'the tests on real EmoDB speech in this file',
  'data/emodb/manifest.csv',
);

export interface ManifestRow {
  file: string;
  label: string;
  speaker: string;
}

export function emodbRows(): ManifestRow[] {
  const lines = fs.readFileSync(path.join(EMODB, 'manifest.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [file, label, speaker] = l.split(',');
    return { file, label, speaker };
  });
}

/** A folder of symlinks to the EmoDB clips of these speakers and labels; returns how many. */
export function linkEmoDb(dir: string, speakers: readonly string[], labels: readonly string[]): number {
  fs.mkdirSync(dir, { recursive: true });
  const rows = emodbRows().filter((r) => speakers.includes(r.speaker) && labels.includes(r.label));
  for (const r of rows) fs.symlinkSync(path.join(EMODB, r.file), path.join(dir, r.file));
  return rows.length;
}

export const SER_BIN = path.resolve(import.meta.dirname, '../../../bin/ser.js');

/** Runs the `ser` command as a user would, capturing output and exit code. */
export function ser(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SER_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
