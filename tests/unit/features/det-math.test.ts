import { describe, expect, it } from 'vitest';
import {
  detCosSinTurns,
  detCosTurns,
  detExp,
  detLog,
  detLog10,
} from '../../../src/core/features/det-math.js';

/** Relative error in units of double epsilon. */
const ulps = (got: number, want: number): number =>
  Math.abs(got - want) / (Math.abs(want) * Number.EPSILON || Number.MIN_VALUE);

describe('det-math (engine-independent elementary functions)', () => {
  it('log agrees with Math.log to a few ulp over the whole range', () => {
    let worst = 0;
    for (let e = -1070; e <= 1020; e += 7) {
      for (const m of [1, 1.1, 1.3333, 1.41421, 1.5, 1.9999]) {
        const x = m * Math.pow(2, e);
        const want = Math.log(x);
        if (Math.abs(want) > 1e-3) worst = Math.max(worst, ulps(detLog(x), want));
      }
    }
    expect(worst).toBeLessThan(4);
    expect(ulps(detLog(1 + 1e-9), Math.log(1 + 1e-9))).toBeLessThan(4);
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detLog(Infinity)).toBe(Infinity);
  });

  it('log10 and exp agree with Math to a few ulp', () => {
    for (const x of [1e-10, 3.7e-5, 0.5, 1, 2, 10, 1234.5, 1e30]) {
      if (x !== 1) expect(ulps(detLog10(x), Math.log10(x))).toBeLessThan(6);
    }
    expect(detLog10(1e-10)).toBeCloseTo(-10, 14);
    for (const x of [-700, -20, -1, -1e-5, 0, 1e-5, 0.3466, 1, 2.5, 50, 700]) {
      expect(ulps(detExp(x), Math.exp(x))).toBeLessThan(4);
    }
    expect(detExp(0)).toBe(1);
    expect(detExp(800)).toBe(Infinity);
    expect(detExp(-800)).toBe(0);
    expect(detExp(-740)).toBeGreaterThan(0);
  });

  it('cos/sin of rational turns agree with Math and hit the exact values', () => {
    for (const den of [7, 8, 12, 400, 512, 256]) {
      for (let num = -den; num <= 2 * den; num++) {
        const [c, s] = detCosSinTurns(num, den);
        const angle = (2 * Math.PI * num) / den;
        // Math's side carries the rounding of 2*pi*num/den itself (up to an ulp of 4*pi).
        expect(Math.abs(c - Math.cos(angle))).toBeLessThan(4e-15);
        expect(Math.abs(s - Math.sin(angle))).toBeLessThan(4e-15);
      }
    }
    // Quarter turns are exact (+ 0 folds -0 into 0).
    const exact = (num: number, den: number): number[] => detCosSinTurns(num, den).map((v) => v + 0);
    expect(exact(0, 512)).toEqual([1, 0]);
    expect(exact(128, 512)).toEqual([0, 1]);
    expect(exact(256, 512)).toEqual([-1, 0]);
    expect(exact(-128, 512)).toEqual([0, -1]);
    expect(detCosTurns(1, 8)).toBe(detCosSinTurns(1, 8)[1]); // cos 45° = sin 45°, bit for bit
    expect(() => detCosSinTurns(0.5, 8)).toThrow(RangeError);
  });
});
