import fs from 'node:fs';
import path from 'node:path';
import { canonicalLabel } from '../../dataset/labels.js';
import type { Project } from '../../dataset/node/project.js';
import { readIntervals, writeIntervals, type InterchangeFormat } from '../interchange/index.js';
import { spansFromIntervals, unknownWords } from './import-recording.js';
import { editSegments, SegmentEditError, type SegmentEditResult } from './segment-edits.js';

/** A recording's segments as an annotation file of `format` (one tier named "emotion"). */
export function exportSegments(project: Project, recordingId: number, format: InterchangeFormat): string {
  const rec = project.recordings.get(recordingId);
  if (!rec) throw new SegmentEditError(`no recording with id ${recordingId}`);
  const intervals = project.recordings
    .segments(recordingId)
    .map((s) => ({ start: s.startS, end: s.endS, text: s.label }));
  return writeIntervals(intervals, format, rec.durationS, path.basename(rec.sourcePath));
}

/**
 * Replaces a recording's segments by an annotation file's intervals (labels the studio knows are kept, other
 * words leave a segment unlabelled and are counted), as one undoable step.
 */
export function importSegments(
  project: Project,
  recordingId: number,
  file: string,
  format: InterchangeFormat,
  tier?: string,
): SegmentEditResult & { unknownLabels: Record<string, number>; tier: string } {
  const rec = project.recordings.get(recordingId);
  if (!rec) throw new SegmentEditError(`no recording with id ${recordingId}`);
  const read = readIntervals(fs.readFileSync(file), format, tier);
  const spans = spansFromIntervals(read.intervals, rec.durationS, file);
  const result = editSegments(project, {
    kind: 'replace',
    recordingId,
    spans: spans.map((s) => ({
      startS: s.start,
      endS: s.end,
      label: s.text === null ? null : (canonicalLabel(s.text) ?? null),
    })),
  });
  return { ...result, unknownLabels: unknownWords(read.intervals), tier: read.tier };
}
