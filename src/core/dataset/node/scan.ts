import fs from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_NAME, readManifest } from './manifest.js';
import type { ManifestEntry } from './origin.js';
import { errorMessage } from '../../../common/error-message.js';

/** Extensions worth decoding; anything else in a folder is ignored unless a manifest lists it. */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.wav',
  '.wave',
  '.flac',
  '.mp3',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.aac',
  '.aiff',
  '.aif',
  '.aifc',
  '.caf',
  '.webm',
  '.wma',
]);

export function isAudioFileName(name: string): boolean {
  return AUDIO_EXTENSIONS.has(path.extname(name).toLowerCase());
}

export interface PlannedFile {
  path: string;
  manifest?: ManifestEntry;
}

export interface ImportPlan {
  /** The folder labels and speakers are read relative to (a manifest's own folder for a manifest). */
  root: string;
  files: PlannedFile[];
  manifests: string[];
}

/**
 * What an import of `source` will look at: a .csv manifest's files; a single audio file; or a folder's audio
 * files, recursively, hidden ones skipped, each folder's manifest.csv (if any) applying to the files it lists.
 */
export async function planImport(source: string): Promise<ImportPlan> {
  const abs = path.resolve(source);
  const stat = await fs.stat(abs).catch((err: unknown) => {
    throw new Error(`cannot read ${source}: ${errorMessage(err)}`);
  });
  if (stat.isFile()) {
    if (path.extname(abs).toLowerCase() === '.csv') {
      const manifest = readManifest(abs);
      const files = [...manifest].map(([p, entry]) => ({ path: p, manifest: entry }));
      return { root: path.dirname(abs), files: sortByPath(files), manifests: [abs] };
    }
    return { root: path.dirname(abs), files: [{ path: abs }], manifests: [] };
  }
  if (!stat.isDirectory()) throw new Error(`${source} is neither a folder nor a file`);

  const found = new Map<string, PlannedFile>();
  const manifests: string[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await fs.realpath(dir);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await fs.stat(p).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) subdirs.push(p);
      else if (isFile && e.name.toLowerCase() === MANIFEST_NAME) {
        manifests.push(p);
        // Deeper manifests are read later and so win for the files they list: they are the more specific.
        for (const [file, entry] of readManifest(p)) found.set(file, { path: file, manifest: entry });
      } else if (isFile && isAudioFileName(e.name) && !found.has(p)) found.set(p, { path: p });
    }
    for (const sub of subdirs.sort()) await walk(sub);
  };
  await walk(abs);
  return { root: abs, files: sortByPath([...found.values()]), manifests };
}

function sortByPath(files: PlannedFile[]): PlannedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
