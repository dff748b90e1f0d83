import path from 'node:path';

/**
 * The shared corpora and reference material live beside the repository (../shared), wherever it is cloned;
 * SER_SHARED_DIR overrides that.
 */
export const SHARED_DIR = process.env.SER_SHARED_DIR ?? path.resolve(import.meta.dirname, '../../../shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}
