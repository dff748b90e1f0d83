// Decoding speed: every EmoDB clip through loadAudio (sniff, WAV parse, mono mix, stats, silence check;
// no resampling at 16 kHz), plus resampling 44.1 -> 16 kHz at each converter quality.
// Prints one JSON line: {"bench":"decode","x_realtime":...,"files":...,...}.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_RESAMPLE_QUALITY,
  loadAudio,
  resampleTo,
  type ResampleQuality,
} from '../src/core/audio/node/index.js';

const corpus = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/emodb');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const RESAMPLE_SECONDS = 20;

async function decodeCorpus(): Promise<Record<string, number>> {
  const names = readdirSync(corpus).filter((f) => f.toLowerCase().endsWith('.wav'));
  const readStart = performance.now();
  const files = names.map((name) => new Uint8Array(readFileSync(join(corpus, name))));
  const readMs = performance.now() - readStart;

  let audioS = 0;
  for (const bytes of files) audioS += (await loadAudio(bytes)).info.durationS; // also warms up
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    for (const bytes of files) await loadAudio(bytes);
    best = Math.min(best, performance.now() - start);
  }
  return {
    files: files.length,
    audio_s: Number(audioS.toFixed(1)),
    x_realtime: Math.round(audioS / (best / 1000)),
    ms_per_file: Number((best / files.length).toFixed(4)),
    x_realtime_incl_read: Math.round(audioS / ((best + readMs) / 1000)),
  };
}

function noise(n: number): Float32Array {
  // deterministic broadband test signal: the resampler's cost does not depend on content
  const x = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = (s / 0x1_0000_0000 - 0.5) * 0.5;
  }
  return x;
}

async function resampleSpeed(quality: ResampleQuality): Promise<number> {
  const x = noise(44100 * RESAMPLE_SECONDS);
  await resampleTo(x.subarray(0, 44100), 44100, 16000, { quality });
  let best = Infinity;
  for (let r = 0; r < Math.max(1, Math.min(REPEATS, 3)); r++) {
    const start = performance.now();
    await resampleTo(x, 44100, 16000, { quality });
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(RESAMPLE_SECONDS / (best / 1000));
}

const decode = await decodeCorpus();
const byQuality: Partial<Record<ResampleQuality, number>> = {};
for (const quality of ['fast', 'medium', 'best'] as const) byQuality[quality] = await resampleSpeed(quality);

console.log(
  JSON.stringify({
    bench: 'decode',
    ...decode,
    resample_44k1_to_16k_x_realtime: byQuality[DEFAULT_RESAMPLE_QUALITY],
    resample_quality: DEFAULT_RESAMPLE_QUALITY,
    resample_x_realtime_by_quality: byQuality,
  }),
);
