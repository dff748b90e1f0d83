// How many trainings the pool runs at once: the cores less one, the backend, and the memory each needs.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { modelSpecOf, resolveTrainConfig } from '../../../src/core/model/config.js';
import { estimateJobMemory, planPool } from '../../../src/core/model/training/node/pool-size.js';

const GB = 2 ** 30;
const config = resolveTrainConfig();
const spec = modelSpecOf(config, 64, 3, 0);
const base = { trainings: 11, backend: 'wasm' as const, spec, batchSize: 32, availableBytes: 16 * GB };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the pool size', () => {
  it('is the cores less one by default, never more than the trainings, and 1 for a single training', () => {
    expect(planPool({ ...base, cores: 8 }).jobs).toBe(7);
    expect(planPool({ ...base, cores: 2 }).jobs).toBe(1);
    expect(planPool({ ...base, cores: 8, trainings: 4 }).jobs).toBe(4);
    expect(planPool({ ...base, cores: 8, trainings: 1 }).jobs).toBe(1);
    expect(planPool({ ...base, cores: 2, requested: 2 }).jobs).toBe(2);
    expect(planPool({ ...base, cores: 2, requested: 2 }).note).toMatch(
      /^2 trainings at once \(--jobs 2; about \d+ MB each/,
    );
  });

  it('runs one training at a time on native TensorFlow and the GPU unless asked for more', () => {
    expect(planPool({ ...base, cores: 8, backend: 'node-gpu' }).jobs).toBe(1);
    expect(planPool({ ...base, cores: 8, backend: 'node' }).note).toMatch(/uses every core/);
    expect(planPool({ ...base, cores: 8, backend: 'node-gpu', requested: 2 }).jobs).toBe(2);
  });

  it('runs only as many as fit in memory, after the shared feature bank, and says so', () => {
    const { perJobBytes } = estimateJobMemory(spec, 32);
    // The default model at batch 32: a few hundred MB (bench/train-pool-memory.ts measures about 310).
    expect(perJobBytes / 2 ** 20).toBeGreaterThan(200);
    expect(perJobBytes / 2 ** 20).toBeLessThan(700);
    const tight = planPool({ ...base, cores: 8, availableBytes: 3.2 * perJobBytes });
    expect(tight.jobs).toBe(2);
    expect(tight.note).toMatch(/^2 trainings at once, not 7: memory allows 2/);
    const withBank = planPool({
      ...base,
      cores: 8,
      availableBytes: 3.2 * perJobBytes,
      sharedBytes: 1.5 * perJobBytes,
    });
    expect(withBank.jobs).toBe(1);
    // A bigger batch needs more.
    expect(estimateJobMemory(spec, 128).perJobBytes).toBeGreaterThan(perJobBytes);
  });
});
