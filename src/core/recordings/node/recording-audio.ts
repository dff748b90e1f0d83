import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  audioStats,
  decodeLongFile,
  TARGET_SAMPLE_RATE,
  type AudioStats,
  type LongDecodeInfo,
} from '../../audio/node/index.js';
import { LevelMeter } from '../levels.js';

const HEADER_BYTES = 44;

/** The sha256 of a file, read in pieces (a recording may be gigabytes). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function pcm16Header(frames: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  const data = frames * 2;
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(TARGET_SAMPLE_RATE, 24);
  h.writeUInt32LE(TARGET_SAMPLE_RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data, 40);
  return h;
}

function toPcm16(samples: Float32Array): Buffer {
  // Buffer.alloc never hands out a pooled slice: the view starts aligned (and the platforms we ship are LE)
  const out = Buffer.alloc(samples.length * 2);
  const pcm = new Int16Array(out.buffer, out.byteOffset, samples.length);
  for (let i = 0; i < samples.length; i++) {
    const q = Math.round(samples[i] * 32768);
    pcm[i] = q > 32767 ? 32767 : q < -32768 ? -32768 : q;
  }
  return out;
}

/** Level statistics over a signal seen in pieces (the same figures audioStats gives for a clip). */
class RunningStats {
  private n = 0;
  private peak = 0;
  private energy = 0;
  private clipped = 0;
  private frames = 0;
  private silent = 0;
  add(s: Float32Array): void {
    const st = audioStats(s, TARGET_SAMPLE_RATE);
    this.n += s.length;
    this.peak = Math.max(this.peak, st.peak);
    this.energy += st.rms * st.rms * s.length;
    this.clipped += st.clippedFraction * s.length;
    const f = Math.max(1, Math.floor(s.length / (0.025 * TARGET_SAMPLE_RATE)));
    this.frames += f;
    this.silent += st.silentFraction * f;
  }
  result(): AudioStats {
    const n = Math.max(this.n, 1);
    return {
      durationS: this.n / TARGET_SAMPLE_RATE,
      peak: this.peak,
      rms: Math.sqrt(this.energy / n),
      clippedFraction: this.clipped / n,
      silentFraction: this.frames ? this.silent / this.frames : 1,
    };
  }
}

export interface RecordingCopy {
  info: LongDecodeInfo;
  /** Frame levels for the speech detector (levels.ts). */
  levels: Float32Array;
  stats: AudioStats;
}

/**
 * Decodes `source` in pieces into `target`, a 16 kHz mono 16-bit WAV (written beside it and renamed into
 * place when whole), measuring levels on the way. Memory stays at a few pieces whatever the length.
 */
export async function writeRecordingCopy(
  source: string,
  target: string,
  opts: { maxDurationS?: number } = {},
): Promise<RecordingCopy> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const fd = fs.openSync(partial, 'w');
  const meter = new LevelMeter();
  const stats = new RunningStats();
  let frames = 0;
  try {
    fs.writeSync(fd, pcm16Header(0));
    const info = await decodeLongFile(
      source,
      (s) => {
        meter.push(s);
        stats.add(s);
        fs.writeSync(fd, toPcm16(s));
        frames += s.length;
      },
      opts,
    );
    fs.writeSync(fd, pcm16Header(frames), 0, HEADER_BYTES, 0);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, target);
    return { info, levels: meter.finish(), stats: stats.result() };
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Measures a recording without keeping a copy: what a timeline needs when the file is already 16 kHz PCM. */
export async function measureRecording(
  source: string,
  sink?: (s: Float32Array) => void,
): Promise<{ info: LongDecodeInfo; levels: Float32Array }> {
  const meter = new LevelMeter();
  const info = await decodeLongFile(source, (s) => {
    meter.push(s);
    sink?.(s);
  });
  return { info, levels: meter.finish() };
}

/** Samples [from, to) of a copy written by writeRecordingCopy, as floats; read from the file, nothing more. */
export function readRecordingRange(file: string, from: number, to: number): Float32Array {
  const fd = fs.openSync(file, 'r');
  try {
    const total = (fs.fstatSync(fd).size - HEADER_BYTES) / 2;
    const a = Math.max(0, Math.min(from, total));
    const b = Math.max(a, Math.min(to, total));
    const bytes = Buffer.alloc((b - a) * 2);
    fs.readSync(fd, bytes, 0, bytes.length, HEADER_BYTES + a * 2);
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, b - a);
    const out = new Float32Array(b - a);
    for (let i = 0; i < out.length; i++) out[i] = pcm[i] / 32768;
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** Samples of a copy (16 kHz). */
export function recordingFrames(file: string): number {
  return Math.max(0, (fs.statSync(file).size - HEADER_BYTES) / 2);
}

/**
 * A segment's own WAV: 16 kHz 16-bit, with a LIST/INFO comment naming its recording and stretch, so two
 * stretches of the same sound (digital silence, a repeated take) are still two files with two hashes.
 */
export function segmentWav(samples: Float32Array, comment: string): Buffer {
  const data = toPcm16(samples);
  const text = Buffer.from(`${comment}\0`, 'utf8');
  const icmt = Buffer.alloc(8 + text.length + (text.length & 1));
  icmt.write('ICMT', 0, 'ascii');
  icmt.writeUInt32LE(text.length, 4);
  text.copy(icmt, 8);
  const list = Buffer.alloc(12);
  list.write('LIST', 0, 'ascii');
  list.writeUInt32LE(4 + icmt.length, 4);
  list.write('INFO', 8, 'ascii');
  const header = pcm16Header(samples.length);
  header.writeUInt32LE(36 + data.length + list.length + icmt.length, 4);
  return Buffer.concat([header, data, list, icmt]);
}
