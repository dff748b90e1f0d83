import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import type { ImportSummary } from '../../../src/core/dataset/import-summary.js';
import { parseCsv } from '../../../src/core/dataset/csv.js';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { cleanup, newProject, tempDir } from './helpers.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

const DATA = sharedPath('data');
const has = (corpus: string) => hasSharedData(`the ${corpus} import tests`, 'data', corpus, 'manifest.csv');

/** The files handed to the decoder (it still decodes them): a re-import must hand it none. */
const decoded = vi.hoisted(() => ({ names: [] as string[] }));
vi.mock('../../../src/core/audio/load.js', async (importOriginal) =>
  (await import('./decode-spy.js')).spyOnDecoder(await importOriginal(), decoded),
);
const SER = path.resolve('bin/ser.js');

afterAll(cleanup);

/** Counts per label and per speaker, straight from a corpus's manifest.csv. */
function manifestCounts(corpus: string): {
  total: number;
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
} {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(DATA, corpus, 'manifest.csv'), 'utf8'));
  const [li, si] = [header.indexOf('label'), header.indexOf('speaker')];
  const perLabel: Record<string, number> = {};
  const perSpeaker: Record<string, number> = {};
  for (const r of rows) {
    perLabel[r[li]] = (perLabel[r[li]] ?? 0) + 1;
    perSpeaker[r[si]] = (perSpeaker[r[si]] ?? 0) + 1;
  }
  return { total: rows.length, perLabel, perSpeaker };
}

describe.runIf(has('emodb'))('importing EmoDB', () => {
  let project: Project;
  let summary: ImportSummary;
  const progress: number[] = [];

  beforeAll(async () => {
    project = newProject();
    summary = await importSource(project, path.join(DATA, 'emodb'), {
      onProgress: (p) => progress.push(p.done),
    });
  });

  it('gives 535 clips by 10 speakers with the official label counts', () => {
    expect(decoded.names).toHaveLength(535);
    expect(summary).toMatchObject({
      scanned: 535,
      added: 535,
      moved: 0,
      unchanged: 0,
      duplicates: 0,
      rejected: [],
    });
    expect(summary.perLabel).toEqual({
      happy: 71,
      sad: 62,
      neutral: 79,
      angry: 127,
      boredom: 81,
      disgust: 46,
      fear: 69,
    });
    expect(Object.keys(summary.perSpeaker)).toHaveLength(10);
    expect(summary.durationS).toBeCloseTo(535 * 2, 0);
    const stats = project.clips.stats();
    expect(stats.perStatus).toEqual({ ok: 535, rejected: 0 });
    expect(stats.perLabel).toEqual(summary.perLabel);
    expect(stats.perSpeaker).toEqual(manifestCounts('emodb').perSpeaker);
  });

  it('records every clip completely, with its first label in the history', () => {
    const clip = project.clips.getByPath(path.join(DATA, 'emodb', '03a01Fa.wav'))!;
    expect(clip).toMatchObject({
      sha256: 'de45a51a04e0d445ac6a8c76066b7a2bb2e3fa1186f824b3c8dc3ca34697e892',
      label: 'happy',
      labelSource: 'manifest',
      speaker: '03',
      corpus: 'emodb',
      sampleRate: 16000,
      channels: 1,
      status: 'ok',
    });
    expect(clip.durationS).toBeCloseTo(2, 2);
    expect(clip.peak).toBeGreaterThan(0);
    expect(clip.rms).toBeGreaterThan(0);
    expect(project.labels.history(clip.id)).toMatchObject([
      { source: 'import', oldLabel: null, newLabel: 'happy' },
    ]);
    const events = project.db.prepare("SELECT count(*) AS n FROM label_events WHERE source = 'import'").get();
    expect(events).toEqual({ n: 535 });
  });

  it('reports progress for every file', () => {
    expect(progress).toHaveLength(535);
    expect(progress.at(-1)).toBe(535);
  });

  it('adds nothing when imported again, and decodes nothing either', async () => {
    decoded.names = [];
    const again = await importSource(project, path.join(DATA, 'emodb'));
    expect(decoded.names).toEqual([]);
    expect(again).toMatchObject({ added: 0, unchanged: 535, moved: 0, updated: 0, rejected: [] });
    expect(again.perLabel).toEqual(summary.perLabel);
    expect(project.clips.count()).toBe(535);
  });

  it('imports through the CLI with --json on stdout', async () => {
    const dir = path.join(tempDir(), 'cli-project');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [SER, 'import', path.join(DATA, 'emodb'), '--project', dir, '--json'],
      { maxBuffer: 1 << 24 },
    );
    const cli = JSON.parse(stdout) as ImportSummary;
    expect(cli.added).toBe(535);
    expect(cli.perLabel).toEqual(summary.perLabel);
    expect(cli.perSpeaker).toEqual(summary.perSpeaker);
    const stats = await promisify(execFile)(process.execPath, [SER, 'stats', '--project', dir, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ total: 535, labelSet: ['happy', 'sad', 'neutral'] });
  });
});

describe.each(['savee', 'tess'].filter(has))('importing %s', (corpus) => {
  let project: Project;
  let summary: ImportSummary;
  beforeAll(async () => {
    project = newProject();
    summary = await importSource(project, path.join(DATA, corpus));
  });

  it('matches its manifest per label and per speaker', () => {
    const expected = manifestCounts(corpus);
    expect(summary.added).toBe(expected.total);
    expect(summary.rejected).toEqual([]);
    expect(summary.perLabel).toEqual(expected.perLabel);
    expect(summary.perSpeaker).toEqual(expected.perSpeaker);
    expect(project.clips.count({ status: 'ok' })).toBe(expected.total);
  });

  it('agrees with its naming convention wherever one matches', () => {
    const clips = project.clips.list({}, { limit: 1000 });
    const withConvention = clips.filter((c) => c.corpus === corpus);
    expect(withConvention).toHaveLength(clips.length);
  });
});

describe.runIf(['emodb', 'savee', 'tess'].every(has))('importing without the manifest', () => {
  it('labels EmoDB, SAVEE and TESS from their file names alone', async () => {
    const dir = tempDir();
    const picks = {
      emodb: ['03a01Fa.wav', '08b10La.wav', '16a07Ea.wav'],
      savee: ['DC_sa01.wav', 'KL_su15.wav'],
      tess: ['OAF_back_happy.wav'],
    };
    for (const [corpus, files] of Object.entries(picks)) {
      for (const f of files) fs.symlinkSync(path.join(DATA, corpus, f), path.join(dir, f));
    }
    const project = newProject();
    const s = await importSource(project, dir);
    expect(s.rejected).toEqual([]);
    expect(s.added).toBe(6);
    const byName = Object.fromEntries(
      project.clips.list().map((c) => [path.basename(c.path), [c.label, c.speaker, c.labelSource]]),
    );
    expect(byName).toEqual({
      '03a01Fa.wav': ['happy', '03', 'convention'],
      '08b10La.wav': ['boredom', '08', 'convention'],
      '16a07Ea.wav': ['disgust', '16', 'convention'],
      'DC_sa01.wav': ['sad', 'DC', 'convention'],
      'KL_su15.wav': ['surprise', 'KL', 'convention'],
      'OAF_back_happy.wav': ['happy', 'OAF', 'convention'],
    });
  });
});
