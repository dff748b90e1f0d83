import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { annotatorKey, checkAnnotatorName, cleanAnnotatorName } from '../../../src/common/annotator-name.js';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { parseManifest } from '../../../src/core/dataset/node/manifest.js';
import { writeClip } from './fixtures.js';
import { cleanupAfterEach, fakeClip, newProject, NOW, tempDir } from './helpers.js';

cleanupAfterEach();

const SER = path.resolve('bin/ser.js');
const RENEE = 'Ren\u00e9e';
const RENEE_NFD = 'Rene\u0301e';

describe('one person is one annotator', () => {
  it('the rule: NFC, invisible characters out, inner white space one space, trimmed, case-insensitive', () => {
    const same: string[][] = [
      ['Ben', 'ben', 'BEN', ' Ben\t'],
      ['Anna Lee', 'Anna  Lee', 'anna\u00a0lee', 'Anna\nLee'],
      [RENEE, RENEE_NFD, 'REN\u00c9E'],
      ['Cleo', 'Cleo\u200b', '\ufeffCleo', 'Cl\u00adeo', 'Cleo\u200d'],
    ];
    for (const group of same) {
      expect(new Set(group.map(annotatorKey)).size, group.join(' | ')).toBe(1);
      expect(cleanAnnotatorName(group[1])).toBe(cleanAnnotatorName(group[1]).normalize('NFC'));
    }
    expect(cleanAnnotatorName('Anna  Lee')).toBe('Anna Lee');
    expect(cleanAnnotatorName(RENEE_NFD)).toBe(RENEE);
    expect(cleanAnnotatorName('Cleo\u200b')).toBe('Cleo');
    expect(annotatorKey('Ben')).not.toBe(annotatorKey('Benn'));
    expect(() => checkAnnotatorName('\u200b ')).toThrow(/at least one visible character/);
    expect(checkAnnotatorName('x'.repeat(100))).toHaveLength(100);
    expect(() => checkAnnotatorName('x'.repeat(101))).toThrow(/at most 100 characters; "x+…" has 101/);
  });

  it('relabelling under another spelling is the same annotator, one vote, shown as first spelled', () => {
    const p = newProject();
    const id = p.clips.insert(fakeClip({ label: null }), NOW);
    p.labels.relabel([id], 'sad', { annotator: 'Ben' });
    p.labels.relabel([id], 'happy', { annotator: 'Ann' });
    // Without the rule these would be two more votes for happy.
    expect(p.labels.relabel([id], 'happy', { annotator: 'ben' }).annotator).toBe('Ben');
    p.labels.relabel([id], 'happy', { annotator: 'BEN\u200b' });
    expect(p.annotations.annotators()).toEqual(['Ann', 'Ben']);
    expect(p.annotations.of(id)).toEqual([
      { annotator: 'Ann', label: 'happy' },
      { annotator: 'Ben', label: 'happy' },
    ]);
    expect(() => p.labels.relabel([id], 'sad', { annotator: 'x'.repeat(101) })).toThrow(/at most 100/);
    expect(() => p.labels.relabel([id], 'sad', { annotator: ' \u200b' })).toThrow(/visible character/);
  });

  it('a manifest’s label:<name> columns follow the rule, and a name over the limit is refused naming the column', async () => {
    const m = parseManifest(
      'file,label:Cleo,label:cleo\u200b,label:Anna  Lee\na.wav,sad,,happy\nb.wav,,sad,\n',
      '/d',
    );
    expect(m.get('/d/a.wav')?.annotations).toEqual({ Cleo: 'sad', 'Anna Lee': 'happy' });
    expect(m.get('/d/b.wav')?.annotations).toEqual({ Cleo: 'sad' });
    expect(() => parseManifest('file,label:Cleo,label:CLEO\na.wav,sad,happy\n', '/d')).toThrow(
      /line 2: label:Cleo and label:CLEO are one annotator .* but say sad and happy/,
    );
    expect(() => parseManifest(`file,label,label:${'n'.repeat(10240)}\na.wav,sad,sad\n`, '/d')).toThrow(
      /manifest\.csv: column 3 \(label:…\): an annotator name has at most 100 characters; "n+…" has 10240/,
    );
    // Imported under a name the project already knows in another spelling: the same person.
    const dir = tempDir();
    writeClip(path.join(dir, 'a.wav'), 1);
    const p = newProject(path.join(dir, 'p'));
    const other = p.clips.insert(fakeClip({ label: null }), NOW);
    p.labels.relabel([other], 'sad', { annotator: 'Ben' });
    const manifest = path.join(dir, 'manifest.csv');
    fs.writeFileSync(manifest, 'file,label:BEN,label:ben \na.wav,happy,happy\n');
    await importSource(p, manifest);
    expect(p.annotations.annotators()).toEqual(['Ben']);
  });

  it('ser relabel --annotator: another spelling is the same person; an over-long name is refused with a clear message', async () => {
    const dir = tempDir();
    const clip = writeClip(path.join(dir, 'audio', 'a.wav'), 1);
    const project = path.join(dir, 'p');
    const p = newProject(project);
    await importSource(p, path.join(dir, 'audio'));
    p.labels.relabel([p.clips.getByPath(clip)!.id], 'sad', { annotator: 'Ben' });
    p.close();
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      SER,
      'relabel',
      clip,
      'happy',
      '--annotator',
      'BEN',
      '--project',
      project,
    ]);
    expect(stdout).toContain("Ben says happy; the clip's label is happy");
    const refused = await run(process.execPath, [
      SER,
      'relabel',
      clip,
      'happy',
      '--annotator',
      'n'.repeat(10240),
      '--project',
      project,
    ]).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/^ser: an annotator name has at most 100 characters; "n+…" has 10240\n$/);
  }, 60_000);
});
