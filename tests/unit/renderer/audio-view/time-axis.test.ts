import { describe, expect, it } from 'vitest';
import { timeAxis } from '../../../../src/renderer/screens/review/audio-view/time-axis.js';

describe('time axis', () => {
  it('labels a whole 2 s clip 720 px wide every 0.2 s', () => {
    const a = timeAxis(0, 2, 720);
    expect(a.step).toBeCloseTo(0.2, 9);
    expect(a.major.map((m) => m.label)).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
      '1.2',
      '1.4',
      '1.6',
      '1.8',
      '2.0',
    ]);
    expect(a.major[5].x).toBeCloseTo(360, 6);
  });

  it('keeps labels at least the minimum spacing apart', () => {
    for (const [s, e, w] of [
      [0, 2, 720],
      [0, 3.37, 500],
      [1.234, 1.5, 900],
      [0, 60, 1200],
    ]) {
      const a = timeAxis(s, e, w, 72);
      const gaps = a.major.slice(1).map((m, i) => m.x - a.major[i].x);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(72 * 0.99);
      expect(a.major.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('zoomed in, uses finer round steps with enough decimals', () => {
    const a = timeAxis(1.234, 1.5, 900);
    // 900 px / 72 = 12 labels at most over 0.266 s: 0.0222 s apart, rounded up to 0.05
    expect(a.step).toBeCloseTo(0.05, 9);
    expect(a.major.map((m) => m.label)).toEqual(['1.25', '1.30', '1.35', '1.40', '1.45', '1.50']);
    expect(a.major.every((m) => m.t >= 1.234 && m.t <= 1.5)).toBe(true);
    // labels sit where their time is in the window
    expect(a.major[0].x).toBeCloseTo(((1.25 - 1.234) / (1.5 - 1.234)) * 900, 6);
  });

  it('puts minor ticks between the labelled ones, never on them', () => {
    const a = timeAxis(0, 1, 400); // step 0.2 -> minor every 0.05
    expect(a.step).toBeCloseTo(0.2, 9);
    expect(a.minor.map((m) => m.t).slice(0, 3)).toEqual([0.05, 0.1, 0.15]);
    const majors = new Set(a.major.map((m) => m.t));
    expect(a.minor.some((m) => majors.has(m.t))).toBe(false);
  });

  it('gives nothing for an empty window', () => {
    expect(timeAxis(0, 0, 500).major).toEqual([]);
    expect(timeAxis(0, 2, 0).major).toEqual([]);
  });
});
