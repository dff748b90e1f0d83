// Seeded randomness for everything that must repeat exactly from a seed (augmentation, shuffling, weight init).
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes PractRand and BigCrush, is 32-bit-integer only
// (so identical in every JS engine), and is seeded through splitmix32 so that nearby seeds give unrelated streams.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** Standard normal (mean 0, variance 1). */
  normal(): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(arr: T[]): T[];
}

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  // Non-integer or huge seeds still map deterministically to 32 bits.
  const seeder = splitmix32(Math.floor(seed) % TWO_POW_32);
  let a = seeder() | 0;
  let b = seeder() | 0;
  let c = seeder() | 0;
  let d = 1;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up, as the generator's author recommends, so the first outputs do not echo the seed.
  for (let i = 0; i < 12; i++) nextUint32();

  let spareNormal: number | null = null;

  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    int(maxExclusive: number): number {
      if (!(maxExclusive >= 1))
        throw new RangeError(`int(maxExclusive) needs maxExclusive >= 1, got ${maxExclusive}`);
      return Math.floor(next() * Math.floor(maxExclusive));
    },
    normal(): number {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      // Box–Muller; 1 - next() lies in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    uniform(lo: number, hi: number): number {
      return lo + (hi - lo) * next();
    },
    shuffle<T>(arr: T[]): T[] {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = arr[i];
        arr[i] = arr[j];
        arr[j] = tmp;
      }
      return arr;
    },
  };
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the boost Gamma(k) = Gamma(k+1)·U^(1/k). */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
