import fs from 'node:fs';
import path from 'node:path';
import { encodeWav, type EncodeWavOptions } from '../../../src/core/audio/node/index.js';
import { createRng } from '../../../src/core/util/random.js';

/**
 * A voice-like test signal: a few harmonics of a wobbling pitch under a syllable-rate envelope, plus a little
 * noise. Each seed gives different content (so different hashes) and none of it is silent or clipped.
 */
export function voiceLike(seconds: number, sampleRate: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  const f0 = 110 + 80 * rng.next();
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    phase += (2 * Math.PI * f0 * (1 + 0.05 * Math.sin(2 * Math.PI * 3 * t))) / sampleRate;
    const env = 0.3 + 0.25 * Math.sin(2 * Math.PI * 4 * t + seed);
    out[i] =
      env * (0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase)) +
      0.01 * (rng.next() - 0.5);
  }
  return out;
}

export function writeWav(
  file: string,
  samples: Float32Array | Float32Array[],
  sampleRate = 16000,
  opts: EncodeWavOptions = {},
): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeWav(samples, sampleRate, opts));
  return file;
}

/** A good 16 kHz mono clip with content unique to `seed`. */
export function writeClip(file: string, seed: number, seconds = 1): string {
  return writeWav(file, voiceLike(seconds, 16000, seed));
}
