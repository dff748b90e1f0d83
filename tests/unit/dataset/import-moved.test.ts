import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { writeClip } from './fixtures.js';
import { cleanupAfterEach, newProject, tempDir } from './helpers.js';

cleanupAfterEach();

describe('re-importing after files moved, were copied or changed', () => {
  it('keeps the emotion a recorded take was acted in, whatever folder it is found in', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'happy', 'take.wav'), 1);
    const project = newProject();
    await importSource(project, dir);
    const take = project.clips.getByPath(path.join(dir, 'happy', 'take.wav'))!;
    project.clips.setLabel(take.id, 'happy', 'recorded', new Date().toISOString());

    fs.mkdirSync(path.join(dir, 'sad'));
    fs.renameSync(take.path, path.join(dir, 'sad', 'take.wav'));
    await importSource(project, dir);
    expect(project.clips.get(take.id)).toMatchObject({
      path: path.join(dir, 'sad', 'take.wav'),
      label: 'happy',
      labelSource: 'recorded',
    });
    // seen again where it is, too
    await importSource(project, dir);
    expect(project.clips.get(take.id)).toMatchObject({ label: 'happy', labelSource: 'recorded' });
  });

  it('finds a moved file again by its hash, keeping its id, history and user label', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'happy', 'a.wav'), 1);
    writeClip(path.join(dir, 'sad', 'b.wav'), 2);
    writeClip(path.join(dir, 'sad', 'c.wav'), 3);
    const project = newProject();
    await importSource(project, dir);
    const a = project.clips.getByPath(path.join(dir, 'happy', 'a.wav'))!;
    const b = project.clips.getByPath(path.join(dir, 'sad', 'b.wav'))!;
    project.labels.relabel([a.id], 'angry');

    fs.mkdirSync(path.join(dir, 'archive', 'neutral'), { recursive: true });
    fs.renameSync(a.path, path.join(dir, 'archive', 'neutral', 'a.wav'));
    // Moved into another label folder: a folder label follows the file.
    fs.mkdirSync(path.join(dir, 'happy'), { recursive: true });
    fs.renameSync(b.path, path.join(dir, 'happy', 'b.wav'));
    fs.copyFileSync(path.join(dir, 'sad', 'c.wav'), path.join(dir, 'sad', 'c-copy.wav'));

    const s = await importSource(project, dir);
    expect(s).toMatchObject({ added: 0, moved: 2, unchanged: 1, duplicates: 1, rejected: [] });
    expect(project.clips.count()).toBe(3);
    const movedA = project.clips.get(a.id)!;
    expect(movedA.path).toBe(path.join(dir, 'archive', 'neutral', 'a.wav'));
    expect(movedA).toMatchObject({ label: 'angry', labelSource: 'user' });
    const movedB = project.clips.get(b.id)!;
    expect(movedB).toMatchObject({
      path: path.join(dir, 'happy', 'b.wav'),
      label: 'happy',
      labelSource: 'folder',
    });
    expect(project.labels.history(b.id).map((e) => [e.source, e.oldLabel, e.newLabel])).toEqual([
      ['import', null, 'sad'],
      ['import', 'sad', 'happy'],
    ]);
    expect(project.clips.getByPath(path.join(dir, 'sad', 'c-copy.wav'))).toBeUndefined();
  });

  it('takes in new content at a known path as the same clip', async () => {
    const dir = tempDir();
    const file = writeClip(path.join(dir, 'happy', 'a.wav'), 1);
    const project = newProject();
    await importSource(project, dir);
    const before = project.clips.getByPath(file)!;
    writeClip(file, 99, 1.5);
    const s = await importSource(project, dir);
    expect(s).toMatchObject({ added: 0, updated: 1 });
    const after = project.clips.get(before.id)!;
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.durationS).toBeCloseTo(1.5, 2);
    expect(project.clips.count()).toBe(1);
  });

  it('imports a manifest with splits, checks its hashes, and reports listed files that are missing', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'wav', 'one.wav'), 1);
    writeClip(path.join(dir, 'wav', 'two.wav'), 2);
    writeClip(path.join(dir, 'wav', 'three.wav'), 3);
    fs.writeFileSync(
      path.join(dir, 'list.csv'),
      [
        'file,label,speaker,split,sha256',
        'wav/one.wav,Joy,spk1,train,',
        'wav/two.wav,sad,spk2,test,' + '0'.repeat(64),
        'wav/three.wav,,spk3,validation,',
        'wav/missing.wav,neutral,spk1,train,',
      ].join('\n'),
    );
    const project = newProject();
    const s = await importSource(project, path.join(dir, 'list.csv'));
    expect(s.scanned).toBe(4);
    expect(s.added).toBe(2);
    expect(s.rejected.map((r) => [path.basename(r.path), r.code])).toEqual([
      ['missing.wav', 'io'],
      ['two.wav', 'hash-mismatch'],
    ]);
    expect(s.rejected[0].reason).toMatch(/listed in the manifest but not found/);
    expect(project.clips.getByPath(path.join(dir, 'wav', 'one.wav'))).toMatchObject({
      label: 'happy',
      labelSource: 'manifest',
      speaker: 'spk1',
      split: 'train',
    });
    expect(project.clips.getByPath(path.join(dir, 'wav', 'three.wav'))).toMatchObject({
      label: null,
      speaker: 'spk3',
      split: 'val',
    });
  });

  it('uses a manifest.csv found in the folder for the files it lists, conventions for the rest', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'x.wav'), 1);
    writeClip(path.join(dir, '03a01Wa.wav'), 2);
    fs.writeFileSync(path.join(dir, 'manifest.csv'), 'file,label,speaker\nx.wav,fear,bob\n');
    const project = newProject();
    const s = await importSource(project, dir);
    expect(s.added).toBe(2);
    expect(s.perLabel).toEqual({ fear: 1, angry: 1 });
    expect(s.perSpeaker).toEqual({ bob: 1, '03': 1 });
  });

  it('stops when aborted, keeping what was done', async () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) writeClip(path.join(dir, 'happy', `c${i}.wav`), i, 0.3);
    const project = newProject();
    const abort = new AbortController();
    const s = await importSource(project, dir, {
      signal: abort.signal,
      concurrency: 1,
      onProgress: (p) => {
        if (p.done === 5) abort.abort();
      },
    });
    expect(s.cancelled).toBe(true);
    expect(s.added).toBe(5);
    expect(project.clips.count()).toBe(5);
    const rest = await importSource(project, dir);
    expect(rest).toMatchObject({ added: 15, unchanged: 5, cancelled: false });
  });

  it('sets the label set when given one', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'angry', 'a.wav'), 1);
    const project = newProject();
    await importSource(project, dir, { labels: ['happy', 'sad', 'anger'] });
    expect(project.settings.labelSet()).toEqual(['happy', 'sad', 'angry']);
    await expect(importSource(project, dir, { labels: ['happy', 'contempt'] })).rejects.toThrow(
      /unknown label/,
    );
  });
});
