// npx tsx bench/long-import-memory.ts [--hours 2] [--rate 16000] [--channels 1]: peak memory of importing one
// long recording (decoded in pieces, copied once, split into utterances). A generated recording (a quiet room
// with 2-6 s voiced bursts and 0.6-2.5 s pauses) is written to disk a piece at a time, then imported by a
// child process, whose peak resident set (getrusage maxrss) is the figure: the target is under 500 MB for two
// hours. Prints one JSON line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/util/random.js';

const { values } = parseArgs({
  options: {
    hours: { type: 'string', default: '2' },
    rate: { type: 'string', default: '16000' },
    channels: { type: 'string', default: '1' },
    child: { type: 'string' },
  },
});

if (values.child) {
  // The measured process: nothing in it but the import.
  const { openProject } = await import('../src/core/dataset/node/project.js');
  const { importSource } = await import('../src/core/dataset/node/importer.js');
  const project = openProject(path.join(path.dirname(values.child), 'project'), { create: true });
  const started = performance.now();
  const summary = await importSource(project, values.child, { segment: 'auto' });
  const elapsed = (performance.now() - started) / 1000;
  project.close();
  process.stdout.write(
    JSON.stringify({
      segments: summary.recordings?.[0]?.segments ?? 0,
      rejected: summary.rejected.map((r) => r.reason),
      elapsed_s: Math.round(elapsed * 10) / 10,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
  process.exit(0);
}

const hours = Number(values.hours);
const rate = Number(values.rate);
const channels = Number(values.channels);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-bench-long-'));
const file = path.join(dir, 'long.wav');
try {
  const frames = Math.round(hours * 3600 * rate);
  const header = Buffer.alloc(44);
  const dataBytes = frames * channels * 2;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header);
  const rng = createRng(3);
  let speechLeft = 0;
  let pauseLeft = Math.round(rate * 0.5);
  let utterances = 0;
  const block = rate * 10;
  for (let at = 0; at < frames; at += block) {
    const n = Math.min(block, frames - at);
    const pcm = new Int16Array(n * channels);
    for (let i = 0; i < n; i++) {
      if (speechLeft === 0 && pauseLeft === 0) {
        speechLeft = Math.round(rate * (2 + 4 * rng.next()));
        pauseLeft = Math.round(rate * (0.6 + 1.9 * rng.next()));
        utterances++;
      }
      let x = (rng.next() * 2 - 1) * 0.001;
      if (speechLeft > 0) {
        const t = (at + i) / rate;
        x += 0.1 * Math.sin(2 * Math.PI * 140 * t) + 0.05 * Math.sin(2 * Math.PI * 280 * t);
        speechLeft--;
      } else pauseLeft--;
      for (let c = 0; c < channels; c++) pcm[i * channels + c] = Math.round(x * 32767);
    }
    fs.writeSync(fd, new Uint8Array(pcm.buffer));
  }
  fs.closeSync(fd);
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the import failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout) as { segments: number; elapsed_s: number; peak_rss_mb: number };
  process.stdout.write(
    JSON.stringify({
      bench: 'long-import-memory',
      hours,
      sample_rate: rate,
      channels,
      file_mb: Math.round(fs.statSync(file).size / 2 ** 20),
      utterances,
      ...r,
      x_real_time: Math.round((hours * 3600) / r.elapsed_s),
      target_mb: 500,
    }) + '\n',
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
