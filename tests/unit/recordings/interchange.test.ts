/**
 * Praat TextGrids (long and short text forms), ELAN .eaf files and Audacity label tracks, written by hand after
 * each tool's published examples, are read as their authors meant; what the studio writes reads back with every
 * boundary to the millisecond and every label.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseAudacityLabels,
  parseEaf,
  parseSegmentsCsv,
  parseTextGrid,
  readIntervals,
  writeIntervals,
  InterchangeError,
  INTERCHANGE_FORMATS,
  type Interval,
} from '../../../src/core/recordings/interchange/index.js';

const FIXTURES = path.resolve('tests/fixtures/interchange');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

describe('Praat TextGrid', () => {
  const expected = {
    xmin: 0,
    xmax: 2.3,
    tiers: [
      {
        name: 'Mary',
        intervals: [
          { start: 0, end: 0.7, text: '' },
          { start: 0.7, end: 1.453, text: 'happy' },
          { start: 1.453, end: 2.3, text: '' },
        ],
      },
      {
        name: 'John',
        intervals: [
          { start: 0, end: 1.6, text: 'she said "no"' },
          { start: 1.6, end: 2.3, text: 'sad' },
        ],
      },
    ],
  };

  it('reads the long text form: interval tiers with their texts, a point tier read past', () => {
    expect(parseTextGrid(read('praat-long.TextGrid').toString())).toEqual(expected);
  });

  it('reads the short text form to the same tiers', () => {
    expect(parseTextGrid(read('praat-short.TextGrid').toString())).toEqual(expected);
  });

  it('reads a UTF-16 file, as Praat saves one with non-ASCII text', () => {
    const text = read('praat-long.TextGrid').toString().replace('"sad"', '"traurig – sad"');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(readIntervals(utf16, 'textgrid', 'John').intervals[1].text).toBe('traurig – sad');
  });

  it("takes a tier's utterances, leaving out the empty intervals between them", () => {
    expect(readIntervals(read('praat-short.TextGrid'), 'textgrid', 'Mary')).toEqual({
      tier: 'Mary',
      intervals: [{ start: 0.7, end: 1.453, text: 'happy' }],
    });
    // without a name: the first tier with any annotation
    expect(readIntervals(read('praat-long.TextGrid'), 'textgrid').tier).toBe('Mary');
    expect(() => readIntervals(read('praat-long.TextGrid'), 'textgrid', 'Anna')).toThrow(
      /no tier named "Anna" \(the file has "Mary", "John"\)/,
    );
  });

  it('says what is wrong with a damaged file', () => {
    expect(() => parseTextGrid('File type = "ooTextFile"\nObject class = "Pitch 1"\n')).toThrow(
      InterchangeError,
    );
    expect(() =>
      parseTextGrid(read('praat-short.TextGrid').toString().split('\n').slice(0, 14).join('\n')),
    ).toThrow(/TextGrid: expected .* found the end of the file/);
  });
});

describe('ELAN .eaf', () => {
  it('reads time-aligned annotations in milliseconds; symbolic and unaligned ones are read past', () => {
    const tiers = parseEaf(read('elan.eaf').toString());
    expect(tiers.map((t) => t.name)).toEqual(['emotion', 'gloss', 'notes']);
    expect(tiers[0].intervals).toEqual([
      { start: 0.7, end: 1.453, text: 'happy' },
      { start: 1.6, end: 2.3, text: 'sad & tired' },
    ]);
    expect(tiers[1].intervals).toEqual([]);
    // an annotation with an empty value is still an utterance (unlabelled)
    expect(tiers[2].intervals).toEqual([{ start: 0.7, end: 1.6, text: null }]);
    expect(readIntervals(read('elan.eaf'), 'eaf').tier).toBe('emotion');
  });

  it('refuses a file that is not ELAN', () => {
    expect(() => parseEaf('<html></html>')).toThrow(/not an \.eaf file/);
  });
});

describe('Audacity label track', () => {
  it('reads start, end and text; spectral-selection lines and point labels are read past', () => {
    expect(parseAudacityLabels(read('audacity-labels.txt').toString())).toEqual([
      { start: 1, end: 2.5, text: 'happy' },
      { start: 4.25, end: 6.123, text: 'sad' },
      { start: 7, end: 8, text: null },
    ]);
    expect(() => parseAudacityLabels('1.0 2.0 happy\n')).toThrow(
      /line 1: expected "start<TAB>end<TAB>label"/,
    );
  });
});

describe('what the studio writes reads back', () => {
  // millisecond boundaries anywhere, labels and an unlabelled one, a text that needs quoting in every format
  const intervals: Interval[] = [
    { start: 0.001, end: 1.234, text: 'happy' },
    { start: 1.5, end: 2.999, text: null },
    { start: 3.1, end: 65.432, text: 'sad' },
    { start: 100.007, end: 3599.999, text: 'neutral' },
  ];

  for (const format of INTERCHANGE_FORMATS)
    it(`${format}: every boundary to the millisecond and every label`, () => {
      const text = writeIntervals(intervals, format, 3600.5, 'interview.wav');
      expect(readIntervals(Buffer.from(text), format).intervals).toEqual(intervals);
    });

  it('the CSV of segments has a header and an empty cell for an unlabelled segment', () => {
    const text = writeIntervals(intervals.slice(0, 2), 'csv', 10, 'x.wav');
    expect(text).toBe('start,end,label\n0.001,1.234,happy\n1.5,2.999,\n');
    expect(parseSegmentsCsv(text)).toEqual(intervals.slice(0, 2));
  });
});
