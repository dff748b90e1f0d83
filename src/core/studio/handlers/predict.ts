import type { PredictionResult, VoiceStatsParams } from '../../../common/contract.js';
import { loadAudio, MAX_PREDICT_DURATION_S } from '../../audio/node/index.js';
import type { KnownVoice } from '../../model/inference/predict.js';
import { badRequest } from '../errors.js';
import type { StudioContext } from '../context.js';
import type { Handlers } from './types.js';
import { errorMessage } from '../../../common/error-message.js';

/** Longest audio a prediction request may carry; longer clips are scored over windows, but not hours. */
export const MAX_PREDICT_SECONDS = MAX_PREDICT_DURATION_S;

/** What a prediction knows of its voice: a project speaker, the voice heard so far, or nothing (a new voice). */
export interface VoiceRequest {
  speaker?: string;
  voice?: VoiceStatsParams | null;
}

async function decode(name: string, bytes: Uint8Array) {
  if (bytes.length === 0) throw badRequest('no audio in the request body');
  // Decode first: a bad body is the caller's mistake whatever the project holds.
  return loadAudio(bytes, name || undefined, { maxDurationS: MAX_PREDICT_SECONDS, rejectSilent: false });
}

/** What an answer from a cancelled run's model says beside it. */
export function partialModelWarning(runId: number): string {
  return `run ${runId} was cancelled: this is its partial model, which no held-out clips measured; the model in use is a finished, evaluated run`;
}

export async function predictAudio(
  ctx: StudioContext,
  name: string,
  bytes: Uint8Array,
  runId?: number,
  voice: VoiceRequest = {},
): Promise<PredictionResult> {
  const audio = await decode(name, bytes);
  const model = await ctx.models.get(runId);
  let known: KnownVoice | null = null;
  if (voice.speaker)
    known = {
      kind: 'speaker',
      speaker: voice.speaker,
      stats: await ctx.models.speakerVoice(model.predictor, voice.speaker),
    };
  else if (voice.voice) {
    try {
      model.predictor.checkVoice(voice.voice);
    } catch (err) {
      throw badRequest(errorMessage(err));
    }
    known = { kind: 'voice', stats: voice.voice };
  }
  const r = await model.predictor.predict(audio.samples, known);
  return {
    label: r.label,
    confidence: r.confidence,
    probs: r.probs,
    windows: r.windows,
    durationS: audio.info.durationS,
    runId: model.runId,
    voice: r.voice,
    partial: model.partial,
    warnings: model.partial ? [partialModelWarning(model.runId)] : [],
  };
}

/** The voice with one more clip of it, as the model in use (or `runId`'s) measures it. */
export async function addToVoice(
  ctx: StudioContext,
  name: string,
  bytes: Uint8Array,
  voice: VoiceStatsParams | null,
  runId?: number,
): Promise<VoiceStatsParams> {
  const audio = await decode(name, bytes);
  const model = await ctx.models.get(runId);
  if (voice) {
    try {
      model.predictor.checkVoice(voice);
    } catch (err) {
      throw badRequest(errorMessage(err));
    }
  }
  return model.predictor.addToVoice(audio.samples, voice);
}

export const predictHandlers: Pick<Handlers, 'predict.audio' | 'predict.addToVoice'> = {
  'predict.audio': (ctx, p) =>
    predictAudio(ctx, p.name, p.data, p.runId, { speaker: p.speaker, voice: p.voice }),
  'predict.addToVoice': (ctx, p) => addToVoice(ctx, p.name, p.data, p.voice ?? null, p.runId),
};
