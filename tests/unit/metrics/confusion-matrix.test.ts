import { describe, expect, it } from 'vitest';
import { confusionMatrix, normaliseRows } from '../../../src/core/metrics/index.js';

describe('confusionMatrix', () => {
  it('counts rows as true and columns as predicted', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 0, 2, 2], 3);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
  });

  it('accepts typed arrays and gives an all-zero matrix for no pairs', () => {
    expect(confusionMatrix(new Int32Array([1]), new Uint8Array([0]), 2)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(confusionMatrix([], [], 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('rejects mismatched lengths, out-of-range and non-integer indices', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/2 true labels but 1 predictions/);
    expect(() => confusionMatrix([0, 2], [0, 0], 2)).toThrow(/outside 0\.\.1/);
    expect(() => confusionMatrix([0], [-1], 2)).toThrow(/outside/);
    expect(() => confusionMatrix([0.5], [0], 2)).toThrow(/outside/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(/positive integer/);
  });
});

describe('normaliseRows', () => {
  it('divides each row by its sum and leaves an empty row at 0, not NaN', () => {
    expect(
      normaliseRows([
        [1, 3],
        [0, 0],
        [2, 0],
      ]),
    ).toEqual([
      [0.25, 0.75],
      [0, 0],
      [1, 0],
    ]);
  });
});
