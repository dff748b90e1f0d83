import { describe, expect, it } from 'vitest';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { bankSpec } from '../../../src/core/model/feature-bank.js';
import {
  WorkerBatchSource,
  createBatchSource,
} from '../../../src/core/model/training/node/worker-batch-source.js';
import { syntheticPlan, syntheticSet } from './synthetic.js';

describe('batch worker', () => {
  it('makes the very same batches as the main thread, from the shared feature bank', async () => {
    const { bank, items } = syntheticSet(5, 3, 4);
    const plan = {
      ...syntheticPlan(
        items.map((i) => bankSpec(bank, i.clip)),
        3,
        true,
      ),
      mixupAlpha: 0.3,
    };
    const { source, note } = await createBatchSource(bank, 'worker');
    expect(note).toBeUndefined();
    expect(source).toBeInstanceOf(WorkerBatchSource);
    const inline = new InlineBatchSource(bank);
    source.setPlan(plan);
    inline.setPlan(plan);
    try {
      // Two requests in flight at once, as the double-buffered loop makes them.
      const [a, b] = await Promise.all([
        source.prepare(items.slice(0, 8), 1),
        source.prepare(items.slice(8), 2),
      ]);
      const [c, d] = await Promise.all([
        inline.prepare(items.slice(0, 8), 1),
        inline.prepare(items.slice(8), 2),
      ]);
      expect(Array.from(a.x)).toEqual(Array.from(c.x));
      expect(Array.from(a.y)).toEqual(Array.from(c.y));
      expect(Array.from(b.x)).toEqual(Array.from(d.x));
      expect(Array.from(b.w)).toEqual(Array.from(d.w));
    } finally {
      await source.close();
    }
  });

  it('reports a batch error instead of hanging', async () => {
    const { bank } = syntheticSet(2, 3, 4);
    const { source } = await createBatchSource(bank, 'worker');
    try {
      await expect(source.prepare([{ clip: 0, label: 0 }], 1)).rejects.toThrow(/no batch plan/);
    } finally {
      await source.close();
    }
  });
});
