import fs from 'node:fs';
import path from 'node:path';
import { EMODB } from './paths.js';

/** EmoDB letter 6 for the three default emotions: F happy, T sad, N neutral. */
const LETTERS = new Set(['F', 'T', 'N']);

/**
 * A folder of symlinks to some speakers' happy/sad/neutral EmoDB files (the corpus stays read-only where it
 * is; the importer reads labels and speakers from the EmoDB names). Returns the folder and the file names.
 */
export function emodbSubset(dir: string, speakers: readonly string[]): { dir: string; files: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const files = fs
    .readdirSync(EMODB)
    .filter(
      (f) =>
        /^\d\d[a-z]\d\d[A-Z][a-z]\.wav$/.test(f) && speakers.includes(f.slice(0, 2)) && LETTERS.has(f[5]),
    )
    .sort();
  for (const f of files) fs.symlinkSync(path.join(EMODB, f), path.join(dir, f));
  return { dir, files };
}
