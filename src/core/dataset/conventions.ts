import type { CanonicalLabel } from './labels.js';

/** The speaker of a clip whose name, folders and manifest name none: such clips are not one voice. */
export const UNKNOWN_SPEAKER = 'unknown';

/**
 * File-naming conventions of the public emotional-speech corpora. Each pattern is anchored and checks the
 * corpus's actual code ranges (speaker ids, sentence codes, emotion codes), so an ordinary recording whose
 * name merely looks similar is not mistaken for corpus data.
 */
export type CorpusName = 'emodb' | 'ravdess' | 'tess' | 'crema-d' | 'savee';

export interface ConventionMatch {
  corpus: CorpusName;
  label: CanonicalLabel;
  speaker: string;
}

const EMODB_SPEAKERS = new Set(['03', '08', '09', '10', '11', '12', '13', '14', '15', '16']);
const EMODB_EMOTIONS: Record<string, CanonicalLabel> = {
  W: 'angry',
  L: 'boredom',
  E: 'disgust',
  A: 'fear',
  F: 'happy',
  T: 'sad',
  N: 'neutral',
};
// Speaker, text (a01-a07, b01-b10), emotion letter, take letter.
const EMODB = /^(\d\d)(a0[1-7]|b0[1-9]|b10)([WLEAFTN])([a-z])$/;

const RAVDESS_EMOTIONS: Record<string, CanonicalLabel> = {
  '01': 'neutral',
  '02': 'calm',
  '03': 'happy',
  '04': 'sad',
  '05': 'angry',
  '06': 'fear',
  '07': 'disgust',
  '08': 'surprise',
};
// Modality, vocal channel, emotion, intensity, statement, repetition, actor (01-24).
const RAVDESS = /^0[1-3]-0[12]-(0[1-8])-0[12]-0[12]-0[12]-(0[1-9]|1\d|2[0-4])$/;

const TESS_EMOTIONS: Record<string, CanonicalLabel> = {
  angry: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  neutral: 'neutral',
  ps: 'surprise',
  sad: 'sad',
};
// One file of the original release is named OA_bite_neutral.wav: the same older speaker as OAF.
const TESS = /^(OAF|YAF|OA)_([A-Za-z]+)_(angry|disgust|fear|happy|neutral|ps|sad)$/i;

const CREMA_EMOTIONS: Record<string, CanonicalLabel> = {
  ANG: 'angry',
  DIS: 'disgust',
  FEA: 'fear',
  HAP: 'happy',
  NEU: 'neutral',
  SAD: 'sad',
};
const CREMA_SENTENCES = 'IEO|TIE|IOM|IWW|TAI|MTI|IWL|ITH|DFA|ITS|TSI|WSI';
const CREMA = new RegExp(`^(10\\d\\d)_(?:${CREMA_SENTENCES})_(ANG|DIS|FEA|HAP|NEU|SAD)_(?:LO|MD|HI|XX|X)$`);

const SAVEE_EMOTIONS: Record<string, CanonicalLabel> = {
  a: 'angry',
  d: 'disgust',
  f: 'fear',
  h: 'happy',
  n: 'neutral',
  sa: 'sad',
  su: 'surprise',
};
const SAVEE_SPEAKERS = 'DC|JE|JK|KL';
const SAVEE_FLAT = new RegExp(`^(${SAVEE_SPEAKERS})_(a|d|f|h|n|sa|su)(\\d\\d)$`);
const SAVEE_IN_FOLDER = /^(a|d|f|h|n|sa|su)(\d\d)$/;
const SAVEE_FOLDER = new RegExp(`^(${SAVEE_SPEAKERS})$`);

/** `stem` is the file name without its extension; `parentFolder` the name of the folder holding it. */
export function matchConvention(stem: string, parentFolder = ''): ConventionMatch | undefined {
  let m = EMODB.exec(stem);
  if (m && EMODB_SPEAKERS.has(m[1])) return { corpus: 'emodb', label: EMODB_EMOTIONS[m[3]], speaker: m[1] };

  m = RAVDESS.exec(stem);
  if (m) return { corpus: 'ravdess', label: RAVDESS_EMOTIONS[m[1]], speaker: `Actor_${m[2]}` };

  m = TESS.exec(stem);
  if (m) {
    const prefix = m[1].toUpperCase();
    return {
      corpus: 'tess',
      label: TESS_EMOTIONS[m[3].toLowerCase()],
      speaker: prefix === 'OA' ? 'OAF' : prefix,
    };
  }

  m = CREMA.exec(stem);
  if (m && Number(m[1]) >= 1001 && Number(m[1]) <= 1091) {
    return { corpus: 'crema-d', label: CREMA_EMOTIONS[m[2]], speaker: m[1] };
  }

  m = SAVEE_FLAT.exec(stem);
  if (m && validSaveeNumber(m[2], m[3]))
    return { corpus: 'savee', label: SAVEE_EMOTIONS[m[2]], speaker: m[1] };
  m = SAVEE_IN_FOLDER.exec(stem);
  if (m && SAVEE_FOLDER.test(parentFolder) && validSaveeNumber(m[1], m[2])) {
    return { corpus: 'savee', label: SAVEE_EMOTIONS[m[1]], speaker: parentFolder };
  }
  return undefined;
}

// Each SAVEE speaker recorded 15 sentences per emotion and 30 neutral ones.
function validSaveeNumber(code: string, digits: string): boolean {
  const n = Number(digits);
  return n >= 1 && n <= (code === 'n' ? 30 : 15);
}
