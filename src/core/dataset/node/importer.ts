import { randomUUID } from 'node:crypto';
import { examineFile } from './import-examine.js';
import { emptySummary, type ImportSummary } from '../import-summary.js';
import { ImportWriter } from './import-writer.js';
import type { Project } from './project.js';
import { planImport } from './scan.js';

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  added: number;
  rejected: number;
}

export interface ImportOptions {
  /** Sets the project's label set before importing (canonical words or aliases). */
  labels?: string[];
  /** Longer files are rejected; default: the audio layer's (120 s). */
  maxDurationS?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Stops after the files in flight; what was done is written and the summary says `cancelled`. */
  signal?: AbortSignal;
  /** Files decoded at once; reading overlaps decoding. Default 3. */
  concurrency?: number;
}

/**
 * Imports a folder (recursively) or a CSV manifest into the project. Bad files are recorded as rejected with
 * their reason and the import goes on; content already in the project is not added twice; running the same
 * import again changes nothing, and after a crash it completes what was missing.
 */
export async function importSource(
  project: Project,
  source: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  if (opts.labels) project.settings.setLabelSet(opts.labels);
  const plan = await planImport(source);
  const summary = emptySummary(source);
  summary.scanned = plan.files.length;
  const writer = new ImportWriter(project, summary, randomUUID());

  let next = 0;
  let done = 0;
  let added = 0;
  let rejected = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < plan.files.length && !opts.signal?.aborted && !failed) {
      const file = plan.files[next++];
      try {
        const result = await examineFile(file, plan.root, project.clips, { maxDurationS: opts.maxDurationS });
        writer.add(result);
        done++;
        if (result.kind === 'decoded') added++;
        else if (result.kind === 'rejected') rejected++;
      } catch (err) {
        failed = true; // a database error: stop the other workers too
        throw err;
      }
      opts.onProgress?.({ done, total: plan.files.length, file: file.path, added, rejected });
    }
  };
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 3, 8));
  await Promise.all(Array.from({ length: concurrency }, worker));
  writer.flush();

  summary.cancelled = opts.signal?.aborted === true && done < plan.files.length;
  summary.elapsedS = (performance.now() - started) / 1000;
  return summary;
}
