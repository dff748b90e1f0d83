import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWav } from '../../../src/core/audio/node/index.js';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `es-${prefix}-`));
}

export function toneWav(freq: number, seconds = 0.5, rate = 16000): Uint8Array {
  const n = Math.round(seconds * rate);
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * freq * i) / rate);
  return encodeWav(samples, rate, { bitDepth: 16 });
}

/**
 * A small corpus of generated tones named like EmoDB files (speaker, text, emotion letter), so the importer
 * labels them by convention: 3 speakers x happy (F), sad (T), neutral (N) x `perCell` clips.
 */
export function makeEmoDbLikeFolder(dir: string, perCell = 2): { files: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let freq = 200;
  for (const speaker of ['03', '08', '09']) {
    for (const letter of ['F', 'T', 'N']) {
      for (let i = 1; i <= perCell; i++) {
        const file = path.join(dir, `${speaker}a0${i}${letter}a.wav`);
        fs.writeFileSync(file, toneWav((freq += 37)));
        files.push(file);
      }
    }
  }
  return { files };
}
