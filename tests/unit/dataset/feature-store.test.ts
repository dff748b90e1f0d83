import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureStore } from '../../../src/core/dataset/node/feature-store.js';
import type { Spectrogram } from '../../../src/core/features/index.js';
import { cleanupAfterEach, newProject, tempDir } from './helpers.js';

cleanupAfterEach();

function spec(frames: number, bins: number, seed: number): Spectrogram {
  const data = new Float32Array(frames * bins);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(seed * 1000 + i) * 40 - 20;
  return { frames, bins, data };
}

const sha = (n: number): string => createHash('sha256').update(String(n)).digest('hex');

describe('feature store', () => {
  it('stores and reads spectrograms bit for bit, keyed by content hash and config', () => {
    const store = FeatureStore.open(path.join(tempDir(), 'f.sqlite'));
    try {
      const s1 = spec(201, 64, 1);
      s1.data[7] = Number.NaN; // stored as bytes, so even NaN comes back
      store.put(sha(1), 'cfgA', s1);
      const back = store.get(sha(1), 'cfgA')!;
      expect(back.frames).toBe(201);
      expect(back.bins).toBe(64);
      expect(Buffer.from(back.data.buffer, back.data.byteOffset, back.data.byteLength)).toEqual(
        Buffer.from(s1.data.buffer),
      );
      expect(store.get(sha(1), 'cfgB')).toBeUndefined();
      expect(store.has(sha(1), 'cfgA')).toBe(true);
      expect(store.has(sha(1), 'cfgB')).toBe(false);
      // Overwriting replaces.
      store.put(sha(1), 'cfgA', spec(3, 2, 9));
      expect(store.get(sha(1), 'cfgA')!.frames).toBe(3);
    } finally {
      store.close();
    }
  });

  it('reads and writes in bulk and tells what is missing', () => {
    const store = FeatureStore.open(path.join(tempDir(), 'f.sqlite'));
    try {
      const entries = Array.from({ length: 300 }, (_, i) => ({
        sha256: sha(i),
        key: 'k',
        spec: spec(100, 64, i),
      }));
      store.putMany(entries);
      store.put(sha(1000), 'other', spec(1, 1, 0));
      expect(store.count()).toBe(301);
      expect(store.count('k')).toBe(300);
      const wanted = [sha(0), sha(150), sha(299), sha(5000)];
      const got = store.getMany(wanted, 'k');
      expect([...got.keys()].sort()).toEqual([sha(0), sha(150), sha(299)].sort());
      expect(Array.from(got.get(sha(150))!.data.slice(0, 5))).toEqual(
        Array.from(entries[150].spec.data.slice(0, 5)),
      );
      expect(store.missing([sha(1), sha(5000), sha(5000), sha(1000)], 'k').sort()).toEqual(
        [sha(1000), sha(5000)].sort(),
      );
      expect(store.missing([], 'k')).toEqual([]);
      expect(store.deleteKey('k')).toBe(300);
      expect(store.count()).toBe(1);
    } finally {
      store.close();
    }
  });

  it('rejects a spectrogram whose size does not match its shape', () => {
    const store = FeatureStore.open(path.join(tempDir(), 'f.sqlite'));
    try {
      expect(() => store.put(sha(1), 'k', { frames: 2, bins: 3, data: new Float32Array(5) })).toThrow(
        /expected 2 x 3/,
      );
    } finally {
      store.close();
    }
  });

  it('is the project feature cache, kept across re-opening', () => {
    const p = newProject();
    p.featureStore.put(sha(7), 'k', spec(4, 4, 7));
    const file = p.paths.featureCache;
    p.close();
    const store = FeatureStore.open(file);
    try {
      expect(store.get(sha(7), 'k')!.data).toEqual(spec(4, 4, 7).data);
    } finally {
      store.close();
    }
  });
});
