import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioError, loadAudio } from '../../../src/core/audio/node/index.js';
import { probeMp3DurationS } from '../../../src/core/audio/probe-mp3.js';
import { startHarness, type Harness } from '../server/harness.js';
import { headerlessMp3 } from './helpers/headerless-mp3.js';
import { errorMessage } from '../../../src/common/error-message.js';

const TEN_MB = 10 * 1000 * 1000;

describe('an MP3 without a Xing/Info header, far over the duration limit', () => {
  const bomb = headerlessMp3(TEN_MB);

  it('says nothing about its length in a header', () => {
    expect(bomb.length).toBeGreaterThan(TEN_MB - 2000);
    expect(probeMp3DurationS(bomb)).toBeUndefined();
  });

  it('is refused with a clear reason once decoding passes the limit', async () => {
    const err = await loadAudio(bomb, 'bomb.mp3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudioError);
    expect((err as AudioError).code).toBe('too-long');
    expect((err as AudioError).message).toBe(
      'too long: it lasts more than the 120 s limit (decoding stopped there)',
    );
  });

  it('a shorter one under the limit still decodes whole', async () => {
    const audio = await loadAudio(headerlessMp3(400_000), 'short.mp3');
    expect(audio.info.format).toBe('mp3');
    expect(audio.info.durationS).toBeGreaterThan(45);
    expect(audio.info.durationS).toBeLessThan(55);
  });

  it('costs a few hundred MB at most (measured in a process of its own: bench/decode-bomb.ts --memory)', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve('bench/decode-bomb.ts'), '--memory'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { reason: string; peak_rss_mb: number; baseline_rss_mb: number };
    expect(out.reason).toMatch(/^too long/);
    // Decoding the whole 21 minutes took ~950 MB; the limit's worth of samples is ~20 MB.
    expect(out.peak_rss_mb - out.baseline_rss_mb).toBeLessThan(250);
  });
});

describe('a decode bomb posted to the web server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers other requests while it decodes, then refuses it with the reason', async () => {
    let pending = true;
    const predict = h.service
      .predict('bomb.mp3', headerlessMp3(TEN_MB))
      .then(
        () => 'accepted',
        (e: unknown) => errorMessage(e),
      )
      .finally(() => (pending = false));
    let answered = 0;
    while (pending) {
      const r = await h.rpc('project.info');
      expect(r.status).toBe(200);
      if (pending) answered++;
    }
    expect(await predict).toMatch(/^too long: it lasts more than the 600 s limit/);
    expect(answered).toBeGreaterThan(5);
  });
});
