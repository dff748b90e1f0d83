import type { VoiceScores } from '../common/contract.js';
import {
  curvePointName,
  expectationText,
  KNOWN_VOICE,
  NEW_VOICE,
  NEW_VOICE_MEANS,
  KNOWN_VOICE_MEANS,
} from '../common/voice-scores-text.js';

/** Both scores, the adaptation curve between them and which to expect when, as aligned terminal lines. */
export function voiceScoreLines(v: VoiceScores): string[] {
  const rows: Array<[string, { macro_f1: number; uar: number; accuracy: number; clips: number }]> = [
    [NEW_VOICE, v.newVoice],
    ...v.curve.map((p): [string, typeof p] => [`  ${curvePointName(p)} of the voice`, p]),
    [KNOWN_VOICE, v.knownVoice],
  ];
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  const head = ['macro F1', 'UAR', 'accuracy', 'clips'];
  return [
    `${''.padEnd(width)}${head.map((h) => h.padStart(9)).join('')}`,
    ...rows.map(
      ([name, s]) =>
        `${name.padEnd(width)}${[s.macro_f1, s.uar, s.accuracy].map((x) => x.toFixed(3).padStart(9)).join('')}${String(s.clips).padStart(9)}`,
    ),
    `${NEW_VOICE.toLowerCase()}: ${NEW_VOICE_MEANS}`,
    `${KNOWN_VOICE.toLowerCase()}: ${KNOWN_VOICE_MEANS}`,
    expectationText(v),
  ];
}
