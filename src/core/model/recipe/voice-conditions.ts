// How much of a held-out voice the model is given when one of its clips is scored: nothing (a new voice, as
// Predict meets a stranger), some of its other clips (the adaptation curve), or all of its clips (a known voice,
// as a project speaker). The same folds and the same trained models serve every condition: only the voice
// statistics differ, so no condition costs another training.
import { groupIndices } from '../../util/group-by.js';
import { createRng } from '../../util/random.js';
import { voiceOfRows, type VoiceStats } from '../../voice/index.js';

/** Clips of the voice (never the scored one) each point of the adaptation curve is given. */
export const CURVE_CLIPS = [1, 2, 4, 8] as const;

/**
 * - new: no statistics of the voice (what a dropped file, the microphone's first words or the API meet);
 * - clips:k: k of the voice's other clips, drawn at random;
 * - others: every other clip of the voice;
 * - known: every clip of the voice, the scored one too (a project speaker whose clips include it); a voice of that
 *   one clip alone is no voice known, and scores as new.
 */
export type VoiceCondition = 'new' | `clips:${number}` | 'others' | 'known';
export const VOICE_CONDITIONS: readonly VoiceCondition[] = [
  'new',
  ...CURVE_CLIPS.map((k) => `clips:${k}` as const),
  'others',
  'known',
];

/** The voice each test clip is scored with under `condition`; undefined where the voice has too few other clips. */
export type ConditionVoices = Map<VoiceCondition, Array<VoiceStats | null | undefined>>;

/**
 * For the test clips of one fold (bank indices), the voice each is given under every condition. Clips whose
 * speaker is unknown to the data (no other clip shares it) get no curve points beyond what they have.
 */
export function conditionVoices(
  test: readonly number[],
  speakers: readonly string[],
  rows: readonly Float32Array[],
  seed: number,
): ConditionVoices {
  const dims = rows[0]?.length ?? 0;
  const bySpeaker = groupIndices(test.length, (k) => speakers[test[k]]);
  const out: ConditionVoices = new Map(VOICE_CONDITIONS.map((c) => [c, new Array(test.length)]));
  const rng = createRng(seed);
  for (const members of bySpeaker.values()) {
    const own = members.map((k) => test[k]);
    const known = voiceOfRows(
      own.map((i) => rows[i]),
      dims,
    );
    for (const k of members) {
      const i = test[k];
      const others = own.filter((j) => j !== i);
      out.get('new')![k] = null;
      out.get('known')![k] = own.length > 1 ? known : null;
      out.get('others')![k] =
        others.length > 0
          ? voiceOfRows(
              others.map((j) => rows[j]),
              dims,
            )
          : undefined;
      for (const n of CURVE_CLIPS) {
        const pick = rng.shuffle([...others]).slice(0, n);
        out.get(`clips:${n}`)![k] =
          pick.length === n
            ? voiceOfRows(
                pick.map((j) => rows[j]),
                dims,
              )
            : undefined;
      }
    }
  }
  return out;
}
