import path from 'node:path';
import { formatManifest, type ManifestRow } from './manifest.js';
import type { Project } from './project.js';

/**
 * The project's good clips as a manifest (file,label,speaker,split,sha256, then `intended` and one
 * `label:<annotator>` column per annotator when the project has them) that `importSource` reads back to the
 * same labels. Paths are absolute, or relative to `relativeTo` (the folder the manifest will live in).
 */
export function exportManifest(project: Project, opts: { relativeTo?: string } = {}): string {
  const annotators = project.annotations.annotators();
  const hasIntended =
    project.db
      .prepare("SELECT 1 FROM clips WHERE status = 'ok' AND intended_label IS NOT NULL LIMIT 1")
      .get() !== undefined;
  const annotationsOf = project.db.prepare('SELECT annotator, label FROM annotations WHERE clip_id = ?');
  const rows = project.db
    .prepare(
      "SELECT id, path, label, speaker, split, sha256, intended_label FROM clips WHERE status = 'ok' ORDER BY path",
    )
    .all() as Array<{
    id: number;
    path: string;
    label: string | null;
    speaker: string;
    split: string | null;
    sha256: string;
    intended_label: string | null;
  }>;
  const base = opts.relativeTo === undefined ? undefined : path.resolve(opts.relativeTo);
  function* manifestRows(): Generator<ManifestRow> {
    for (const r of rows) {
      const annotations = annotators.length
        ? Object.fromEntries(
            (annotationsOf.all(r.id) as Array<{ annotator: string; label: string }>).map((a) => [
              a.annotator,
              a.label,
            ]),
          )
        : undefined;
      yield {
        file: base === undefined ? r.path : path.relative(base, r.path),
        label: r.label,
        speaker: r.speaker,
        split: r.split,
        sha256: r.sha256,
        intended: r.intended_label,
        annotations,
      };
    }
  }
  return formatManifest(manifestRows(), { intended: hasIntended, annotators });
}
