// Feature extraction speed: 16 kHz samples -> log-mel on one core, over every EmoDB clip.
// Prints one JSON line: {"bench":"features","x_realtime":...,"ms_per_s_audio":...,"clips":...}.
// Clips are decoded with the audio layer's loadAudioFile (16 kHz mono, as the app sees them); if that module is
// missing or fails, a minimal inline 16-bit PCM reader stands in, and "decoder" in the output says which was used.
// Decoding time is not counted either way.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEATURE_CONFIG, logMelSpectrogram } from '../src/core/features/index.js';

const corpus = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/emodb');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function readPcm16Mono(path: string): Float32Array {
  const buf = readFileSync(path);
  let pos = 12;
  let channels = 1;
  let bits = 16;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(pos + 10);
      bits = buf.readUInt16LE(pos + 22);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`${path}: ${bits}-bit WAV, this bench reads 16-bit only`);
      const frames = Math.floor(Math.min(size, buf.length - pos - 8) / (2 * channels));
      const out = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let acc = 0;
        for (let c = 0; c < channels; c++) acc += buf.readInt16LE(pos + 8 + 2 * (i * channels + c));
        out[i] = acc / channels / 32768;
      }
      return out;
    }
    pos += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

const files = readdirSync(corpus)
  .filter((f) => f.toLowerCase().endsWith('.wav'))
  .sort();
interface AudioModule {
  loadAudioFile(path: string): Promise<{ samples: Float32Array }>;
}

async function decodeAll(): Promise<{ decoder: string; clips: Float32Array[] }> {
  try {
    const audio = (await import('../src/core/audio/node/index.js')) as AudioModule;
    const clips: Float32Array[] = [];
    for (const f of files) clips.push((await audio.loadAudioFile(join(corpus, f))).samples);
    return { decoder: 'audio', clips };
  } catch (error) {
    console.error(`audio layer unavailable (${String(error)}); using the inline 16-bit WAV reader`);
    return { decoder: 'inline-wav16', clips: files.map((f) => readPcm16Mono(join(corpus, f))) };
  }
}

const { decoder, clips } = await decodeAll();
const audioSeconds = clips.reduce((s, c) => s + c.length, 0) / DEFAULT_FEATURE_CONFIG.sampleRate;

// Warm-up: JIT and the cached FFT plan / filterbank.
for (const c of clips.slice(0, 20)) logMelSpectrogram(c);

// CPU time of this process is what "per core" means, and it is far less disturbed than wall time when other jobs
// share the machine; wall time is reported beside it.
let best = Infinity;
let bestWall = Infinity;
let checksum = 0;
for (let r = 0; r < REPEATS; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const c of clips) checksum += logMelSpectrogram(c).data[0];
  bestWall = Math.min(bestWall, performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  best = Math.min(best, (cpu.user + cpu.system) / 1000);
}

console.log(
  JSON.stringify({
    bench: 'features',
    x_realtime: Math.round(audioSeconds / (best / 1000)),
    ms_per_s_audio: Number((best / audioSeconds).toFixed(4)),
    clips: clips.length,
    wall_x_realtime: Math.round(audioSeconds / (bestWall / 1000)),
    audio_s: Number(audioSeconds.toFixed(1)),
    repeats: REPEATS,
    decoder,
    checksum: Number.isFinite(checksum),
  }),
);
