import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/core/audio/node/index.js';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import type { ImportSummary } from '../../../src/core/dataset/import-summary.js';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { voiceLike, writeClip, writeWav } from './fixtures.js';
import { cleanup, newProject, tempDir } from './helpers.js';

afterAll(cleanup);

describe('importing a folder of bad and odd files', () => {
  let dir: string;
  let project: Project;
  let summary: ImportSummary;
  const rejectedCode = (name: string): string | undefined =>
    summary.rejected.find((r) => path.basename(r.path) === name)?.code;

  beforeAll(async () => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty.wav'), '');
    const whole = encodeWav(voiceLike(1, 16000, 1), 16000);
    fs.writeFileSync(path.join(dir, 'truncated.wav'), whole.slice(0, Math.floor(whole.length / 2)));
    fs.writeFileSync(path.join(dir, 'notes.wav'), 'These are my notes, not a recording.\n');
    writeWav(path.join(dir, 'zero-samples.wav'), new Float32Array(0));
    const nan = voiceLike(0.5, 16000, 2);
    nan[100] = Number.NaN;
    writeWav(path.join(dir, 'nan.wav'), nan, 16000, { float: true });
    const left = voiceLike(1.5, 44100, 3);
    const right = voiceLike(1.5, 44100, 4);
    writeWav(path.join(dir, 'stereo-24bit.wav'), [left, right], 44100, { bitDepth: 24 });
    writeWav(path.join(dir, 'ten-minutes.wav'), voiceLike(600, 8000, 5), 8000);
    writeWav(path.join(dir, 'silence.wav'), new Float32Array(16000));
    writeClip(path.join(dir, 'happy', 'voix très émue — prise 2.wav'), 6);
    writeClip(path.join(dir, 'happy', 'a.wav'), 7);
    writeClip(path.join(dir, 'Sad', 'b.wav'), 8);
    writeClip(path.join(dir, 'alice', 'c.wav'), 9);
    // Ignored: hidden files and folders, and files that aren't audio by name.
    writeClip(path.join(dir, '.hidden.wav'), 10);
    writeClip(path.join(dir, '.cache', 'd.wav'), 11);
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'hello');
    project = newProject();
    summary = await importSource(project, dir);
  });

  it('rejects each bad file with its reason', () => {
    expect(rejectedCode('empty.wav')).toBe('empty');
    expect(rejectedCode('truncated.wav')).toBe('truncated');
    expect(rejectedCode('notes.wav')).toBe('not-audio');
    expect(rejectedCode('zero-samples.wav')).toBe('no-samples');
    expect(rejectedCode('nan.wav')).toBe('invalid-samples');
    expect(rejectedCode('ten-minutes.wav')).toBe('too-long');
    expect(rejectedCode('silence.wav')).toBe('silent');
    expect(summary.rejected).toHaveLength(7);
    for (const r of summary.rejected) expect(r.reason.length).toBeGreaterThan(10);
  });

  it('imports the good and odd-but-valid files', () => {
    expect(summary.scanned).toBe(12);
    expect(summary.added).toBe(5);
    const stereo = project.clips.getByPath(path.join(dir, 'stereo-24bit.wav'))!;
    expect(stereo).toMatchObject({
      status: 'ok',
      channels: 2,
      sampleRate: 44100,
      label: null,
      speaker: 'unknown',
    });
    expect(stereo.durationS).toBeCloseTo(1.5, 2);
    expect(stereo.format).toMatch(/24/);
    const accented = project.clips.getByPath(path.join(dir, 'happy', 'voix très émue — prise 2.wav'))!;
    expect(accented).toMatchObject({ status: 'ok', label: 'happy', labelSource: 'folder' });
    expect(project.clips.getByPath(path.join(dir, 'Sad', 'b.wav'))!.label).toBe('sad');
    expect(project.clips.getByPath(path.join(dir, 'alice', 'c.wav'))).toMatchObject({
      label: null,
      speaker: 'alice',
    });
    expect(summary.perLabel).toEqual({ happy: 2, sad: 1, unlabelled: 2 });
    expect(project.clips.list({ search: '.hidden' })).toEqual([]);
    expect(project.clips.list({ search: '.cache' })).toEqual([]);
  });

  it('records rejected files with their reason and leaves a sound database', () => {
    const rejected = project.clips.list({ status: 'rejected' });
    expect(rejected).toHaveLength(7);
    expect(rejected.find((c) => c.path.endsWith('empty.wav'))).toMatchObject({
      rejectCode: 'empty',
      durationS: null,
    });
    expect(rejected.every((c) => (c.reason ?? '').length > 0)).toBe(true);
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(project.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('does not duplicate rejected files when imported again, and takes a fixed one in', async () => {
    const again = await importSource(project, dir);
    expect(again.added).toBe(0);
    expect(again.unchanged).toBe(5);
    expect(again.rejected).toHaveLength(7);
    expect(project.clips.count()).toBe(12);

    writeClip(path.join(dir, 'truncated.wav'), 12);
    const fixed = await importSource(project, dir);
    expect(fixed.added).toBe(1);
    expect(project.clips.getByPath(path.join(dir, 'truncated.wav'))).toMatchObject({
      status: 'ok',
      reason: null,
    });
    expect(project.clips.count()).toBe(12);
  });
});
