import type { VoiceScores } from '../common/contract.js';
import { curvePointName, expectationText, voiceScorePair } from '../common/voice-scores-text.js';

/** Both scores, the adaptation curve between them and which to expect when, as aligned terminal lines. */
export function voiceScoreLines(v: VoiceScores): string[] {
  const [fresh, known] = voiceScorePair(v);
  const rows: Array<[string, { macro_f1: number; uar: number; accuracy: number; clips: number }]> = [
    [fresh.name, fresh.scores],
    ...v.curve.map((p): [string, typeof p] => [`  ${curvePointName(p)} of the voice`, p]),
    [known.name, known.scores],
  ];
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  const head = ['macro F1', 'UAR', 'accuracy', 'clips'];
  return [
    `${''.padEnd(width)}${head.map((h) => h.padStart(9)).join('')}`,
    ...rows.map(
      ([name, s]) =>
        `${name.padEnd(width)}${[s.macro_f1, s.uar, s.accuracy].map((x) => x.toFixed(3).padStart(9)).join('')}${String(s.clips).padStart(9)}`,
    ),
    ...[fresh, known].map((s) => `${s.name.toLowerCase()}: ${s.means}`),
    expectationText(v),
  ];
}
