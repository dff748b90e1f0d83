import type { Statement } from 'better-sqlite3';
import type { Db } from './db-handle.js';
import { statementCache } from './sql.js';
import type { LabelSource } from '../types.js';

/** A long recording kept once in the project; its utterances are clips pointing at it. */
export interface Recording {
  id: number;
  /** The file it was imported from. */
  sourcePath: string;
  /** The project's 16 kHz mono copy, which segments are cut from. */
  path: string;
  sha256: string;
  format: string;
  sampleRate: number;
  channels: number;
  durationS: number;
  speaker: string;
  corpus: string | null;
  /** The speech detector's settings it was segmented with (JSON). */
  detector: unknown;
  importedAt: string;
}

export type NewRecording = Omit<Recording, 'id' | 'importedAt'>;

/** Where a segment clip stands: what undo restores and the label history shows. */
export interface SegmentState {
  /** 'removed': deleted from the recording's segments (the clip is kept, rejected, for its history). */
  status: 'ok' | 'removed';
  startS: number;
  endS: number;
  path: string;
  sha256: string;
  durationS: number;
  peak: number;
  rms: number;
  clippedFraction: number;
  silentFraction: number;
}

/** A segment as Review and the exports see it. */
export interface SegmentRow {
  clipId: number;
  startS: number;
  endS: number;
  label: string | null;
  labelSource: LabelSource | null;
  status: 'ok' | 'removed';
  path: string;
}

export const REMOVED_CODE = 'removed';
export const REMOVED_REASON = 'removed from the segments of its recording';

const RECORDING_COLUMNS = `id, source_path AS sourcePath, path, sha256, format, sample_rate AS sampleRate, channels,
  duration_s AS durationS, speaker, corpus, detector, imported_at AS importedAt`;

function parsed(r: (Omit<Recording, 'detector'> & { detector: string }) | undefined): Recording | undefined {
  return r && { ...r, detector: JSON.parse(r.detector) as unknown };
}

export class RecordingsRepo {
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  constructor(private readonly db: Db) {
    this.stmt = statementCache(db);
  }

  get(id: number): Recording | undefined {
    return parsed(this.stmt(`SELECT ${RECORDING_COLUMNS} FROM recordings WHERE id = ?`).get(id) as never);
  }

  getBySha256(sha256: string): Recording | undefined {
    return parsed(
      this.stmt(`SELECT ${RECORDING_COLUMNS} FROM recordings WHERE sha256 = ?`).get(sha256) as never,
    );
  }

  list(): Recording[] {
    return (this.stmt(`SELECT ${RECORDING_COLUMNS} FROM recordings ORDER BY id`).all() as never[]).map((r) =>
      parsed(r)!,
    );
  }

  insert(r: NewRecording, now: string): number {
    const info = this.stmt(
      `INSERT INTO recordings (source_path, path, sha256, format, sample_rate, channels, duration_s, speaker, corpus,
         detector, imported_at)
       VALUES (@sourcePath, @path, @sha256, @format, @sampleRate, @channels, @durationS, @speaker, @corpus,
         @detector, @now)`,
    ).run({ ...r, detector: JSON.stringify(r.detector), now });
    return Number(info.lastInsertRowid);
  }

  /** The recording a clip is a segment of, with the clip's stretch; undefined for a clip of its own. */
  segmentOf(clipId: number): { recordingId: number; startS: number; endS: number } | undefined {
    return this.stmt(
      'SELECT recording_id AS recordingId, start_s AS startS, end_s AS endS FROM clips WHERE id = ? AND recording_id IS NOT NULL',
    ).get(clipId) as { recordingId: number; startS: number; endS: number } | undefined;
  }

  /** The segments of a recording in time order (removed ones only when asked). */
  segments(recordingId: number, opts: { removed?: boolean } = {}): SegmentRow[] {
    return this.stmt(
      `SELECT id AS clipId, start_s AS startS, end_s AS endS, label, label_source AS labelSource, path,
           CASE WHEN status = 'ok' THEN 'ok' ELSE 'removed' END AS status
         FROM clips WHERE recording_id = ? ${opts.removed ? '' : "AND status = 'ok'"} ORDER BY start_s, id`,
    ).all(recordingId) as SegmentRow[];
  }

  /** A clip's stretch as it stands, for the history. */
  state(clipId: number): SegmentState | undefined {
    const r = this.stmt(
      `SELECT status, start_s AS startS, end_s AS endS, path, sha256, duration_s AS durationS, peak, rms,
         clipped_fraction AS clippedFraction, silent_fraction AS silentFraction
       FROM clips WHERE id = ? AND recording_id IS NOT NULL`,
    ).get(clipId) as (Omit<SegmentState, 'status'> & { status: string }) | undefined;
    return r && { ...r, status: r.status === 'ok' ? 'ok' : 'removed' };
  }

  /** Puts a segment clip in `s` (its file is already written). */
  apply(clipId: number, s: SegmentState, now: string): void {
    const removed = s.status === 'removed';
    this.stmt(
      `UPDATE clips SET status = @status, reason = @reason, reject_code = @code, path = @path, sha256 = @sha256,
         duration_s = @durationS, start_s = @startS, end_s = @endS, peak = @peak, rms = @rms,
         clipped_fraction = @clippedFraction, silent_fraction = @silentFraction, updated_at = @now
       WHERE id = @clipId AND recording_id IS NOT NULL`,
    ).run({
      ...s,
      clipId,
      now,
      status: removed ? 'rejected' : 'ok',
      reason: removed ? REMOVED_REASON : null,
      code: removed ? REMOVED_CODE : null,
    });
  }

  /** Inserts a segment clip of a recording in state `s`; returns its id. */
  insertSegment(
    recording: Pick<Recording, 'id' | 'speaker' | 'corpus'>,
    s: SegmentState,
    label: { label: string | null; labelSource: LabelSource | null },
    now: string,
  ): number {
    const info = this.stmt(
      `INSERT INTO clips (path, sha256, format, duration_s, sample_rate, channels, speaker, label, label_source, split,
         status, peak, rms, clipped_fraction, silent_fraction, corpus, imported_at, updated_at, recording_id, start_s, end_s)
       VALUES (@path, @sha256, 'wav-pcm16', @durationS, 16000, 1, @speaker, @label, @labelSource, NULL,
         'ok', @peak, @rms, @clippedFraction, @silentFraction, @corpus, @now, @now, @recordingId, @startS, @endS)`,
    ).run({
      ...s,
      ...label,
      speaker: recording.speaker,
      corpus: recording.corpus,
      recordingId: recording.id,
      now,
    });
    const id = Number(info.lastInsertRowid);
    if (s.status === 'removed') this.apply(id, s, now);
    return id;
  }

  /**
   * A recording is one voice: its speaker is set on it and on every one of its segments together, so a fold
   * never holds segments of one recording on both sides (folds are grouped by speaker).
   */
  setSpeaker(recordingId: number, speaker: string, now: string): void {
    this.stmt('UPDATE recordings SET speaker = ? WHERE id = ?').run(speaker, recordingId);
    this.stmt('UPDATE clips SET speaker = ?, updated_at = ? WHERE recording_id = ?').run(
      speaker,
      now,
      recordingId,
    );
  }

  /** Every recording's id, source file, length and number of segments. */
  summaries(): Array<{
    id: number;
    sourcePath: string;
    durationS: number;
    speaker: string;
    segments: number;
  }> {
    return this.stmt(
      `SELECT r.id, r.source_path AS sourcePath, r.duration_s AS durationS, r.speaker,
         (SELECT count(*) FROM clips c WHERE c.recording_id = r.id AND c.status = 'ok') AS segments
       FROM recordings r ORDER BY r.id`,
    ).all() as Array<{
      id: number;
      sourcePath: string;
      durationS: number;
      speaker: string;
      segments: number;
    }>;
  }
}
