import type { PredictionResult } from '../../../common/contract.js';
import { loadAudio, MAX_PREDICT_DURATION_S } from '../../audio/node/index.js';

import { badRequest } from '../errors.js';
import type { StudioContext } from '../context.js';
import type { Handlers } from './types.js';

/** Longest audio a prediction request may carry; longer clips are scored over windows, but not hours. */
export const MAX_PREDICT_SECONDS = MAX_PREDICT_DURATION_S;

/** What an answer from a cancelled run's model says beside it. */
export function partialModelWarning(runId: number): string {
  return `run ${runId} was cancelled: this is its partial model, which no held-out clips measured; the model in use is a finished, evaluated run`;
}

export async function predictAudio(
  ctx: StudioContext,
  name: string,
  bytes: Uint8Array,
  runId?: number,
): Promise<PredictionResult> {
  if (bytes.length === 0) throw badRequest('no audio in the request body');
  // Decode first: a bad body is the caller's mistake whatever the project holds.
  const audio = await loadAudio(bytes, name || undefined, {
    maxDurationS: MAX_PREDICT_SECONDS,
    rejectSilent: false,
  });
  const model = await ctx.models.get(runId);
  const r = await model.predictor.predict(audio.samples);
  return {
    label: r.label,
    confidence: r.confidence,
    probs: r.probs,
    windows: r.windows,
    durationS: audio.info.durationS,
    runId: model.runId,
    partial: model.partial,
    warnings: model.partial ? [partialModelWarning(model.runId)] : [],
  };
}

export const predictHandlers: Pick<Handlers, 'predict.audio'> = {
  'predict.audio': (ctx, p) => predictAudio(ctx, p.name, p.data, p.runId),
};
