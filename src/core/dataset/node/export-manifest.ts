import path from 'node:path';
import { formatManifest, type ManifestRow } from './manifest.js';
import type { Project } from './project.js';

/**
 * The project's good clips as a manifest (file,label,speaker,split,sha256) that `importSource` reads back
 * to the same labels. Paths are absolute, or relative to `relativeTo` (the folder the manifest will live in).
 */
export function exportManifest(project: Project, opts: { relativeTo?: string } = {}): string {
  const rows = project.db
    .prepare("SELECT path, label, speaker, split, sha256 FROM clips WHERE status = 'ok' ORDER BY path")
    .iterate() as IterableIterator<{
    path: string;
    label: string | null;
    speaker: string;
    split: string | null;
    sha256: string;
  }>;
  const base = opts.relativeTo === undefined ? undefined : path.resolve(opts.relativeTo);
  function* manifestRows(): Generator<ManifestRow> {
    for (const r of rows) {
      yield { file: base === undefined ? r.path : path.relative(base, r.path), ...omitPath(r) };
    }
  }
  return formatManifest(manifestRows());
}

function omitPath(r: {
  label: string | null;
  speaker: string;
  split: string | null;
  sha256: string;
}): Omit<ManifestRow, 'file'> {
  return { label: r.label, speaker: r.speaker, split: r.split, sha256: r.sha256 };
}
