import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from '../../../src/core/dataset/csv.js';
import {
  formatManifest,
  ManifestError,
  parseManifest,
  readManifest,
} from '../../../src/core/dataset/node/manifest.js';
import { cleanupAfterEach, tempDir } from './helpers.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

cleanupAfterEach();

describe('CSV', () => {
  it('parses quoted fields, doubled quotes, CRLF, a BOM and blank lines', () => {
    const text = '\ufefffile,label\r\n"a, b.wav",happy\r\n\r\n"say ""hi"".wav",sad\n"multi\nline.wav",\n';
    expect(parseCsv(text)).toEqual([
      ['file', 'label'],
      ['a, b.wav', 'happy'],
      ['say "hi".wav', 'sad'],
      ['multi\nline.wav', ''],
    ]);
  });

  it('reads a last line without a newline and rejects an unterminated quote', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated/);
  });

  it('round-trips awkward values', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'new\nline', ' lead', 'ünïcödé €'];
    expect(parseCsv(formatCsvRow(values) + '\n')).toEqual([values]);
    expect(formatCsvRow(['a', null, undefined, 3])).toBe('a,,,3');
  });
});

describe('manifest', () => {
  const base = path.resolve('/m');

  it('resolves paths against its folder and reads optional columns in any order', () => {
    const m = parseManifest(
      'Split,FILE,speaker,label,sha256\ntrain,a.wav,s1,Happy,' +
        'A'.repeat(64) +
        '\nvalidation,sub/b.wav,,,\n',
      base,
    );
    expect(m.get(path.join(base, 'a.wav'))).toEqual({
      label: 'Happy',
      speaker: 's1',
      split: 'train',
      sha256: 'a'.repeat(64),
    });
    expect(m.get(path.join(base, 'sub', 'b.wav'))).toEqual({
      label: undefined,
      speaker: undefined,
      split: 'val',
      sha256: undefined,
    });
    expect(m.size).toBe(2);
  });

  it('accepts absolute paths and just file,label', () => {
    const m = parseManifest('file,label\n/abs/x.wav,sad\n', base);
    expect(m.get(path.resolve('/abs/x.wav'))?.label).toBe('sad');
  });

  it('explains what is wrong with a bad manifest', () => {
    expect(() => parseManifest('', base)).toThrow(ManifestError);
    expect(() => parseManifest('name,label\na.wav,happy\n', base)).toThrow(/no "file" column/);
    expect(() => parseManifest('file,split\na.wav,holdout\n', base)).toThrow(/line 2: split "holdout"/);
    expect(() => parseManifest('file,sha256\na.wav,xyz\n', base)).toThrow(/not a sha256/);
  });

  it.runIf(hasSharedData('reading the EmoDB manifest', 'data/emodb/manifest.csv'))(
    'reads the shared corpora manifests',
    () => {
      const m = readManifest(sharedPath('data/emodb/manifest.csv'));
      expect(m.size).toBe(535);
      expect(m.get(sharedPath('data/emodb/03a01Fa.wav'))?.label).toBe('happy');
    },
  );

  it('formats a manifest that parses back to the same rows', () => {
    const dir = tempDir();
    const text = formatManifest([
      { file: 'x, y.wav', label: 'happy', speaker: 's1', split: 'test', sha256: 'b'.repeat(64) },
      { file: 'z.wav', label: null, speaker: 'unknown', split: null, sha256: 'c'.repeat(64) },
    ]);
    fs.writeFileSync(path.join(dir, 'manifest.csv'), text);
    const m = readManifest(path.join(dir, 'manifest.csv'));
    expect(m.get(path.join(dir, 'x, y.wav'))).toEqual({
      label: 'happy',
      speaker: 's1',
      split: 'test',
      sha256: 'b'.repeat(64),
    });
    expect(m.get(path.join(dir, 'z.wav'))?.label).toBeUndefined();
  });
});
