/**
 * The speech detector finds utterances where they are: bursts over a room's noise, pauses shorter than the
 * minimum kept inside an utterance, clicks dropped, long speech cut at its quietest moment, a floor that follows
 * a room getting louder; and on a recording made of EmoDB clips with known pauses, every clip is one utterance
 * with its boundaries within 100 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LevelMeter } from '../../../src/core/recordings/levels.js';
import { detectSpeech } from '../../../src/core/recordings/speech-detector.js';
import { createRng } from '../../../src/core/util/random.js';
import { concatenateClips, readWav16k } from '../../support/long-recording.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';
import { cleanupAfterEach, tempDir } from '../dataset/helpers.js';

cleanupAfterEach();

const RATE = 16000;

/** Noise at `noiseDb` with voiced bursts (a 150 Hz buzz with harmonics, at `speechDb`) over the given spans. */
function signal(
  durationS: number,
  bursts: Array<[number, number]>,
  opts: { noiseDb?: number | ((t: number) => number); speechDb?: number } = {},
): Float32Array {
  const rng = createRng(7);
  const x = new Float32Array(Math.round(durationS * RATE));
  const noiseAt =
    typeof opts.noiseDb === 'function' ? opts.noiseDb : () => (opts.noiseDb as number | undefined) ?? -60;
  const speech = 10 ** ((opts.speechDb ?? -20) / 20);
  for (let i = 0; i < x.length; i++)
    x[i] = (rng.next() * 2 - 1) * 10 ** (noiseAt(i / RATE) / 20) * Math.sqrt(3);
  for (const [a, b] of bursts)
    for (let i = Math.round(a * RATE); i < Math.round(b * RATE); i++) {
      const t = i / RATE;
      x[i] +=
        speech *
        (Math.sin(2 * Math.PI * 150 * t) +
          0.5 * Math.sin(2 * Math.PI * 300 * t) +
          0.3 * Math.sin(2 * Math.PI * 450 * t)) *
        0.6;
    }
  return x;
}

function levelsOf(x: Float32Array, piece = 12_345): Float32Array {
  const meter = new LevelMeter();
  // fed in pieces that do not line up with its frames, as a decoder hands them over
  for (let at = 0; at < x.length; at += piece) meter.push(x.subarray(at, at + piece));
  return meter.finish();
}

const near = (spans: Array<{ start: number; end: number }>, truth: Array<[number, number]>, tol = 0.08) =>
  spans.length === truth.length &&
  spans.every((s, i) => Math.abs(s.start - truth[i][0]) <= tol && Math.abs(s.end - truth[i][1]) <= tol);

describe('detectSpeech', () => {
  it('finds bursts over a quiet room, padded by 50 ms', () => {
    const truth: Array<[number, number]> = [
      [1, 2.5],
      [4, 4.8],
      [6.2, 9],
    ];
    const spans = detectSpeech(levelsOf(signal(10, truth)));
    expect(near(spans, truth)).toBe(true);
    expect(spans[0].start).toBeCloseTo(0.95, 2);
  });

  it('keeps a pause shorter than the minimum silence inside an utterance, and drops a click', () => {
    const x = signal(8, [
      [1, 2],
      [2.3, 3],
      [5, 5.08],
      [6, 7],
    ]);
    expect(
      near(detectSpeech(levelsOf(x)), [
        [1, 3],
        [6, 7],
      ]),
    ).toBe(true);
    // with a shorter minimum silence the pause splits it
    expect(detectSpeech(levelsOf(x), { minSilenceS: 0.2 })).toHaveLength(3);
  });

  it('cuts an utterance longer than the maximum at its quietest moment', () => {
    const truth: Array<[number, number]> = [
      [1, 7],
      [7.15, 14],
    ];
    const spans = detectSpeech(levelsOf(signal(15, truth)), { maxSegmentS: 10 });
    expect(spans).toHaveLength(2);
    expect(spans[0].end).toBeGreaterThan(7);
    expect(spans[0].end).toBeLessThan(7.15);
    expect(spans[1].start).toBe(spans[0].end);
    for (const s of detectSpeech(levelsOf(signal(40, [[1, 39]])), { maxSegmentS: 10 }))
      expect(s.end - s.start).toBeLessThanOrEqual(10);
  });

  it('follows a room that gets louder, rather than calling its noise speech', () => {
    // the noise rises 25 dB half way through; speech stays 30 dB above it
    const noise = (t: number) => (t < 30 ? -65 : -40);
    const truth: Array<[number, number]> = [
      [5, 7],
      [15, 17],
      [40, 42],
      [50, 52],
    ];
    const x = signal(
      60,
      [
        [5, 7],
        [15, 17],
      ],
      { noiseDb: noise, speechDb: -35 },
    );
    const loud = signal(
      60,
      [
        [40, 42],
        [50, 52],
      ],
      { noiseDb: -200, speechDb: -10 },
    );
    for (let i = 0; i < x.length; i++) x[i] += loud[i];
    const spans = detectSpeech(levelsOf(x));
    expect(near(spans, truth, 0.15)).toBe(true);
  });

  it('finds nothing in a recording of room noise only, or of digital silence', () => {
    expect(detectSpeech(levelsOf(signal(20, [])))).toEqual([]);
    expect(detectSpeech(levelsOf(new Float32Array(RATE * 5)))).toEqual([]);
  });

  it('gives each frame its level whatever pieces the signal came in', () => {
    const x = signal(3, [[1, 2]]);
    expect(levelsOf(x, 160)).toEqual(levelsOf(x, 7919));
  });
});

const hasEmoDb = hasSharedData('the detector on a recording of EmoDB clips', 'data/emodb');

describe.runIf(hasEmoDb)('a 5-minute recording of EmoDB clips with known pauses', () => {
  it('is one utterance per clip, 95 % of boundaries within 100 ms', () => {
    const dir = sharedPath('data/emodb');
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d\d[ab]\d\d[FTN]\w\.wav$/.test(f))
      .sort()
      .filter((_, i) => i % 2 === 0)
      .map((f) => path.join(dir, f));
    const rec = concatenateClips(files.slice(0, 90), path.join(tempDir(), 'long.wav'), { seed: 5 });
    expect(rec.durationS).toBeGreaterThan(300);
    const spans = detectSpeech(levelsOf(readWav16k(rec.path), 16000));
    expect(spans).toHaveLength(rec.clips.length);
    const errors = rec.clips.flatMap((c, i) => [
      Math.abs(spans[i].start - c.start),
      Math.abs(spans[i].end - c.end),
    ]);
    const within = errors.filter((e) => e <= 0.1).length / errors.length;
    expect(within).toBeGreaterThanOrEqual(0.95);
  });
});
