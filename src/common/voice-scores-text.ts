// The words every screen, the report and the terminal use for the two scores, so they never drift apart.
import type { AdaptationPoint, VoiceScores, VoiceUse } from './contract.js';
import type { FixedSpeakerNorm } from './options.js';

export const NEW_VOICE = 'New voice';
export const KNOWN_VOICE = 'Known voice';

/** How the new-voice score was obtained, and who meets it. */
export const NEW_VOICE_MEANS =
  'each held-out clip scored alone, against the training speakers: what Predict, the API and the microphone give a voice they have not heard, one clip at a time';
/** How the known-voice score was obtained, and who meets it. */
export const KNOWN_VOICE_MEANS =
  "each held-out speaker standardised by all of their own clips: what a project speaker's clips get (ser predict --speaker, the API with a speaker), and what the microphone reaches as it hears more of a voice";

/** The two scores of a run, named and explained, in the order they are shown: a new voice, then a known one. */
export function voiceScorePair(v: VoiceScores): Array<{
  key: 'new' | 'known';
  name: string;
  means: string;
  scores: VoiceScores['newVoice'];
}> {
  return [
    { key: 'new', name: NEW_VOICE, means: NEW_VOICE_MEANS, scores: v.newVoice },
    { key: 'known', name: KNOWN_VOICE, means: KNOWN_VOICE_MEANS, scores: v.knownVoice },
  ];
}

/** What a known voice is standardised with, as a clause. */
export function speakerNormPhrase(mode: FixedSpeakerNorm | boolean): string {
  if (mode === true || mode === 'full') return "the voice's own mean and spread of each statistic";
  if (mode === 'mean') return "the voice's own mean of each statistic and the typical voice's spread";
  if (mode === 'shrink')
    return "the voice's mean drawn toward the typical voice's, the fewer its clips the more";
  return 'no voice statistics';
}

/** One point of the adaptation curve, named: "4 clips", "all other clips". */
export function curvePointName(p: Pick<AdaptationPoint, 'voiceClips'>): string {
  return p.voiceClips === 'others'
    ? 'all other clips'
    : `${p.voiceClips} clip${p.voiceClips === 1 ? '' : 's'}`;
}

/** Which number to expect when, in plain words. */
export function expectationText(v: VoiceScores): string {
  if (v.speakerNorm === 'none')
    return `This model uses no voice statistics: a clip scores the same whoever's it is and whatever else is known of the voice (macro F1 ${v.newVoice.macro_f1.toFixed(3)}).`;
  const four = v.curve.find((p) => p.voiceClips === 4);
  return (
    `Expect about ${v.newVoice.macro_f1.toFixed(3)} macro F1 for a voice the model has not heard, scored one clip at a time; ` +
    (four ? `about ${four.macro_f1.toFixed(3)} once it knows 4 other clips of the voice; ` : '') +
    `about ${v.knownVoice.macro_f1.toFixed(3)} for a speaker whose clips it knows (standardised by ${speakerNormPhrase(v.speakerNorm)}).`
  );
}

/**
 * The held-out figure that matches how a prediction used the voice: a new voice's for the population, a known
 * voice's for a project speaker, and for a voice heard so far the curve's point for as many clips (the nearest
 * measured one not above it). Null where the run measured no scores that way.
 */
export function matchingScore(
  v: VoiceScores | null,
  use: Pick<VoiceUse, 'kind' | 'clips'>,
): { macro_f1: number; how: string } | null {
  if (!v) return null;
  if (use.kind === 'population' || use.kind === 'unused' || use.clips === 0)
    return { macro_f1: v.newVoice.macro_f1, how: NEW_VOICE.toLowerCase() };
  if (use.kind === 'speaker') return { macro_f1: v.knownVoice.macro_f1, how: KNOWN_VOICE.toLowerCase() };
  const numbered = v.curve.filter(
    (p): p is AdaptationPoint & { voiceClips: number } => p.voiceClips !== 'others',
  );
  const below = numbered.filter((p) => p.voiceClips <= use.clips).at(-1);
  const others = v.curve.find((p) => p.voiceClips === 'others');
  const last = numbered.at(-1);
  if (others && last && use.clips > last.voiceClips)
    return { macro_f1: others.macro_f1, how: `a voice known from ${curvePointName(others)}` };
  if (below) return { macro_f1: below.macro_f1, how: `a voice known from ${curvePointName(below)}` };
  return { macro_f1: v.newVoice.macro_f1, how: NEW_VOICE.toLowerCase() };
}
