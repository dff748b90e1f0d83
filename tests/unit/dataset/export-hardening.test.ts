import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from '../../../src/core/dataset/csv.js';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { formatManifest, parseManifest } from '../../../src/core/dataset/node/manifest.js';
import { predictionsCsv } from '../../../src/core/report/predictions-csv.js';
import { writeClip } from './fixtures.js';
import { cleanupAfterEach, newProject, tempDir } from './helpers.js';

cleanupAfterEach();

const FORMULAS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1'];

describe('CSV exports never hand a spreadsheet a formula', () => {
  it('neutralises text cells starting with = + - @ (and tab), never numbers', () => {
    for (const f of FORMULAS) expect(parseCsv(formatCsvRow([f]) + '\n')[0][0]).toBe(`'${f}`);
    expect(formatCsvRow([-0.5, 'take-1.wav', 'a=b'])).toBe('-0.5,take-1.wav,a=b');
  });

  it('a manifest export reads back as it was written', () => {
    const rows = FORMULAS.map((f, i) => ({
      file: `/data/${f}.wav`.replace('/data/', i % 2 ? '/data/' : ''),
      label: 'happy',
      speaker: f,
      split: null,
      sha256: null,
    }));
    const text = formatManifest(rows);
    for (const line of text.split('\n').slice(1, -1)) expect(line).not.toMatch(/(^|,)"?[=+\-@\t]/);
    const back = parseManifest(text, '/');
    expect([...back.values()].map((e) => e.speaker)).toEqual(FORMULAS.map((f) => f.trim()));
  });

  it('predictions.csv neutralises file names and speakers', () => {
    const csv = predictionsCsv(
      [
        {
          file: '=cmd|calc!A0.wav',
          speaker: '@evil',
          label: 'happy',
          predicted: 'sad',
          confidence: 0.6,
          probs: [0.4, 0.6],
        },
      ],
      ['happy', 'sad'],
    );
    const [, row] = parseCsv(csv);
    expect(row.slice(0, 2)).toEqual(["'=cmd|calc!A0.wav", "'@evil"]);
  });
});

describe('manifest labels the studio does not know', () => {
  it('are not stored as written: the clip stays unlabelled and the import reports the word', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'a.wav'), 1);
    writeClip(path.join(dir, 'b.wav'), 2);
    writeClip(path.join(dir, 'c.wav'), 3);
    fs.writeFileSync(
      path.join(dir, 'manifest.csv'),
      'file,label\na.wav,Happiness\nb.wav,=HYPERLINK("x")\nc.wav,=HYPERLINK("x")\n',
    );
    const project = newProject();
    const summary = await importSource(project, path.join(dir, 'manifest.csv'));
    const labelOf = (name: string): string | null =>
      project.clips.getByPath(path.join(dir, name))?.label ?? null;
    expect(labelOf('a.wav')).toBe('happy');
    expect(labelOf('b.wav')).toBeNull();
    expect(labelOf('c.wav')).toBeNull();
    expect(summary.unknownLabels).toEqual({ '=HYPERLINK("x")': 2 });
    expect(summary.perLabel).toEqual({ happy: 1, unlabelled: 2 });
  });
});
