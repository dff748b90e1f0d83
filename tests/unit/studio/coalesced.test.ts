import { describe, expect, it } from 'vitest';
import { Coalesced } from '../../../src/core/studio/coalesced.js';

describe('a coalesced computation', () => {
  it('runs once at a time: callers during a run share one next run, started after it', async () => {
    let runs = 0;
    const finish: Array<() => void> = [];
    const work = new Coalesced(
      () =>
        new Promise<number>((resolve) => {
          const n = ++runs;
          finish.push(() => resolve(n));
        }),
    );
    const first = work.run();
    const second = work.run();
    const third = work.run();
    expect(runs).toBe(1);
    finish[0]();
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    finish[1]();
    expect([await second, await third]).toEqual([2, 2]);
    // Idle again: the next caller starts a run of its own.
    const fourth = work.run();
    expect(runs).toBe(3);
    finish[2]();
    expect(await fourth).toBe(3);
  });

  it('a failed run does not stop the next one', async () => {
    let runs = 0;
    const work = new Coalesced(async () => {
      runs++;
      if (runs === 1) throw new Error('first fails');
      return runs;
    });
    const first = work.run();
    const second = work.run();
    await expect(first).rejects.toThrow('first fails');
    expect(await second).toBe(2);
  });
});
