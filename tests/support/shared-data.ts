import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared corpora and reference material live beside the repository (../shared), wherever it is cloned;
 * SER_SHARED_DIR overrides that.
 */
export const SHARED_DIR = process.env.SER_SHARED_DIR ?? path.resolve(import.meta.dirname, '../../../shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** Paths already warned about (module state: one set per test file). */
const warned = new Set<string>();

/**
 * Whether the shared material at `parts` (under SHARED_DIR) is there, for `describe.runIf` / `it.runIf`.
 * When it is not, the tests that need it skip, and this says so on the console, once per test file and
 * path, naming what is missing and what is skipped: a green run without the corpora must not pass for a
 * full one.
 */
export function hasSharedData(skipped: string, ...parts: string[]): boolean {
  const p = sharedPath(...parts);
  if (fs.existsSync(p)) return true;
  if (!warned.has(p)) {
    warned.add(p);
    console.warn(
      `\n!!! SKIPPED: ${skipped}. Missing shared data: ${p}\n` +
        `!!! Put the shared corpora in ${SHARED_DIR} (or point SER_SHARED_DIR at them) to run these tests.\n`,
    );
  }
  return false;
}
