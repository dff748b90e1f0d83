import { describe, expect, it } from 'vitest';
import {
  CANONICAL_LABELS,
  canonicalLabel,
  isCanonicalLabel,
  parseLabelList,
  UnknownLabelError,
} from '../../../src/core/dataset/labels.js';

describe('label words', () => {
  it('maps every canonical word to itself', () => {
    for (const w of CANONICAL_LABELS) expect(canonicalLabel(w)).toBe(w);
  });

  it.each([
    ['hap', 'happy'],
    ['Happiness', 'happy'],
    ['joy', 'happy'],
    ['glad', 'happy'],
    ['sadness', 'sad'],
    ['NEU', 'neutral'],
    ['ang', 'angry'],
    ['anger', 'angry'],
    ['mad', 'angry'],
    ['bored', 'boredom'],
    ['dis', 'disgust'],
    ['disgusted', 'disgust'],
    ['fea', 'fear'],
    ['fearful', 'fear'],
    ['afraid', 'fear'],
    ['sur', 'surprise'],
    ['surprised', 'surprise'],
    ['Pleasant_surprise', 'surprise'],
    ['pleasant surprised', 'surprise'],
    ['  Sad ', 'sad'],
    ['03-happiness', 'happy'],
    ['2_Sad', 'sad'],
  ])('canonicalises %j to %s', (word, label) => {
    expect(canonicalLabel(word)).toBe(label);
  });

  it.each(['ps', 'happy-birthday', 'unhappy', 'sadder', 'recordings', '03', '', 'neutral2', 'calm down'])(
    'does not take %j for a label',
    (word) => {
      expect(canonicalLabel(word)).toBeUndefined();
    },
  );

  it('tells canonical words from aliases', () => {
    expect(isCanonicalLabel('happy')).toBe(true);
    expect(isCanonicalLabel('hap')).toBe(false);
  });

  it('parses a list, canonical and de-duplicated, keeping the order', () => {
    expect(parseLabelList('Happy, sad,neutral,joy,,ANGER')).toEqual(['happy', 'sad', 'neutral', 'angry']);
    expect(() => parseLabelList('happy,contempt')).toThrow(UnknownLabelError);
    expect(() => parseLabelList('happy,contempt')).toThrow(/unknown label "contempt".*happy, sad, neutral/);
  });
});
