// The training pool: trainings side by side in worker threads give exactly what they give one at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolProgress } from '../../../src/common/contract.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { modelSpecOf, resolveTrainConfig, type TrainConfig } from '../../../src/core/model/config.js';
import { runExperiment, type ExperimentResult } from '../../../src/core/model/training/node/experiment.js';
import { bankSpec, createFeatureBank } from '../../../src/core/model/feature-bank.js';
import type { LayersModel } from '../../../src/core/model/tf.js';
import { TrainEmitter } from '../../../src/core/model/training/train-events.js';
import {
  runTrainTask,
  type TrainTask,
  type TrainTaskOutcome,
} from '../../../src/core/model/training/train-task.js';
import { runTrainTasks, TrainingPool } from '../../../src/core/model/training/node/train-pool.js';
import { FRAMES, MELS, syntheticPlan, syntheticSet } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
const SPEAKERS = ['s1', 's2', 's3', 's4'];

beforeAll(async () => {
  await selectBackend('wasm');
});

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return resolveTrainConfig({
    labels: LABELS,
    split: 'loso',
    epochs: 2,
    size: 'small',
    cropFrames: FRAMES,
    windowHopFrames: 12,
    featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
    ...overrides,
  });
}

const data = (() => {
  const { bank, items } = syntheticSet(4 * SPEAKERS.length, 3, 5);
  const clips = items.map((it, i) => ({
    id: i + 1,
    file: `clip${i}.wav`,
    speaker: SPEAKERS[Math.floor(i / 12)],
    label: LABELS[it.label],
  }));
  return { bank, items, clips };
})();

async function loso(jobs: number): Promise<{ r: ExperimentResult; pools: PoolProgress[] }> {
  const events = new TrainEmitter();
  const pools: PoolProgress[] = [];
  events.on('progress', (p) => {
    if (p.pool) pools.push(p.pool);
  });
  const r = await runExperiment({
    clips: data.clips,
    bank: data.bank,
    config: config(),
    source: new InlineBatchSource(data.bank),
    backend: 'wasm',
    events,
    jobs,
  });
  return { r, pools };
}

const weightsOf = (m: LayersModel | null) => m?.getWeights().map((w) => Array.from(w.dataSync())) ?? null;
/** Curves without their clips/s, the one thing that depends on the machine's load. */
const curvesOf = (r: ExperimentResult) =>
  r.curves.map((c) => ({ ...c, epochs: c.epochs.map(({ clipsPerS: _, ...e }) => e) }));

describe('the training pool', () => {
  it('gives a loso run with two jobs the same predictions, curves and final model as with one', async () => {
    const one = await loso(1);
    const two = await loso(2);
    try {
      expect(one.pools).toEqual([]);
      expect(two.r.predictions).toEqual(one.r.predictions);
      expect(two.r.predictions.map((p) => p.fold)).toEqual(one.r.predictions.map((p) => p.fold));
      expect(two.r.metrics).toEqual(one.r.metrics);
      expect(curvesOf(two.r)).toEqual(curvesOf(one.r));
      expect(two.r.curves.map((c) => c.fold)).toEqual([0, 1, 2, 3, 'final']);
      expect(two.r.norm).toEqual(one.r.norm);
      expect(weightsOf(two.r.model)).toEqual(weightsOf(one.r.model));
      expect(two.r.cancelled).toBe(false);
      expect(two.r.warnings).toEqual(one.r.warnings);
      // Progress shows the pool: two folds training at once, and the queue emptying.
      expect(two.pools.some((p) => p.running.length === 2)).toBe(true);
      expect(two.pools.every((p) => p.jobs === 2 && p.running.length + p.done + p.queued <= 5)).toBe(true);
      expect(Math.min(...two.pools.map((p) => p.queued))).toBe(0);
    } finally {
      one.r.model?.dispose();
      two.r.model?.dispose();
    }
  }, 120_000);

  it('trains a fold in a worker to the same weights and predictions as the same fold trained alone, list after list', async () => {
    const cfg = config({ epochs: 3 });
    const { bank, items } = data;
    const job = (k: number): TrainTask => {
      const train = items.filter((_, i) => i % 4 !== k);
      const test = items.filter((_, i) => i % 4 === k).map((it) => it.clip);
      return {
        spec: modelSpecOf(cfg, MELS, 3, 100 + k),
        settings: {
          epochs: cfg.epochs,
          batchSize: 8,
          learningRate: cfg.learningRate,
          schedule: cfg.schedule,
          patience: 0,
          labelSmoothing: 0,
          seed: 200 + k,
        },
        train,
        windows: { frames: FRAMES, hop: 12 },
        plan: syntheticPlan(
          train.map((it) => bankSpec(bank, it.clip)),
          3,
          true,
        ),
        test,
        keepModel: true,
      };
    };
    const alone = await runTrainTask(job(2), bank, new InlineBatchSource(bank), undefined);
    // A second bank: the first 24 clips only, as a recipe search on a subset of the clips would make.
    const sub = createFeatureBank(items.slice(0, 24).map((it) => bankSpec(bank, it.clip)));
    const subJob = { ...job(1), train: items.slice(0, 18), test: [18, 19, 20, 21, 22, 23] };
    const subAlone = await runTrainTask(subJob, sub, new InlineBatchSource(sub), undefined);
    // One pool, started once, runs both lists.
    const pool = await TrainingPool.start(2, { backend: 'wasm', batches: 'inline' });
    const pooled: Array<TrainTaskOutcome | null> = [];
    try {
      pooled.push(...(await pool.run([job(0), job(1), job(2)], bank)));
      pooled.push(...(await pool.run([subJob], sub)));
      const third = pooled[2];
      expect(third).not.toBeNull();
      expect(third!.cancelled).toBe(false);
      expect(third!.probs.map((p) => Array.from(p))).toEqual(alone.probs.map((p) => Array.from(p)));
      expect(weightsOf(third!.model)).toEqual(weightsOf(alone.model));
      expect(third!.history.map((e) => e.loss)).toEqual(alone.history.map((e) => e.loss));
      expect(pooled[3]!.probs.map((p) => Array.from(p))).toEqual(subAlone.probs.map((p) => Array.from(p)));
      expect(weightsOf(pooled[3]!.model)).toEqual(weightsOf(subAlone.model));
    } finally {
      await pool.close();
      alone.model?.dispose();
      subAlone.model?.dispose();
      for (const o of pooled) o?.model?.dispose();
    }
  }, 120_000);

  it('stops every running training on cancel, keeps what finished, and starts no queued one', async () => {
    const cfg = config();
    const { bank, items } = data;
    const job = (epochs: number, k: number, clips = items.length): TrainTask => ({
      spec: modelSpecOf(cfg, MELS, 3, k),
      settings: {
        epochs,
        batchSize: 8,
        learningRate: cfg.learningRate,
        schedule: cfg.schedule,
        patience: 0,
        labelSmoothing: 0,
        seed: k,
      },
      train: items.slice(0, clips),
      windows: { frames: FRAMES, hop: 12 },
      plan: syntheticPlan(
        items.map((it) => bankSpec(bank, it.clip)),
        3,
      ),
      test: [0, 1, 2],
      keepModel: false,
    });
    const abort = new AbortController();
    const started: number[] = [];
    // The pool starts the longest first: the 200-epoch one and the 1-epoch one, then the two smaller ones.
    const outcomes = await runTrainTasks([job(200, 0), job(1, 1), job(1, 2, 24), job(1, 3, 24)], {
      bank,
      jobs: 2,
      backend: 'wasm',
      source: new InlineBatchSource(bank),
      signal: abort.signal,
      onStart: (k) => started.push(k),
      onDone: () => abort.abort(),
    });
    try {
      expect(started).toEqual([0, 1]);
      expect(outcomes[1]?.cancelled).toBe(false);
      expect(outcomes[1]?.probs).toHaveLength(3);
      expect(outcomes[1]?.model).toBeNull();
      // The long one running beside it stops early, and hands back its model for a cancelled run to keep.
      expect(outcomes[0]?.cancelled).toBe(true);
      expect(outcomes[0]!.history.length).toBeLessThan(200);
      expect(outcomes[0]?.model).not.toBeNull();
      expect(outcomes.slice(2)).toEqual([null, null]);
    } finally {
      for (const o of outcomes) o?.model?.dispose();
    }
  }, 120_000);
});
