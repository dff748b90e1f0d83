import type { AdaptationPoint, ConditionScore, VoiceScores } from '../../../common/contract.js';
import type { FixedSpeakerNorm } from '../../../common/options.js';
import { computeMetrics, type PredictionRow } from '../../metrics/index.js';
import { CURVE_CLIPS, type VoiceCondition } from './voice-conditions.js';

function scoreOf(rows: readonly PredictionRow[], labels: readonly string[]): ConditionScore {
  const m = computeMetrics(rows, labels);
  return { macro_f1: m.macro_f1, uar: m.uar, accuracy: m.accuracy, clips: rows.length };
}

/** The new-voice and known-voice scores of one recipe's predictions, and the curve between (null: none). */
export function voiceScoresOf(
  byCondition: ReadonlyMap<VoiceCondition, readonly PredictionRow[]>,
  labels: readonly string[],
  speakerNorm: FixedSpeakerNorm,
): VoiceScores | null {
  const fresh = byCondition.get('new') ?? [];
  const known = byCondition.get('known') ?? [];
  if (fresh.length === 0 || known.length === 0) return null;
  const curve: AdaptationPoint[] = [];
  for (const k of CURVE_CLIPS) {
    const rows = byCondition.get(`clips:${k}`) ?? [];
    if (rows.length > 0) curve.push({ voiceClips: k, ...scoreOf(rows, labels) });
  }
  const others = byCondition.get('others') ?? [];
  if (others.length > 0) curve.push({ voiceClips: 'others', ...scoreOf(others, labels) });
  return { speakerNorm, newVoice: scoreOf(fresh, labels), knownVoice: scoreOf(known, labels), curve };
}
