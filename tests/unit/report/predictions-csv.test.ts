import { describe, expect, it } from 'vitest';
import type { PredictionRow } from '../../../src/core/metrics/index.js';
import { csvField, predictionsCsv } from '../../../src/core/report/node/index.js';
import { parseCsv } from './csv-parse.js';

const labels = ['happy', 'sad', 'neutral'];
const tricky: PredictionRow[] = [
  {
    file: 'Übung/"quoted", name\nwith newline é.wav',
    speaker: 'Zoë, 03',
    label: 'happy',
    predicted: 'sad',
    confidence: 0.61234567,
    probs: [0.3, 0.61234567, 0.08765433],
    fold: 2,
  },
  {
    file: ' leading space.wav',
    speaker: '=cmd',
    label: 'neutral',
    predicted: 'neutral',
    confidence: 0.9,
    probs: [0.05, 0.05, 0.9],
    fold: 0,
  },
  {
    file: 'plain.wav',
    speaker: '08',
    label: 'sad',
    predicted: 'sad',
    confidence: 1,
    probs: [0, 1, 0],
    fold: 1,
  },
];

describe('predictions.csv', () => {
  it('has the columns file, speaker, label, predicted, confidence, one per class, then fold', () => {
    const [header] = parseCsv(predictionsCsv(tricky, labels));
    expect(header).toEqual([
      'file',
      'speaker',
      'label',
      'predicted',
      'confidence',
      'prob_happy',
      'prob_sad',
      'prob_neutral',
      'fold',
    ]);
  });

  it('parses back to the same rows, commas, quotes, newlines and non-ASCII included', () => {
    const [header, ...records] = parseCsv(predictionsCsv(tricky, labels));
    expect(records).toHaveLength(tricky.length);
    records.forEach((rec, i) => {
      const row = Object.fromEntries(header.map((h, k) => [h, rec[k]]));
      const want = tricky[i];
      expect(row.file).toBe(want.file);
      // '=cmd' comes back as "'=cmd": a spreadsheet shows it, never runs it
      expect(row.speaker).toBe(want.speaker === '=cmd' ? "'=cmd" : want.speaker);
      expect(row.label).toBe(want.label);
      expect(row.predicted).toBe(want.predicted);
      expect(Math.abs(Number(row.confidence) - want.confidence)).toBeLessThanOrEqual(5e-7);
      labels.forEach((l, k) =>
        expect(Math.abs(Number(row[`prob_${l}`]) - want.probs[k])).toBeLessThanOrEqual(5e-7),
      );
      expect(Number(row.fold)).toBe(want.fold);
    });
  });

  it('ends every record with CRLF and has no fold column when there are no folds', () => {
    const text = predictionsCsv(
      tricky.map(({ fold: _fold, ...r }) => r),
      labels,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).not.toContain('fold');
    expect(records.every((r) => r.length === header.length)).toBe(true);
  });

  it('writes only the header for no predictions', () => {
    expect(parseCsv(predictionsCsv([], labels))).toHaveLength(1);
  });

  it('refuses rows whose probabilities do not match the label set', () => {
    expect(() => predictionsCsv([{ ...tricky[2], probs: [0.5, 0.5] }], labels)).toThrow(
      /plain\.wav has 2 probabilities for 3 labels/,
    );
  });

  it('quotes only the fields that need it', () => {
    expect(csvField('a.wav')).toBe('a.wav');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('trailing ')).toBe('"trailing "');
    expect(csvField('Ärger/é.wav')).toBe('Ärger/é.wav');
  });
});
