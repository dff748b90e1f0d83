import { describe, expect, it } from 'vitest';
import { concat, RingBuffer } from '../../../src/renderer/lib/audio/buffers.js';

describe('microphone buffers', () => {
  it('concatenates recorded blocks in order', () => {
    expect([...concat([new Float32Array([1, 2]), new Float32Array([]), new Float32Array([3])])]).toEqual([
      1, 2, 3,
    ]);
  });

  it('keeps the last N samples, oldest first, across wrap-arounds', () => {
    const ring = new RingBuffer(5);
    ring.push(new Float32Array([1, 2, 3]));
    expect(ring.size).toBe(3);
    expect([...ring.snapshot()]).toEqual([1, 2, 3]);
    ring.push(new Float32Array([4, 5, 6, 7]));
    expect(ring.size).toBe(5);
    expect([...ring.snapshot()]).toEqual([3, 4, 5, 6, 7]);
    ring.push(new Float32Array([8, 9, 10, 11, 12, 13]));
    expect([...ring.snapshot()]).toEqual([9, 10, 11, 12, 13]);
  });
});
