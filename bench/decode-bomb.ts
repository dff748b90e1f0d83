// A decode bomb: an MP3 with no Xing/Info header (nothing says how long it is) far over the duration limit.
// Measures what refusing it costs: time and peak memory of loadAudio on 10 MB, and, with --server, how long
// a web-mode server stops answering while a 50 MB one is posted to /api/predict.
// Prints one JSON line: {"bench":"decode-bomb","bytes":...,"refused_ms":...,"peak_rss_mb":...,...}.
// `--memory` measures the first part only (a test runs it in its own process, for a clean peak).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAudio } from '../src/core/audio/node/index.js';
import { createStudioService } from '../src/core/studio/service.js';
import { startServer } from '../src/server/server.js';
import { headerlessMp3 } from '../tests/unit/audio/helpers/headerless-mp3.js';

const MB = 1024 * 1024;
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function refuse(bytes: Uint8Array): Promise<{ refused_ms: number; reason: string }> {
  const start = performance.now();
  let reason = 'accepted';
  try {
    await loadAudio(bytes, 'bomb.mp3');
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  }
  return { refused_ms: Math.round(performance.now() - start), reason };
}

/** Posts the bomb to /api/predict while asking project.info again and again; the longest wait for an answer. */
async function serverWhileDecoding(bytes: Uint8Array): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bomb-'));
  const service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'web', log: () => {} });
  const server = await startServer({ service, staticDir: null, log: () => {} });
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };
  try {
    let done = false;
    const started = performance.now();
    const predict = fetch(`${base}/api/predict?name=bomb.mp3`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      body: bytes as Uint8Array<ArrayBuffer>,
    }).then(async (res) => {
      const body = (await res.json()) as { error?: string };
      done = true;
      return { status: res.status, error: body.error ?? '', ms: performance.now() - started };
    });
    let maxWait = 0;
    let answers = 0;
    while (!done) {
      const t = performance.now();
      await fetch(`${base}/api/rpc/project.info`, { method: 'POST', headers: auth, body: '{}' });
      maxWait = Math.max(maxWait, performance.now() - t);
      answers++;
    }
    const r = await predict;
    return {
      server_bytes: bytes.length,
      server_status: r.status,
      server_reason: r.error,
      server_refused_ms: Math.round(r.ms),
      server_max_wait_ms: Math.round(maxWait),
      server_answers_meanwhile: answers,
      server_rss_after_mb: Math.round(process.memoryUsage().rss / MB),
    };
  } finally {
    await server.close();
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const memoryOnly = process.argv.includes('--memory');
const bytes = headerlessMp3(10 * 1000 * 1000);
const baseline = peakRssMb();
const refused = await refuse(bytes);
const out: Record<string, number | string> = {
  bench: 'decode-bomb',
  bytes: bytes.length,
  ...refused,
  baseline_rss_mb: baseline,
  peak_rss_mb: peakRssMb(),
};
if (!memoryOnly) Object.assign(out, await serverWhileDecoding(headerlessMp3(50 * 1000 * 1000)));
process.stdout.write(`${JSON.stringify(out)}\n`);
