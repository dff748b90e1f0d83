import fs from 'node:fs';
import path from 'node:path';
import type { ImportedRecording } from '../../../common/contract.js';
import { canonicalLabel } from '../../dataset/labels.js';
import { resolveOrigin, UNKNOWN_SPEAKER, type ManifestEntry } from '../../dataset/node/origin.js';
import type { Project } from '../../dataset/node/project.js';
import type { NewRecording, SegmentState } from '../../dataset/node/recordings-repo.js';
import { formatOfName, InterchangeError, readIntervals, type Interval } from '../interchange/index.js';
import { DEFAULT_DETECTOR, detectSpeech, type DetectorOptions, type TimeSpan } from '../speech-detector.js';
import { hashFile, writeRecordingCopy } from './recording-audio.js';
import { MIN_SEGMENT_S, recordingFolder, writeSegmentFile } from './segment-files.js';

export interface RecordingImportOptions {
  detector?: Partial<DetectorOptions>;
  /** The recording's speaker, over what a manifest or a corpus's naming says. */
  speaker?: string;
  manifest?: ManifestEntry;
  /** The label history's group of this import. */
  groupId: string;
}

/** Annotation files found beside a recording (same name), in this order of preference. */
const SIDECAR_EXTENSIONS = ['.TextGrid', '.textgrid', '.eaf', '.segments.csv'];

/** A recording with no known speaker is taken as one voice of its own, named for it. */
export function recordingVoice(file: string): string {
  return `recording:${path.basename(file, path.extname(file))}`;
}

function sidecarOf(file: string): string | null {
  const base = path.join(path.dirname(file), path.basename(file, path.extname(file)));
  return SIDECAR_EXTENSIONS.map((e) => base + e).find((f) => fs.existsSync(f)) ?? null;
}

/** Intervals from an annotation file, checked against the recording: sorted, no overlaps, inside it. */
export function spansFromIntervals(
  intervals: readonly Interval[],
  durationS: number,
  where: string,
): Array<TimeSpan & { text: string | null }> {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Array<TimeSpan & { text: string | null }> = [];
  for (const iv of sorted) {
    if (iv.start >= durationS)
      throw new InterchangeError(
        `${where}: an interval starts at ${iv.start} s, after the recording's end (${durationS.toFixed(3)} s)`,
      );
    const end = Math.min(iv.end, Math.floor(durationS * 1000) / 1000);
    const prev = out[out.length - 1];
    if (prev && iv.start < prev.end)
      throw new InterchangeError(
        `${where}: the intervals at ${prev.start}-${prev.end} s and ${iv.start}-${iv.end} s overlap`,
      );
    if (end - iv.start < MIN_SEGMENT_S) continue;
    out.push({ start: iv.start, end, text: iv.text });
  }
  return out;
}

/**
 * Imports a long recording: keeps one 16 kHz copy of it in the project (decoded in pieces), splits it into
 * utterances (an annotation file beside it, else the speech detector) and records each utterance as a clip
 * pointing at it, all in one transaction. A recording already in the project (same content) is left as it is.
 */
export async function importRecording(
  project: Project,
  file: string,
  root: string,
  opts: RecordingImportOptions,
): Promise<ImportedRecording> {
  const sha256 = await hashFile(file);
  const known = project.recordings.getBySha256(sha256);
  if (known)
    return {
      path: file,
      recordingId: known.id,
      durationS: known.durationS,
      segments: project.recordings.segments(known.id).length,
      from: 'detector',
      known: true,
    };
  const origin = resolveOrigin(file, root, opts.manifest);
  const folder = recordingFolder(project.dir, sha256);
  const copyPath = path.join(folder, 'recording.wav');
  let copy;
  try {
    copy = await writeRecordingCopy(file, copyPath);
  } catch (err) {
    // nothing in the project names this folder (the recording is not known): leave no trace of it
    fs.rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  const durationS = copy.info.durationS;

  const sidecar = sidecarOf(file);
  let spans: Array<TimeSpan & { text: string | null }>;
  const detector = { ...DEFAULT_DETECTOR, ...opts.detector };
  if (sidecar) {
    const format = formatOfName(sidecar.endsWith('.segments.csv') ? 'x.csv' : sidecar)!;
    spans = spansFromIntervals(readIntervals(fs.readFileSync(sidecar), format).intervals, durationS, sidecar);
  } else spans = detectSpeech(copy.levels, detector).map((s) => ({ ...s, text: null }));

  const speaker =
    opts.speaker ?? (origin.speaker === UNKNOWN_SPEAKER ? recordingVoice(file) : origin.speaker);
  const recording: NewRecording = {
    sourcePath: file,
    path: copyPath,
    sha256,
    format: copy.info.format,
    sampleRate: copy.info.sampleRate,
    channels: copy.info.channels,
    durationS,
    speaker,
    corpus: origin.corpus,
    detector: sidecar ? { annotations: path.basename(sidecar) } : detector,
  };
  const states: Array<{ state: SegmentState; label: string | null; unknown: string | null }> = spans.map(
    (s) => {
      const label = s.text === null ? null : (canonicalLabel(s.text) ?? null);
      return {
        state: writeSegmentFile(recording, s.start, s.end),
        label,
        unknown: s.text !== null && label === null ? s.text : null,
      };
    },
  );
  const recordingId = project.transaction(() => {
    const now = new Date().toISOString();
    const id = project.recordings.insert(recording, now);
    for (const s of states) {
      const labelSource = s.label === null ? null : 'manifest';
      const clipId = project.recordings.insertSegment(
        { id, speaker, corpus: origin.corpus },
        s.state,
        { label: s.label, labelSource },
        now,
      );
      if (s.label !== null)
        project.labels.record({
          clipId,
          oldLabel: null,
          newLabel: s.label,
          oldLabelSource: null,
          newLabelSource: labelSource,
          source: 'import',
          groupId: opts.groupId,
          at: now,
        });
    }
    return id;
  });
  return {
    path: file,
    recordingId,
    durationS,
    segments: states.length,
    from: sidecar ? 'annotations' : 'detector',
    known: false,
  };
}

/** Labels of an annotation file that are no emotion word the studio knows (left unlabelled), counted. */
export function unknownWords(intervals: readonly Interval[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const iv of intervals)
    if (iv.text !== null && !canonicalLabel(iv.text)) out[iv.text] = (out[iv.text] ?? 0) + 1;
  return out;
}
