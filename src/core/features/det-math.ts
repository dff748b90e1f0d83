// Elementary functions built from +, -, *, / and bit operations only, which IEEE 754 fixes exactly, so every JS
// engine returns the same bits. Math.cos/log/exp are not specified that tightly and do differ: Node 20's V8 and
// Chromium 156 disagree in the last bit for a few percent of arguments, which flipped float32 MFCC values between
// the CLI and the renderer. Features must be identical wherever they are computed, so the feature path uses these.
// Accuracy is within a few ulp, far inside what the librosa comparison needs.

const LN2_HI = 0.6931471803691238; // ln 2 to 32 mantissa bits, so e * LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10; // ln 2 - LN2_HI
const INV_LN2 = 1.4426950408889634;
const INV_LN10 = 0.4342944819032518;
const SQRT1_2 = 0.7071067811865476;
const PI_4 = 0.7853981633974483;

// 1/k for the atanh series; division is exact-rounded, so these constants are the same everywhere.
const C3 = 1 / 3;
const C5 = 1 / 5;
const C7 = 1 / 7;
const C9 = 1 / 9;
const C11 = 1 / 11;
const C13 = 1 / 13;
const C15 = 1 / 15;
const C17 = 1 / 17;
const C19 = 1 / 19;
const C21 = 1 / 21;
const C23 = 1 / 23;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the word holding sign, exponent and top mantissa bits (1 on little-endian machines).
const HI = (() => {
  f64[0] = 1;
  return u32[1] === 0x3ff00000 ? 1 : 0;
})();

/** 2^k for integer k in the normal range, built from its bits. */
function pow2(k: number): number {
  f64[0] = 0;
  u32[HI] = (k + 1023) << 20;
  return f64[0];
}

/** Natural logarithm for x > 0 (x <= 0 gives -Infinity or NaN like Math.log). */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    x *= 18014398509481984; // 2^54
    e = -54;
  }
  f64[0] = x;
  const hi = u32[HI];
  e += ((hi >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hi & 0x000fffff) | 0x3ff00000; // mantissa m in [1, 2)
  let m = f64[0];
  if (m > 2 * SQRT1_2) {
    m *= 0.5;
    e += 1;
  }
  // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1), |s| <= 0.1716, s^2 <= 0.0295: twelve
  // terms reach double precision. Horner form, no division in the hot path (this runs for every dB value).
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const p =
    1 +
    z *
      (C3 +
        z *
          (C5 +
            z *
              (C7 +
                z * (C9 + z * (C11 + z * (C13 + z * (C15 + z * (C17 + z * (C19 + z * (C21 + z * C23))))))))));
  return e * LN2_HI + (e * LN2_LO + 2 * s * p);
}

export function detLog10(x: number): number {
  return detLog(x) * INV_LN10;
}

export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| <= ln2/2
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= 18; i++) {
    term *= r / i;
    sum += term;
  }
  // Split the scaling so 2^k stays a normal number at both ends of the range.
  if (k > 1023) return sum * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return sum * pow2(k + 1022) * pow2(-1022);
  return sum * pow2(k);
}

/** Taylor series on |r| <= pi/4 (error below 1e-20 by the x^22 term). */
function cosKernel(r: number): number {
  const r2 = r * r;
  let term = 1;
  let sum = 1;
  for (let i = 2; i <= 22; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

function sinKernel(r: number): number {
  const r2 = r * r;
  let term = r;
  let sum = r;
  for (let i = 3; i <= 23; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

/**
 * cos(2*pi*num/den) and sin(2*pi*num/den) for integers num, den > 0: the reduction to an eighth of a turn is
 * exact integer arithmetic, so table entries (window, DCT, FFT twiddles) are accurate and engine-independent.
 */
export function detCosSinTurns(num: number, den: number): [number, number] {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0) {
    throw new RangeError(`detCosSinTurns needs integers, den > 0: ${num}/${den}`);
  }
  // Work in eighths of a turn: position p = 8*num/den, reduced mod 8.
  const n8 = (((8 * num) % (8 * den)) + 8 * den) % (8 * den); // in [0, 8*den)
  const octant = Math.floor(n8 / den);
  const rem = n8 - octant * den; // in [0, den)
  // Angle inside the octant, folded to [0, pi/4].
  const a = (rem / den) * PI_4;
  const b = ((den - rem) / den) * PI_4;
  switch (octant) {
    case 0:
      return [cosKernel(a), sinKernel(a)];
    case 1:
      return [sinKernel(b), cosKernel(b)];
    case 2:
      return [-sinKernel(a), cosKernel(a)];
    case 3:
      return [-cosKernel(b), sinKernel(b)];
    case 4:
      return [-cosKernel(a), -sinKernel(a)];
    case 5:
      return [-sinKernel(b), -cosKernel(b)];
    case 6:
      return [sinKernel(a), -cosKernel(a)];
    default:
      return [cosKernel(b), -sinKernel(b)];
  }
}

export function detCosTurns(num: number, den: number): number {
  return detCosSinTurns(num, den)[0];
}
