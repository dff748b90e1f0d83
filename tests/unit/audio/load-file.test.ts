import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioError, encodeWav, loadAudioFile } from '../../../src/core/audio/node/index.js';
import { sine } from './helpers/signals.js';
import { makeTempDir } from './helpers/sox.js';

const temp = makeTempDir('audio-load-file-');
afterAll(() => temp.remove());

describe('loadAudioFile', () => {
  it('loads a file whose name has spaces and non-ASCII letters, returning its exact bytes', async () => {
    const wav = encodeWav(sine(440, 22050, 0.5), 22050);
    const path = temp.path('Überraschung – glückliche Stimme ß 音声 (take 2).wav');
    writeFileSync(path, wav);
    const loaded = await loadAudioFile(path);
    expect(loaded.info).toMatchObject({
      format: 'wav-pcm16',
      sampleRate: 22050,
      channels: 1,
      durationS: 0.5,
    });
    expect(loaded.samples.length).toBe(8000);
    expect(loaded.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(loaded.bytes), Buffer.from(wav))).toBe(0);
  });

  it('names the file in not-audio messages', async () => {
    const path = temp.path('readme copy.wav');
    writeFileSync(path, 'this is a note, not a recording\n');
    await expect(loadAudioFile(path)).rejects.toMatchObject({
      code: 'not-audio',
      message: expect.stringContaining('"readme copy.wav"'),
    });
  });

  it('passes options through', async () => {
    const path = temp.path('quiet.wav');
    writeFileSync(path, encodeWav(new Float32Array(800), 8000));
    await expect(loadAudioFile(path)).rejects.toMatchObject({ code: 'silent' });
    await expect(loadAudioFile(path, { rejectSilent: false })).resolves.toMatchObject({ stats: { peak: 0 } });
  });

  it('reports a missing file or a folder as "io"', async () => {
    const missing = await loadAudioFile(temp.path('nope.wav')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AudioError);
    expect(missing).toMatchObject({ code: 'io', message: expect.stringMatching(/no such file \(ENOENT\)$/) });
    await expect(loadAudioFile(temp.dir)).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/folder/),
    });
  });
});
