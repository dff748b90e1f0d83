import type { ClipDetail } from '../../../common/contract.js';
import { notFound } from '../errors.js';
import { toClipRow } from '../clip-table.js';
import type { StudioContext } from '../context.js';
import { isPlayable } from '../media.js';
import { recordedFacts } from './record.js';
import type { Handlers } from './types.js';

function clipDetail(ctx: StudioContext, id: number): ClipDetail {
  const clip = ctx.project.clips.get(id);
  if (!clip) throw notFound(`no clip with id ${id}`);
  const prediction = ctx.table.prediction(id);
  const row = toClipRow({
    id: clip.id,
    path: clip.path,
    speaker: clip.speaker,
    duration_s: clip.durationS,
    label: clip.label,
    predicted: prediction?.predicted ?? null,
    confidence: prediction?.confidence ?? null,
    split: clip.split,
    status: clip.status,
    reason: clip.reason,
  });
  return {
    ...row,
    sha256: clip.sha256 ?? '',
    format: clip.format ?? '',
    sampleRate: clip.sampleRate ?? 0,
    channels: clip.channels ?? 0,
    peak: clip.peak ?? 0,
    rms: clip.rms ?? 0,
    clippedFraction: clip.clippedFraction ?? 0,
    silentFraction: clip.silentFraction ?? 0,
    history: ctx.project.labels.history(id).map((e) => ({
      id: e.id,
      oldLabel: e.oldLabel,
      newLabel: e.newLabel,
      source: e.source,
      at: e.at,
      annotator: e.annotator,
      annotatorLabel: e.annotatorLabel,
      ...(e.segment ? { segment: e.segment } : {}),
    })),
    probs: prediction?.probs ?? null,
    playable: isPlayable(clip),
    annotations: ctx.project.annotations.of(id),
    intendedLabel: ctx.table.intendedLabel(id),
    tied: ctx.project.annotations.tied(id),
    ...recordedFacts(ctx, id),
    segmentOf: ctx.project.recordings.segmentOf(id) ?? null,
  };
}

export const clipHandlers: Pick<Handlers, 'clips.list' | 'clips.get' | 'clips.relabel' | 'labels.undo'> = {
  'clips.list': (ctx, p) => ctx.table.list(p, ctx.project.settings.labelSet()),
  'clips.get': (ctx, p) => clipDetail(ctx, p.id),
  'clips.relabel': (ctx, p) => {
    const ids = [...new Set(p.ids)];
    const found = ctx.table.existingIds(ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const shown = missing.slice(0, 5).join(', ');
      throw notFound(
        `no clip with id ${shown}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}`,
      );
    }
    const result = ctx.project.labels.relabel(ids, p.label, {
      source: ids.length > 1 ? 'bulk' : 'user',
      annotator: p.annotator ?? null,
    });
    if (result.changed.length) ctx.events.emit('dataset.changed', { reason: 'relabel' });
    return { changed: result.changed.length };
  },
  'labels.undo': (ctx) => {
    const result = ctx.project.labels.undo();
    if (result.changed.length) ctx.events.emit('dataset.changed', { reason: 'undo' });
    return { changed: result.changed.map((c) => ({ clipId: c.clipId, label: c.to })) };
  },
};
