import { randomUUID } from 'node:crypto';
import type { Project } from '../../dataset/node/project.js';
import type { Recording, SegmentRow, SegmentState } from '../../dataset/node/recordings-repo.js';
import { round3 } from '../speech-detector.js';
import { MIN_SEGMENT_S, writeSegmentFile } from './segment-files.js';

/** One change a person makes to a recording's segments: each is one undoable step of the label history. */
export type SegmentEdit =
  | { kind: 'resize'; clipId: number; startS: number; endS: number }
  | { kind: 'split'; clipId: number; atS: number }
  | { kind: 'merge'; clipId: number; withClipId: number }
  | { kind: 'add'; recordingId: number; startS: number; endS: number; label?: string | null }
  | { kind: 'delete'; clipId: number }
  | {
      kind: 'replace';
      recordingId: number;
      spans: Array<{ startS: number; endS: number; label: string | null }>;
    };

/** The edit cannot be made as asked; the message says why in the user's terms. */
export class SegmentEditError extends Error {
  override readonly name = 'SegmentEditError';
}

export interface SegmentEditResult {
  recordingId: number;
  /** The label history's group of this edit (undo reverts it whole). */
  groupId: string;
  /** The clips the edit made or changed that are segments after it (a split's two halves, a merge's one). */
  clipIds: number[];
  segments: SegmentRow[];
}

interface Change {
  /** null: a clip the edit creates. */
  clipId: number | null;
  before: SegmentState | null;
  /** The stretch to write ('removed' keeps the clip's own state, marked removed). */
  after: { startS: number; endS: number } | 'removed';
  label?: { label: string | null; labelSource: 'user' | null } | null;
}

function checkSpan(startS: number, endS: number, rec: Recording): { startS: number; endS: number } {
  const a = round3(startS);
  const b = round3(Math.min(endS, rec.durationS));
  if (!Number.isFinite(a) || !Number.isFinite(b))
    throw new SegmentEditError('a segment needs a start and an end in seconds');
  if (a < 0) throw new SegmentEditError(`a segment cannot start before the recording (${a} s)`);
  if (b - a < MIN_SEGMENT_S)
    throw new SegmentEditError(
      `a segment must last at least ${MIN_SEGMENT_S * 1000} ms (${a.toFixed(3)}-${b.toFixed(3)} s is ${Math.round((b - a) * 1000)} ms)`,
    );
  return { startS: a, endS: b };
}

function checkNoOverlap(spans: Array<{ startS: number; endS: number }>): void {
  const sorted = [...spans].sort((x, y) => x.startS - y.startS);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].startS < sorted[i - 1].endS)
      throw new SegmentEditError(
        `segments may not overlap: ${sorted[i - 1].startS.toFixed(3)}-${sorted[i - 1].endS.toFixed(3)} s and ${sorted[i].startS.toFixed(3)}-${sorted[i].endS.toFixed(3)} s would`,
      );
}

/**
 * Makes one edit of a recording's segments: checks it (inside the recording, at least MIN_SEGMENT_S, no two
 * segments overlapping), writes the files of the new stretches, then in one transaction updates the clips and
 * records a 'segment' event per touched clip (its stretch before and after) under one group, so undo reverts it.
 */
export function editSegments(project: Project, edit: SegmentEdit): SegmentEditResult {
  const { recordings } = project;
  const recOf = (clipId: number): { rec: Recording; seg: SegmentRow } => {
    const where = recordings.segmentOf(clipId);
    if (!where) throw new SegmentEditError(`clip ${clipId} is not a segment of a recording`);
    const rec = recordings.get(where.recordingId)!;
    const seg = recordings.segments(rec.id).find((s) => s.clipId === clipId);
    if (!seg) throw new SegmentEditError(`clip ${clipId} was removed from its recording's segments`);
    return { rec, seg };
  };
  const state = (clipId: number) => recordings.state(clipId)!;
  let rec: Recording;
  const changes: Change[] = [];
  switch (edit.kind) {
    case 'resize': {
      const { rec: r, seg } = recOf(edit.clipId);
      rec = r;
      changes.push({
        clipId: seg.clipId,
        before: state(seg.clipId),
        after: checkSpan(edit.startS, edit.endS, rec),
      });
      break;
    }
    case 'split': {
      const { rec: r, seg } = recOf(edit.clipId);
      rec = r;
      const at = round3(edit.atS);
      if (!(at > seg.startS && at < seg.endS))
        throw new SegmentEditError(
          `the split point ${at.toFixed(3)} s is not inside the segment (${seg.startS.toFixed(3)}-${seg.endS.toFixed(3)} s)`,
        );
      changes.push({ clipId: seg.clipId, before: state(seg.clipId), after: checkSpan(seg.startS, at, rec) });
      changes.push({
        clipId: null,
        before: null,
        after: checkSpan(at, seg.endS, rec),
        label: { label: seg.label, labelSource: seg.label === null ? null : 'user' },
      });
      break;
    }
    case 'merge': {
      const { rec: r, seg } = recOf(edit.clipId);
      const other = recOf(edit.withClipId);
      rec = r;
      if (other.rec.id !== rec.id) throw new SegmentEditError('only segments of one recording can be merged');
      if (other.seg.clipId === seg.clipId)
        throw new SegmentEditError('a segment cannot be merged with itself');
      const [first, second] = seg.startS <= other.seg.startS ? [seg, other.seg] : [other.seg, seg];
      const between = recordings
        .segments(rec.id)
        .filter((s) => s.startS >= first.endS && s.endS <= second.startS);
      if (between.length > 0)
        throw new SegmentEditError('only neighbouring segments can be merged: others lie between them');
      const label = first.label ?? second.label;
      changes.push({
        clipId: first.clipId,
        before: state(first.clipId),
        after: checkSpan(first.startS, second.endS, rec),
        label: label === first.label ? undefined : { label, labelSource: 'user' },
      });
      changes.push({ clipId: second.clipId, before: state(second.clipId), after: 'removed' });
      break;
    }
    case 'add': {
      const r = recordings.get(edit.recordingId);
      if (!r) throw new SegmentEditError(`no recording with id ${edit.recordingId}`);
      rec = r;
      const label = edit.label ?? null;
      changes.push({
        clipId: null,
        before: null,
        after: checkSpan(edit.startS, edit.endS, rec),
        label: { label, labelSource: label === null ? null : 'user' },
      });
      break;
    }
    case 'delete': {
      const { rec: r, seg } = recOf(edit.clipId);
      rec = r;
      changes.push({ clipId: seg.clipId, before: state(seg.clipId), after: 'removed' });
      break;
    }
    case 'replace': {
      const r = recordings.get(edit.recordingId);
      if (!r) throw new SegmentEditError(`no recording with id ${edit.recordingId}`);
      rec = r;
      for (const s of recordings.segments(rec.id))
        changes.push({ clipId: s.clipId, before: state(s.clipId), after: 'removed' });
      for (const s of edit.spans)
        changes.push({
          clipId: null,
          before: null,
          after: checkSpan(s.startS, s.endS, rec),
          label: { label: s.label, labelSource: s.label === null ? null : 'user' },
        });
      break;
    }
  }
  const touched = new Set(changes.map((c) => c.clipId).filter((id) => id !== null));
  const after = [
    ...recordings.segments(rec.id).filter((s) => !touched.has(s.clipId)),
    ...changes.flatMap((c) => (c.after === 'removed' ? [] : [c.after])),
  ];
  checkNoOverlap(after);

  // Files first: a process killed before the transaction leaves a file no clip names, never a clip without one.
  const written = changes.map((c) =>
    c.after === 'removed'
      ? { ...c.before!, status: 'removed' as const }
      : sameStretch(c.before, c.after)
        ? c.before!
        : writeSegmentFile(rec, c.after.startS, c.after.endS),
  );
  const groupId = randomUUID();
  const clipIds = project.transaction(() => {
    const now = new Date().toISOString();
    const ids: number[] = [];
    const insert = project.db.prepare(
      `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at, segment)
       VALUES (?, ?, ?, ?, ?, 'segment', ?, ?, ?)`,
    );
    const labelOf = project.db.prepare('SELECT label, label_source AS labelSource FROM clips WHERE id = ?');
    changes.forEach((c, i) => {
      const s = written[i];
      let id = c.clipId;
      let old: { label: string | null; labelSource: string | null } = { label: null, labelSource: null };
      if (id === null)
        id = recordings.insertSegment(rec, s, c.label ?? { label: null, labelSource: null }, now);
      else {
        old = labelOf.get(id) as typeof old;
        recordings.apply(id, s, now);
        if (c.label) project.clips.setLabel(id, c.label.label, c.label.labelSource, now);
      }
      const nowLabel = labelOf.get(id) as typeof old;
      insert.run(
        id,
        c.clipId === null ? null : old.label,
        nowLabel.label,
        c.clipId === null ? null : old.labelSource,
        nowLabel.labelSource,
        groupId,
        now,
        JSON.stringify({ before: c.before, after: s }),
      );
      if (s.status === 'ok') ids.push(id);
    });
    return ids;
  });
  return { recordingId: rec.id, groupId, clipIds, segments: recordings.segments(rec.id) };
}

function sameStretch(before: SegmentState | null, after: { startS: number; endS: number }): boolean {
  return (
    before !== null && before.status === 'ok' && before.startS === after.startS && before.endS === after.endS
  );
}
