import { describe, expect, it } from 'vitest';
import { deltas, type Spectrogram } from '../../../src/core/features/index.js';

const SEQ = [1, 4, 2, 8, 5, 7, 3, 9, 6, 0, 2, 5];

/** One bin over time. */
function column(values: number[]): Spectrogram {
  return { frames: values.length, bins: 1, data: Float32Array.from(values) };
}

// scipy.signal.savgol_filter(SEQ, width, polyorder=order, deriv=order, mode='interp'), which is exactly what
// librosa.feature.delta(SEQ, width=width, order=order) returns.
const SCIPY: Record<string, number[]> = {
  '9,1': [
    0.6, 0.6, 0.6, 0.6, 0.6, -0.0666666667, -0.3333333333, -0.5333333333, -0.5333333333, -0.5333333333,
    -0.5333333333, -0.5333333333,
  ],
  '9,2': [
    -0.2337662338, -0.2337662338, -0.2337662338, -0.2337662338, -0.2337662338, -0.5281385281, -0.5454545455,
    0.0519480519, 0.0519480519, 0.0519480519, 0.0519480519, 0.0519480519,
  ],
  '5,1': [1.2, 1.2, 1.2, 0.9, 0.1, 0, 0.4, -1.1, -1.1, -1.2, -1.2, -1.2],
  '5,2': [
    -0.5714285714, -0.5714285714, -0.5714285714, -0.1428571429, -2.1428571429, 1.7142857143, 0, -1.8571428571,
    -1.5714285714, 2.8571428571, 2.8571428571, 2.8571428571,
  ],
};

describe('deltas (librosa.feature.delta, mode interp)', () => {
  it.each([
    [9, 1],
    [9, 2],
    [5, 1],
    [5, 2],
  ] as const)('width %d order %d matches scipy savgol on a known sequence', (width, order) => {
    const out = deltas(column(SEQ), width, order);
    const expected = SCIPY[`${width},${order}`];
    expect(out.frames).toBe(SEQ.length);
    for (let t = 0; t < SEQ.length; t++) expect(out.data[t]).toBeCloseTo(expected[t], 5);
  });

  it('differentiates polynomials exactly: t^2 has delta 2t inside and second delta 2 everywhere', () => {
    const seq = Array.from({ length: 20 }, (_, t) => t * t);
    const d1 = deltas(column(seq));
    for (let t = 4; t < 16; t++) expect(d1.data[t]).toBeCloseTo(2 * t, 4);
    // interp edges: the slope of the line fitted to the first / last 9 frames.
    for (let t = 0; t < 4; t++) expect(d1.data[t]).toBeCloseTo(8, 4);
    for (let t = 16; t < 20; t++) expect(d1.data[t]).toBeCloseTo(30, 4);
    const d2 = deltas(column(seq), 9, 2);
    for (let t = 0; t < 20; t++) expect(d2.data[t]).toBeCloseTo(2, 4);
  });

  it('works per bin, independently', () => {
    const frames = 12;
    const spec: Spectrogram = { frames, bins: 2, data: new Float32Array(frames * 2) };
    for (let t = 0; t < frames; t++) {
      spec.data[2 * t] = SEQ[t];
      spec.data[2 * t + 1] = 3 * t;
    }
    const out = deltas(spec, 9, 1);
    for (let t = 0; t < frames; t++) {
      expect(out.data[2 * t]).toBeCloseTo(SCIPY['9,1'][t], 5);
      expect(out.data[2 * t + 1]).toBeCloseTo(3, 5);
    }
  });

  it('shrinks the window for clips shorter than width, zeros when no fit is possible', () => {
    const short = deltas(column([0, 1, 2, 3, 4]), 9, 1);
    expect(Array.from(short.data).map((v) => Number(v.toFixed(5)))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(deltas(column([5, 7]), 9, 1).data)).toEqual([0, 0]);
    expect(() => deltas(column(SEQ), 4)).toThrow(RangeError);
  });
});
