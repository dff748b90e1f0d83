import fs from 'node:fs';
import path from 'node:path';
import type { RecordingDetail, RecordingSummary, TimelineResult } from '../../../common/contract.js';
import type { Project } from '../../dataset/node/project.js';
import { fileExtensionOf } from '../../recordings/interchange/index.js';
import { exportSegments } from '../../recordings/node/interchange-io.js';
import { readRecordingRange } from '../../recordings/node/recording-audio.js';
import { editSegments, SegmentEditError } from '../../recordings/node/segment-edits.js';
import { predictTimeline } from '../../recordings/node/timeline.js';
import { AudioError, encodeWav, TARGET_SAMPLE_RATE } from '../../audio/node/index.js';
import type { KnownVoice } from '../../model/inference/predict.js';
import type { StudioContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { partialModelWarning } from './predict.js';
import type { Handlers } from './types.js';

/** Longest stretch of a recording Review asks for at once (its view around a segment). */
const MAX_EXCERPT_MS = 10 * 60 * 1000;

function summaryOf(project: Project, id: number): RecordingSummary {
  const r = project.recordings.get(id);
  if (!r) throw notFound(`no recording with id ${id}`);
  return {
    id,
    name: path.basename(r.sourcePath),
    sourcePath: r.sourcePath,
    durationS: r.durationS,
    speaker: r.speaker,
    segments: project.recordings.segments(id).length,
  };
}

function detailOf(project: Project, id: number): RecordingDetail {
  const summary = summaryOf(project, id);
  const segmentList = project.recordings
    .segments(id)
    .map(({ clipId, startS, endS, label }) => ({ clipId, startS, endS, label }));
  return { ...summary, segmentList };
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SegmentEditError) throw badRequest(err.message);
    throw err;
  }
}

/** A stretch of a recording's copy as a 16 kHz WAV (the copy itself may be hours long). */
export function recordingAudio(project: Project, id: number, fromMs: number, toMs: number): Uint8Array {
  const r = project.recordings.get(id);
  if (!r) throw notFound(`no recording with id ${id}`);
  if (!(toMs > fromMs) || toMs - fromMs > MAX_EXCERPT_MS)
    throw badRequest(
      `a stretch of a recording is asked from its start to its end, at most ${MAX_EXCERPT_MS / 60000} minutes`,
    );
  if (!fs.existsSync(r.path)) throw notFound(`the copy of recording ${id} is missing: ${r.path}`);
  const rate = TARGET_SAMPLE_RATE / 1000;
  return encodeWav(
    readRecordingRange(r.path, Math.round(fromMs * rate), Math.round(toMs * rate)),
    TARGET_SAMPLE_RATE,
  );
}

async function timeline(
  ctx: StudioContext,
  p: { name: string; data: Uint8Array; runId?: number; voice: 'recording' | 'none'; speaker?: string },
): Promise<TimelineResult> {
  if (p.data.length === 0) throw badRequest('no audio in the request body');
  const model = await ctx.models.get(p.runId);
  const voice: KnownVoice | 'recording' | 'none' = p.speaker
    ? {
        kind: 'speaker',
        speaker: p.speaker,
        stats: await ctx.models.speakerVoice(model.predictor, p.speaker),
      }
    : p.voice;
  // The audio layer reads long recordings from a file, a piece at a time.
  fs.mkdirSync(ctx.project.paths.uploads, { recursive: true });
  const dir = fs.mkdtempSync(path.join(ctx.project.paths.uploads, 'timeline-'));
  try {
    const file = path.join(dir, 'recording');
    fs.writeFileSync(file, p.data);
    const t = await predictTimeline(model.predictor, file, { voice, tmpDir: dir });
    return {
      ...t,
      runId: model.runId,
      partial: model.partial,
      warnings: model.partial ? [partialModelWarning(model.runId)] : [],
    };
  } catch (err) {
    if (err instanceof AudioError) throw badRequest(`${p.name || 'the file'}: ${err.message}`);
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const recordingHandlers: Pick<
  Handlers,
  'recordings.list' | 'recordings.get' | 'segments.edit' | 'segments.export' | 'predict.timeline'
> = {
  'recordings.list': (ctx) => ctx.project.recordings.summaries().map((r) => summaryOf(ctx.project, r.id)),
  'recordings.get': (ctx, p) => detailOf(ctx.project, p.id),
  'segments.edit': (ctx, p) => {
    const r = guarded(() => editSegments(ctx.project, p));
    ctx.events.emit('dataset.changed', { reason: 'relabel' });
    return {
      recordingId: r.recordingId,
      clipIds: r.clipIds,
      segments: detailOf(ctx.project, r.recordingId).segmentList,
    };
  },
  'segments.export': (ctx, p) => {
    const text = guarded(() => exportSegments(ctx.project, p.recordingId, p.format));
    const base = path.basename(summaryOf(ctx.project, p.recordingId).name).replace(/\.[^.]+$/, '');
    return { name: `${base}.${fileExtensionOf(p.format)}`, text };
  },
  'predict.timeline': (ctx, p) => timeline(ctx, p),
};
