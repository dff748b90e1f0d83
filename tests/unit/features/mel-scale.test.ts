import { describe, expect, it } from 'vitest';
import { hzToMel, melToHz } from '../../../src/core/features/index.js';

describe('Slaney mel scale', () => {
  it('is linear below 1 kHz at 200/3 Hz per mel', () => {
    expect(hzToMel(0)).toBe(0);
    expect(hzToMel(200 / 3)).toBeCloseTo(1, 12);
    expect(hzToMel(500)).toBeCloseTo(7.5, 12);
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
  });

  it('is logarithmic above 1 kHz, 27 mels per factor 6.4', () => {
    expect(hzToMel(6400)).toBeCloseTo(42, 10);
    // 15 + 27 ln(8) / ln(6.4) = 45.2456...
    expect(hzToMel(8000)).toBeCloseTo(45.2456, 4);
    expect(hzToMel(4000) - hzToMel(2000)).toBeCloseTo(hzToMel(2000) - hzToMel(1000), 10);
  });

  it('round-trips', () => {
    for (const hz of [0, 10, 333.3, 999.9, 1000, 1000.1, 2500, 7999, 8000, 22050]) {
      expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 8);
    }
    for (const mel of [0, 3.3, 14.99, 15, 30, 45.2]) expect(hzToMel(melToHz(mel))).toBeCloseTo(mel, 10);
  });
});
