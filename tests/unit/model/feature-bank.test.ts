import { describe, expect, it } from 'vitest';
import { FeatureBankBuilder, bankSpec, createFeatureBank } from '../../../src/core/model/feature-bank.js';

const spec = (frames: number, start: number) => ({
  frames,
  bins: 3,
  data: Float32Array.from({ length: frames * 3 }, (_, i) => start + i),
});

describe('feature bank', () => {
  it('holds every clip once, in one shared block, and gives views back', () => {
    const bank = createFeatureBank([spec(2, 0), spec(3, 100), spec(1, 1000)]);
    expect(bank.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bank.data.length).toBe(6 * 3);
    expect(Array.from(bank.frames)).toEqual([2, 3, 1]);
    const second = bankSpec(bank, 1);
    expect(second.frames).toBe(3);
    expect(Array.from(second.data)).toEqual(Array.from(spec(3, 100).data));
    expect(second.data.buffer).toBe(bank.data.buffer);
  });

  it('grows past an underestimated capacity without losing data', () => {
    const b = new FeatureBankBuilder(3, 1, { shared: false });
    for (let i = 0; i < 5; i++) b.add(spec(4, i * 100));
    const bank = b.build();
    for (let i = 0; i < 5; i++)
      expect(Array.from(bankSpec(bank, i).data)).toEqual(Array.from(spec(4, i * 100).data));
  });

  it('refuses a clip with another number of bins', () => {
    const b = new FeatureBankBuilder(3, 10);
    expect(() => b.add({ frames: 1, bins: 4, data: new Float32Array(4) })).toThrow(/4 bins/);
  });
});
