import { describe, expect, it } from 'vitest';
import { cachedBy } from '../../../src/core/util/cached.js';

describe('cachedBy', () => {
  it('builds once per key and hands back the same value', () => {
    let built = 0;
    const table = cachedBy(
      (n: number, m: number) => `${n}|${m}`,
      (n: number, m: number) => {
        built++;
        return new Float64Array(n * m);
      },
    );
    const a = table(2, 3);
    expect(table(2, 3)).toBe(a);
    expect(table(3, 2)).not.toBe(a);
    expect(a).toHaveLength(6);
    expect(built).toBe(2);
  });

  it('builds nothing for a call that throws, so the next call tries again', () => {
    let calls = 0;
    const checked = cachedBy(
      (n: number) => String(n),
      (n: number) => {
        calls++;
        if (calls === 1) throw new RangeError(`bad ${n}`);
        return n * 2;
      },
    );
    expect(() => checked(4)).toThrow('bad 4');
    expect(checked(4)).toBe(8);
  });
});
