// Re-importing costs a read and a hash per file: content the project already has is never decoded again.
// The decoder is wrapped (it still decodes) so the test sees every file it is handed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { writeClip } from './fixtures.js';
import { cleanupAfterEach, newProject, tempDir } from './helpers.js';

const decoded = vi.hoisted(() => ({ names: [] as string[] }));

// Every decode of a file's bytes, whichever entry point reaches it (loadAudioFile calls loadAudio).
vi.mock('../../../src/core/audio/load.js', async (importOriginal) =>
  (await import('./decode-spy.js')).spyOnDecoder(await importOriginal(), decoded),
);

cleanupAfterEach();

describe('re-importing a folder', () => {
  it('decodes only the content the project does not have yet', async () => {
    const dir = tempDir();
    for (let i = 0; i < 6; i++) writeClip(path.join(dir, `clip${i}.wav`), 100 + i);
    const project = newProject();

    decoded.names = [];
    const first = await importSource(project, dir);
    expect(first).toMatchObject({ added: 6, rejected: [] });
    // The wrapper sees the decoder at work: every new file once.
    expect(decoded.names.sort()).toEqual([
      'clip0.wav',
      'clip1.wav',
      'clip2.wav',
      'clip3.wav',
      'clip4.wav',
      'clip5.wav',
    ]);

    decoded.names = [];
    const again = await importSource(project, dir);
    expect(again).toMatchObject({ added: 0, unchanged: 6, rejected: [] });
    expect(decoded.names).toEqual([]);

    // A new file and a copy of a known one under a new name: only the new content is decoded.
    writeClip(path.join(dir, 'new.wav'), 200);
    fs.copyFileSync(path.join(dir, 'clip0.wav'), path.join(dir, 'copy-of-clip0.wav'));
    decoded.names = [];
    const third = await importSource(project, dir);
    expect(third.added).toBe(1);
    expect(decoded.names).toEqual(['new.wav']);
  });
});
