// The same augmentations on a waveform, for the UI's "listen to the augmented clip" preview. Pitch and tempo use
// SoundTouch (WSOLA time stretch plus rate transposition) through soundtouchjs, pure JS, so it runs the same in
// Node and the renderer. They need not match the mel-domain versions sample for sample, only audibly.

import { SimpleFilter, SoundTouch } from 'soundtouchjs';
import type { Rng } from '../../util/random.js';

const CHUNK_FRAMES = 4096;
/** SoundTouch only processes whole 16384-frame input blocks; trailing silence pushes the clip's tail through. */
const FLUSH_FRAMES = 2 * 16384;

function soundTouch(
  samples: Float32Array,
  sampleRate: number,
  tempo: number,
  semitones: number,
): Float32Array {
  const st = new SoundTouch();
  // Its WSOLA windows are sized in ms from the sample rate, which defaults to 44.1 kHz; 0 = automatic lengths.
  st.stretch.setParameters(sampleRate, 0, 0, 8);
  st.tempo = tempo;
  st.pitchSemitones = semitones;
  const n = samples.length;
  const source = {
    extract(target: Float32Array, numFrames: number, position: number): number {
      const count = Math.max(0, Math.min(numFrames, n + FLUSH_FRAMES - position));
      for (let k = 0; k < count; k++) {
        const i = position + k;
        const v = i < n ? samples[i] : 0;
        target[2 * k] = v;
        target[2 * k + 1] = v;
      }
      return count;
    },
  };
  const filter = new SimpleFilter(source, st);
  const want = Math.round(n / tempo);
  const out = new Float32Array(want);
  const buf = new Float32Array(2 * CHUNK_FRAMES);
  let got = 0;
  while (got < want) {
    const k = filter.extract(buf, CHUNK_FRAMES);
    if (k === 0) break;
    for (let i = 0; i < k && got < want; i++) out[got++] = buf[2 * i];
  }
  return out;
}

/** Same duration, pitch moved by `semitones`. */
export function pitchShiftWave(samples: Float32Array, semitones: number, sampleRate: number): Float32Array {
  if (!Number.isFinite(semitones)) throw new RangeError(`semitones must be finite, got ${semitones}`);
  if (semitones === 0 || samples.length === 0) return samples.slice();
  return soundTouch(samples, sampleRate, 1, semitones);
}

/** Same pitch, duration divided by `rate` (rate > 1 is faster). */
export function timeStretchWave(samples: Float32Array, rate: number, sampleRate: number): Float32Array {
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new RangeError(`rate must be a positive number, got ${rate}`);
  if (rate === 1 || samples.length === 0) return samples.slice();
  return soundTouch(samples, sampleRate, rate, 0);
}

/** White Gaussian noise at `snrDb` below the clip's mean power; a silent clip stays silent. */
export function addNoiseWave(samples: Float32Array, snrDb: number, rng: Rng): Float32Array {
  const n = samples.length;
  let power = 0;
  for (let i = 0; i < n; i++) power += samples[i] * samples[i];
  power = n > 0 ? power / n : 0;
  const sd = Math.sqrt(power / Math.pow(10, snrDb / 10));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = samples[i] + sd * rng.normal();
  return out;
}
