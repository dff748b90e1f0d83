import { describe, expect, it } from 'vitest';
import { cropOrPad, randomCrop, slidingWindows, type Spectrogram } from '../../../src/core/features/index.js';
import { createRng } from '../../../src/core/util/random.js';

/** Frame t, bin b holds 100 * t + b + 1 (all positive, so padding is recognisable). */
function ramp(frames: number, bins = 3): Spectrogram {
  const data = new Float32Array(frames * bins);
  for (let t = 0; t < frames; t++) for (let b = 0; b < bins; b++) data[t * bins + b] = 100 * t + b + 1;
  return { frames, bins, data };
}
const frameOf = (s: Spectrogram, t: number): number[] =>
  Array.from(s.data.subarray(t * s.bins, (t + 1) * s.bins));

describe('cropOrPad', () => {
  it('crops a long clip around its centre by default', () => {
    const out = cropOrPad(ramp(10), 4);
    expect(out.frames).toBe(4);
    expect(frameOf(out, 0)).toEqual(frameOf(ramp(10), 3));
    expect(frameOf(out, 3)).toEqual(frameOf(ramp(10), 6));
  });

  it('crops from an explicit start', () => {
    const out = cropOrPad(ramp(10), 3, 7);
    expect(frameOf(out, 0)[0]).toBe(701);
    expect(frameOf(out, 2)[0]).toBe(901);
  });

  it('centres a short clip and pads with its minimum unless told otherwise', () => {
    const out = cropOrPad(ramp(2), 6);
    expect(out.frames).toBe(6);
    expect(frameOf(out, 0)).toEqual([1, 1, 1]);
    expect(frameOf(out, 1)).toEqual([1, 1, 1]);
    expect(frameOf(out, 2)).toEqual([1, 2, 3]);
    expect(frameOf(out, 3)).toEqual([101, 102, 103]);
    expect(frameOf(out, 5)).toEqual([1, 1, 1]);
    const zeros = cropOrPad(ramp(2), 4, 0, -80);
    expect(frameOf(zeros, 1)).toEqual([101, 102, 103]);
    expect(frameOf(zeros, 2)).toEqual([-80, -80, -80]);
  });

  it('returns an exact copy when sizes match, not the input', () => {
    const spec = ramp(5);
    const out = cropOrPad(spec, 5);
    expect(out.data).toEqual(spec.data);
    expect(out.data).not.toBe(spec.data);
  });
});

describe('randomCrop', () => {
  it('takes in-range crops of long clips, at varied starts, repeatable from a seed', () => {
    const spec = ramp(50);
    const starts = new Set<number>();
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      const out = randomCrop(spec, 10, rng);
      const start = (out.data[0] - 1) / 100;
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start).toBeLessThanOrEqual(40);
      expect(out.data[9 * 3]).toBe(100 * (start + 9) + 1);
      starts.add(start);
    }
    expect(starts.size).toBeGreaterThan(30);
    expect(starts.has(0) && starts.has(40)).toBe(true);
    expect(randomCrop(spec, 10, createRng(3)).data).toEqual(randomCrop(spec, 10, createRng(3)).data);
  });

  it('places a short clip whole somewhere inside the window', () => {
    const rng = createRng(2);
    const offsets = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const out = randomCrop(ramp(3), 8, rng, -1);
      const firstReal = Array.from(out.data).findIndex((v) => v !== -1) / 3;
      expect(frameOf(out, firstReal + 2)).toEqual([201, 202, 203]);
      offsets.add(firstReal);
    }
    expect([...offsets].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('slidingWindows', () => {
  it('covers the whole clip, the last window ending at its end', () => {
    const wins = slidingWindows(ramp(25), 10, 6);
    expect(wins.map((w) => (w.data[0] - 1) / 100)).toEqual([0, 6, 12, 15]);
    for (const w of wins) expect(w.frames).toBe(10);
  });

  it('does not duplicate a window that already ends at the end', () => {
    expect(slidingWindows(ramp(22), 10, 6).map((w) => (w.data[0] - 1) / 100)).toEqual([0, 6, 12]);
  });

  it('gives one padded window for a short clip', () => {
    const wins = slidingWindows(ramp(4), 10, 5);
    expect(wins.length).toBe(1);
    expect(wins[0].frames).toBe(10);
    expect(frameOf(wins[0], 3)).toEqual([1, 2, 3]);
  });
});

describe("'repeat' fill", () => {
  const frameNumbers = (s: Spectrogram): number[] =>
    Array.from({ length: s.frames }, (_, t) => (frameOf(s, t)[0] - 1) / 100);

  it('loops a short clip from its first frame through the whole window, so no frame is padding', () => {
    const out = cropOrPad(ramp(3), 8, 0, undefined, 'repeat');
    expect(frameNumbers(out)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(frameOf(out, 4)).toEqual([101, 102, 103]);
    // A start outside the clip wraps around it.
    expect(frameNumbers(cropOrPad(ramp(3), 4, -1, undefined, 'repeat'))).toEqual([2, 0, 1, 2]);
  });

  it('leaves a long clip as a plain crop', () => {
    expect(cropOrPad(ramp(10), 4, 2, undefined, 'repeat').data).toEqual(cropOrPad(ramp(10), 4, 2).data);
    expect(frameNumbers(slidingWindows(ramp(25), 10, 6, 'repeat')[3])).toEqual([
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    ]);
  });

  it('a random crop of a short clip starts the loop at every frame of it, and pads nothing', () => {
    const rng = createRng(4);
    const firsts = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const frames = frameNumbers(randomCrop(ramp(5), 12, rng, undefined, 'repeat'));
      firsts.add(frames[0]);
      for (let t = 1; t < frames.length; t++) expect(frames[t]).toBe((frames[t - 1] + 1) % 5);
    }
    expect([...firsts].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('sliding windows over a short clip give one looped window', () => {
    const wins = slidingWindows(ramp(4), 10, 5, 'repeat');
    expect(wins).toHaveLength(1);
    expect(frameNumbers(wins[0])).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });
});
