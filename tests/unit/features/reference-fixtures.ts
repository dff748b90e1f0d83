// Test helpers: read the librosa reference arrays and their WAVs from shared/reference (read-only, never copied).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spectrogram } from '../../../src/core/features/index.js';

export const REFERENCE_DIR = join(import.meta.dirname, '../../../../shared/reference');

export interface ReferenceCase {
  name: string;
  config: Record<string, unknown>;
  samples: Float32Array;
  /** [frames][nMels], transposed from the JSON's [nMels][frames]. */
  logMelDb: Spectrogram;
  mfcc: Spectrogram;
}

/** Minimal 16-bit PCM mono WAV reader, scaled int16/32768 as the reference's `wav_scale` says. */
export function readWav16(path: string): { sampleRate: number; samples: Float32Array } {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${path}: not a WAV`);
  let pos = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16 || channels !== 1)
        throw new Error(`${path}: expected 16-bit mono, got ${bits}-bit x${channels}`);
      const n = Math.floor(Math.min(size, buf.length - body) / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = buf.readInt16LE(body + 2 * i) / 32768;
      return { sampleRate, samples };
    }
    pos = body + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

function transposed(rows: number[][]): Spectrogram {
  const bins = rows.length;
  const frames = rows[0].length;
  const data = new Float32Array(frames * bins);
  for (let b = 0; b < bins; b++) for (let t = 0; t < frames; t++) data[t * bins + b] = rows[b][t];
  return { frames, bins, data };
}

export function loadReference(name: 'tone1k' | 'chirp' | 'speech'): ReferenceCase {
  const json = JSON.parse(readFileSync(join(REFERENCE_DIR, `${name}.json`), 'utf8')) as {
    wav: string;
    config: Record<string, unknown>;
    logmel_db: number[][];
    mfcc: number[][];
  };
  const { samples } = readWav16(join(REFERENCE_DIR, json.wav));
  return {
    name,
    config: json.config,
    samples,
    logMelDb: transposed(json.logmel_db),
    mfcc: transposed(json.mfcc),
  };
}

/** A sine of `hz` at amplitude `amp`, `seconds` long. */
export function sine(hz: number, seconds: number, sampleRate = 16000, amp = 0.5): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}

/** Mean over frames of each bin: a spectrogram's average profile. */
export function meanOverFrames(spec: Spectrogram): Float64Array {
  const out = new Float64Array(spec.bins);
  for (let t = 0; t < spec.frames; t++)
    for (let b = 0; b < spec.bins; b++) out[b] += spec.data[t * spec.bins + b];
  for (let b = 0; b < spec.bins; b++) out[b] /= Math.max(1, spec.frames);
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
