import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAudioFile } from '../../../src/core/audio/node/index.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

const EMODB = sharedPath('data/emodb');
const manifest = hasSharedData('the real EmoDB recordings tests', 'data/emodb/manifest.csv')
  ? readFileSync(`${EMODB}/manifest.csv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [file, label, speaker, sha256] = line.split(',');
        return { file, label, speaker, sha256 };
      })
  : [];

// SOURCE.md: every file is 16 kHz mono 16-bit PCM, exactly 2.000 s (first 2 s, zero-padded)
describe.skipIf(manifest.length === 0)('real EmoDB recordings', () => {
  it('has the documented 535 files', () => {
    expect(manifest.length).toBe(535);
  });

  it.each(['03a01Fa.wav', '08a01Wa.wav', '16b10Td.wav'].map((f) => [f]))(
    '%s loads as 16 kHz mono, 2.0 s, with its manifest hash',
    async (file) => {
      const entry = manifest.find((m) => m.file === file);
      expect(entry).toBeDefined();
      const loaded = await loadAudioFile(`${EMODB}/${file}`);
      expect(loaded.info).toEqual({ format: 'wav-pcm16', sampleRate: 16000, channels: 1, durationS: 2 });
      expect(loaded.samples.length).toBe(32000);
      expect(createHash('sha256').update(loaded.bytes).digest('hex')).toBe(entry?.sha256);
      expect(loaded.stats.peak).toBeGreaterThan(0.01);
      expect(loaded.stats.peak).toBeLessThanOrEqual(1);
      expect(loaded.stats.rms).toBeGreaterThan(0.001);
    },
  );

  it('every sample matches an independent read of the 16-bit data', async () => {
    const path = `${EMODB}/03a01Fa.wav`;
    const raw = readFileSync(path);
    const dataAt = raw.indexOf('data') + 8;
    const loaded = await loadAudioFile(path);
    for (let i = 0; i < 32000; i += 997)
      expect(loaded.samples[i]).toBe(raw.readInt16LE(dataAt + 2 * i) / 32768);
  });
});
