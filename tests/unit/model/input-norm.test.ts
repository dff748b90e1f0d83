import { describe, expect, it } from 'vitest';
import {
  applyFloor,
  fitInputNorm,
  instanceOffsets,
  prepareLogMel,
  trimSilence,
  writeNormalised,
} from '../../../src/core/model/input-norm.js';
import { clipWindows } from '../../../src/core/model/windows.js';

/** frames x 2 bins: silence (-100 dB) at both ends, speech (-20 dB +- a ramp) in the middle. */
function clip(lead: number, speech: number, tail: number) {
  const frames = lead + speech + tail;
  const data = new Float32Array(frames * 2).fill(-100);
  for (let t = lead; t < lead + speech; t++) {
    data[t * 2] = -20 + (t % 5);
    data[t * 2 + 1] = -30;
  }
  return { frames, bins: 2, data };
}

describe('trimming silence at the ends', () => {
  it('keeps the speech plus a margin of five frames on each side', () => {
    const t = trimSilence(clip(40, 100, 60), 40);
    expect(t.frames).toBe(110);
    expect(t.data[0]).toBe(-100);
    expect(t.data[5 * 2]).toBe(-20);
  });

  it('leaves short clips, clips without silence and trimDb 0 alone', () => {
    const short = clip(10, 20, 10);
    expect(trimSilence(short, 40)).toBe(short);
    const speech = clip(0, 120, 0);
    expect(trimSilence(speech, 40)).toBe(speech);
    const c = clip(40, 100, 60);
    expect(trimSilence(c, 0)).toBe(c);
  });

  it('never trims below 50 frames', () => {
    const t = trimSilence(clip(100, 10, 100), 40);
    expect(t.frames).toBe(50);
    // The speech stays inside what is kept.
    const loud = Array.from({ length: t.frames }, (_, i) => t.data[i * 2]).filter((v) => v > -50).length;
    expect(loud).toBe(10);
  });
});

describe('input normalisation', () => {
  it('floors everything more than topDb below the peak', () => {
    const f = applyFloor(clip(2, 3, 2), 50);
    expect(Math.min(...f.data)).toBe(-16 - 50);
    const p = prepareLogMel(clip(2, 3, 2), { trimDb: 0, topDb: 50 });
    expect(Array.from(p.data)).toEqual(Array.from(f.data));
  });

  it("band mode removes each band's clip mean; clip mode its overall level; peak mode its loudest value", () => {
    const c = { frames: 2, bins: 2, data: Float32Array.from([0, 10, 2, 30]) };
    expect(Array.from(instanceOffsets(c, 'band'))).toEqual([1, 20]);
    expect(Array.from(instanceOffsets(c, 'clip'))).toEqual([10.5, 10.5]);
    expect(Array.from(instanceOffsets(c, 'peak'))).toEqual([30, 30]);
    expect(Array.from(instanceOffsets(c, 'none'))).toEqual([0, 0]);
  });

  it('peak mode gives a recording 20 dB quieter the same model input, down to the floor', () => {
    const loud = clip(10, 60, 10);
    const quiet = { ...loud, data: loud.data.map((v) => v - 20) };
    const input = (c: typeof loud, norm: ReturnType<typeof fitInputNorm>) => {
      const p = prepareLogMel(c, norm);
      const out = new Float32Array(p.frames * p.bins);
      writeNormalised(p, instanceOffsets(p, norm.instance), norm, out);
      return Array.from(out);
    };
    const peak = fitInputNorm([loud], 'peak', { trimDb: 0, topDb: 80 });
    const a = input(loud, peak);
    const b = input(quiet, peak);
    expect(b.length).toBe(a.length);
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 4));
    // Without it the level is part of the input.
    const none = fitInputNorm([loud], 'none', { trimDb: 0, topDb: 80 });
    const out = input(quiet, none);
    expect(Math.abs(out[20] - a[20])).toBeCloseTo(20 / none.std[0], 3);
  });

  it('fits statistics that make training clips zero-mean, unit-variance per band', () => {
    const specs = [clip(0, 60, 0), { ...clip(0, 60, 0), data: clip(0, 60, 0).data.map((v) => v + 6) }];
    for (const mode of ['none', 'band', 'clip', 'peak'] as const) {
      const norm = fitInputNorm(specs, mode, { trimDb: 0, topDb: 80 });
      const out = new Float32Array(120 * 2);
      specs.forEach((s, i) => writeNormalised(s, instanceOffsets(s, mode), norm, out, i * 120));
      const band0 = Array.from({ length: 120 }, (_, i) => out[i * 2]);
      const mean = band0.reduce((a, b) => a + b, 0) / 120;
      const sd = Math.sqrt(band0.reduce((a, b) => a + (b - mean) ** 2, 0) / 120);
      expect(mean).toBeCloseTo(0, 4);
      expect(sd).toBeCloseTo(1, 3);
      expect(norm.trimDb).toBe(0);
      expect(norm.instance).toBe(mode);
    }
  });

  it('windows a long clip so that every frame is covered, one window for a short one', () => {
    const norm = fitInputNorm([clip(0, 60, 0)], 'none', { trimDb: 0, topDb: 80 });
    expect(clipWindows(clip(0, 250, 0), { frames: 100, hop: 50 }, norm).count).toBe(4);
    expect(clipWindows(clip(0, 60, 0), { frames: 100, hop: 50 }, norm).count).toBe(1);
    expect(clipWindows(clip(0, 60, 0), { frames: 100, hop: 50 }, norm).data.length).toBe(200);
  });

  it("with 'centre', scores a long clip by the one window at its middle (the original design's evaluation)", () => {
    const norm = fitInputNorm([clip(0, 60, 0)], 'none', { trimDb: 0, topDb: 80 });
    // frame t of this clip holds t in every band: the middle window of 100 of 250 frames starts at frame 75
    const ramp = {
      frames: 250,
      bins: 2,
      data: Float32Array.from({ length: 500 }, (_, i) => Math.floor(i / 2)),
    };
    const centred = clipWindows(
      ramp,
      { frames: 100, hop: 50, centre: true },
      { ...norm, mean: [0, 0], std: [1, 1] },
    );
    expect(centred.count).toBe(1);
    expect(centred.data[0]).toBe(75);
    expect(centred.data[199]).toBe(174);
  });
});
