import fs from 'node:fs';
import path from 'node:path';
import { encodeWav } from '../../src/core/audio/wav-encode.js';
import { parseWavHeader } from '../../src/core/audio/wav-header.js';
import { wavSamplesToMono } from '../../src/core/audio/wav-samples.js';
import { createRng } from '../../src/core/util/random.js';

export interface PlacedClip {
  file: string;
  /** Where the clip sits in the recording (s). */
  start: number;
  /** Where its audio ends: its last sample that is not zero (the shared EmoDB copy zero-pads short takes). */
  end: number;
}

/** The 16 kHz mono samples of a WAV file (the shared corpora's format). */
export function readWav16k(file: string): Float32Array {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const layout = parseWavHeader(bytes);
  if (layout.sampleRate !== 16000) throw new Error(`${file} is not 16 kHz`);
  return wavSamplesToMono(bytes, layout);
}

/**
 * A long recording made of clips with pauses of known, seeded lengths (`minGapS` to `maxGapS`) between them.
 * The pauses hold a quiet room (white noise at `noiseDb` dBFS; a take's zero padding becomes room too), or,
 * with `silence: 'digital'`, digital silence in whole 10 ms steps with every take kept sample for sample (an
 * edited recording). Returns the WAV's path and where each clip sits.
 */
export function concatenateClips(
  files: readonly string[],
  out: string,
  opts: {
    seed?: number;
    minGapS?: number;
    maxGapS?: number;
    noiseDb?: number;
    leadS?: number;
    silence?: 'room' | 'digital';
  } = {},
): { path: string; clips: PlacedClip[]; durationS: number } {
  const rng = createRng(opts.seed ?? 1);
  const rate = 16000;
  const digital = opts.silence === 'digital';
  const noise = digital ? 0 : 10 ** ((opts.noiseDb ?? -62) / 20) * Math.sqrt(3);
  const gap = () => {
    const s = (opts.minGapS ?? 0.8) + rng.next() * ((opts.maxGapS ?? 2) - (opts.minGapS ?? 0.8));
    return digital ? Math.round(s * 100) / 100 : s;
  };
  const parts: Float32Array[] = [];
  const clips: PlacedClip[] = [];
  let at = 0;
  const pause = (s: number) => {
    const n = Math.round(s * rate);
    const p = new Float32Array(n);
    for (let i = 0; i < n; i++) p[i] = (rng.next() * 2 - 1) * noise;
    parts.push(p);
    at += n;
  };
  pause(opts.leadS ?? 1);
  for (const file of files) {
    const x = readWav16k(file);
    let last = x.length - 1;
    while (last > 0 && x[last] === 0) last--;
    // the zero padding of a short take is room noise in a real recording
    const clip = x.slice();
    if (!digital) for (let i = last + 1; i < clip.length; i++) clip[i] = (rng.next() * 2 - 1) * noise;
    clips.push({ file, start: at / rate, end: (at + last + 1) / rate });
    parts.push(clip);
    at += clip.length;
    pause(gap());
  }
  const all = new Float32Array(at);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, encodeWav(all, rate));
  return { path: out, clips, durationS: at / rate };
}

/**
 * A recording of a quiet room (white noise at -60 dBFS) with voiced bursts (a 150 Hz buzz and two harmonics
 * at about -20 dBFS) over `bursts`, written as a 16 kHz 16-bit WAV: utterances whose boundaries are known.
 */
export function burstsWav(
  out: string,
  durationS: number,
  bursts: ReadonlyArray<readonly [number, number]>,
  seed = 7,
): string {
  const rate = 16000;
  const rng = createRng(seed);
  const x = new Float32Array(Math.round(durationS * rate));
  const noise = 10 ** (-60 / 20) * Math.sqrt(3);
  for (let i = 0; i < x.length; i++) x[i] = (rng.next() * 2 - 1) * noise;
  for (const [a, b] of bursts)
    for (let i = Math.round(a * rate); i < Math.round(b * rate); i++) {
      const t = i / rate;
      x[i] +=
        0.06 *
        (Math.sin(2 * Math.PI * 150 * t) +
          0.5 * Math.sin(2 * Math.PI * 300 * t) +
          0.3 * Math.sin(2 * Math.PI * 450 * t));
    }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, encodeWav(x, rate));
  return out;
}
