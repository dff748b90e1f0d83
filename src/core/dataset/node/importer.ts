import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { importRecording } from '../../recordings/node/import-recording.js';
import type { DetectorOptions } from '../../recordings/speech-detector.js';
import { examineFile, type Examined } from './import-examine.js';
import { LONG_RECORDING_S } from '../long-recording-threshold.js';
import { emptySummary, UNLABELLED_KEY, type ImportSummary } from '../import-summary.js';
import { ImportWriter } from './import-writer.js';
import type { Project } from './project.js';
import { planImport } from './scan.js';
import { AudioError } from '../../audio/node/index.js';
import { enforceMaxDuration } from '../../audio/duration-limit.js';
import { InterchangeError } from '../../recordings/interchange/index.js';
import { resolveOrigin, type ClipOrigin, type ManifestEntry } from './origin.js';

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
  /**
   * 'auto': a file longer than LONG_RECORDING_S is a long recording, kept once and split into utterances
   * (src/core/recordings); 'off' (the default here): every file is one clip, up to maxDurationS.
   */
  segment?: 'auto' | 'off';
  /** The speech detector's settings for long recordings. */
  detector?: Partial<DetectorOptions>;
  /** The speaker of long recordings whose speaker no manifest or naming gives. */
  speaker?: string;
}

/** A file this large is a long recording whatever its format (16 MB: 8 minutes of 16 kHz 16-bit mono). */
const LONG_FILE_BYTES = 16 * 1024 * 1024;

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
  const groupId = randomUUID();
  const writer = new ImportWriter(project, summary, groupId);
  let recordingQueue: Promise<unknown> = Promise.resolve();

  let next = 0;
  let done = 0;
  let added = 0;
  let rejected = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < plan.files.length && !opts.signal?.aborted && !failed) {
      const file = plan.files[next++];
      try {
        const auto = opts.segment === 'auto';
        const size = auto ? ((await fs.stat(file.path).catch(() => null))?.size ?? 0) : 0;
        const big = size > LONG_FILE_BYTES;
        let result: Examined | null = big
          ? null
          : await examineFile(file, plan.root, project.clips, {
              maxDurationS: auto ? LONG_RECORDING_S : opts.maxDurationS,
            });
        if (auto && (result === null || (result.kind === 'rejected' && result.code === 'too-long'))) {
          // one long recording at a time: each holds its pieces and a detector's levels, not more
          const job = recordingQueue.then(() =>
            importRecording(project, file.path, plan.root, {
              detector: opts.detector,
              speaker: opts.speaker,
              manifest: file.manifest,
              groupId,
            }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
          );
          recordingQueue = job;
          const imported = await job;
          if (imported instanceof Error) {
            if (!isAudioProblem(imported)) throw imported;
            result = {
              kind: 'rejected',
              path: file.path,
              sha256: null,
              origin: rejectedOrigin(file, plan.root),
              reason: imported.message,
              code: codeOf(imported),
            };
          } else {
            (summary.recordings ??= []).push(imported);
            for (const seg of project.recordings.segments(imported.recordingId)) {
              const label = seg.label ?? UNLABELLED_KEY;
              summary.perLabel[label] = (summary.perLabel[label] ?? 0) + 1;
            }
            const speaker = project.recordings.get(imported.recordingId)!.speaker;
            summary.perSpeaker[speaker] = (summary.perSpeaker[speaker] ?? 0) + imported.segments;
            if (!imported.known) {
              summary.added += imported.segments;
              summary.durationS += imported.durationS;
            } else summary.unchanged += imported.segments;
            done++;
            added++;
            opts.onProgress?.({ done, total: plan.files.length, file: file.path, added, rejected });
            continue;
          }
        }
        if (!result) throw new Error(`internal: ${file.path} was neither examined nor imported`);
        if (auto && opts.maxDurationS !== undefined) result = withinLimit(result, opts.maxDurationS);
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

function isAudioProblem(err: Error): boolean {
  return err instanceof AudioError || err instanceof InterchangeError;
}

function codeOf(err: Error): string {
  return err instanceof AudioError ? err.code : 'annotations';
}

function rejectedOrigin(file: { path: string; manifest?: ManifestEntry }, root: string): ClipOrigin {
  return resolveOrigin(file.path, root, file.manifest);
}

/**
 * With 'auto' a file is decoded up to the long-recording threshold; a clip under it may still be over a lower
 * limit the user set (--max-duration), and is then rejected as it always was.
 */
function withinLimit(result: Examined, maxDurationS: number): Examined {
  if (result.kind !== 'decoded') return result;
  try {
    enforceMaxDuration(result.audio.durationS, maxDurationS, 'decoded');
    return result;
  } catch (err) {
    if (!(err instanceof AudioError)) throw err;
    return {
      kind: 'rejected',
      path: result.path,
      sha256: result.sha256,
      origin: result.origin,
      reason: err.message,
      code: err.code,
    };
  }
}
