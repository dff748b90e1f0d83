import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { bankSpec, type FeatureBank } from '../../../src/core/model/feature-bank.js';
import { DEFAULT_COSINE } from '../../../src/core/model/training/schedules.js';
import { buildModel, STATS_BRANCH_LAYERS } from '../../../src/core/model/cnn.js';
import { tf, type SymbolicTensor } from '../../../src/core/model/tf.js';
import type { BatchItem } from '../../../src/core/model/training/train-batch.js';
import { batchSlices, trainLoop, type TrainLoopInput } from '../../../src/core/model/training/train-loop.js';
import { predictBankClips } from '../../../src/core/model/inference/window-predictions.js';
import { clipScores } from '../../../src/core/model/training/validation-scores.js';
import { FRAMES, MELS, syntheticPlan, syntheticSet } from './synthetic.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

function setup(
  overrides: Partial<TrainLoopInput['settings']> = {},
  valLabels?: (items: BatchItem[]) => number[],
): TrainLoopInput {
  // One bank, as in a real run: the first 48 clips train, the last 18 validate.
  const { bank, items } = syntheticSet(22, 3, 1);
  const train = items.slice(0, 48);
  const val = items.slice(48);
  const plan = syntheticPlan(
    train.map((i) => bankSpec(bank, i.clip)),
    3,
    true,
  );
  return {
    spec: { frames: FRAMES, mels: MELS, classes: 3, head: 'gap', size: 'small', dropout: 0.2, seed: 1 },
    settings: {
      epochs: 8,
      batchSize: 16,
      learningRate: 5e-3,
      schedule: DEFAULT_COSINE,
      patience: 0,
      labelSmoothing: 0.05,
      seed: 1,
      ...overrides,
    },
    bank,
    train,
    val: { clips: val.map((i) => i.clip), labels: valLabels ? valLabels(val) : val.map((i) => i.label) },
    windows: { frames: FRAMES, hop: 12 },
    plan,
    source: new InlineBatchSource(bank as FeatureBank),
  };
}

describe('the training loop', () => {
  it('learns a separable synthetic task well above chance on unseen clips, without leaking tensors across epochs', async () => {
    const counts: number[] = [];
    const input = setup();
    const before = tf.memory().numTensors;
    const r = await trainLoop({ ...input, onEpoch: () => counts.push(tf.memory().numTensors) });
    expect(r.history.length).toBe(8);
    expect(r.history[7].valMacroF1).toBeGreaterThan(0.8);
    expect(r.history[7].loss).toBeLessThan(r.history[0].loss);
    // The optimiser's slots appear in the first epoch; after that the count must stay flat.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[counts.length - 1]).toBe(counts[0]);
    r.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains an ensemble: every member learns on its own, and their average scores well above chance', async () => {
    const input = setup({ epochs: 6 });
    const r = await trainLoop({ ...input, spec: { ...input.spec, members: 2 } });
    expect(r.history[5].valMacroF1).toBeGreaterThan(0.8);
    expect(r.history[5].loss).toBeLessThan(r.history[0].loss);
    const val = input.val!;
    for (const member of ['m1', 'm2']) {
      const alone = tf.model({
        inputs: r.model.inputs,
        outputs: r.model.getLayer(`${member}_probs`).output as SymbolicTensor,
      });
      const probs = predictBankClips(alone, input.bank, val.clips, input.windows, input.plan.norm, 3);
      expect(clipScores(probs, val.labels, 3).macroF1).toBeGreaterThan(0.7);
    }
    r.model.dispose();
  });

  it('repeats exactly from the same seed', async () => {
    const a = await trainLoop(setup({ epochs: 3 }));
    const b = await trainLoop(setup({ epochs: 3 }));
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(b.history.map((h) => h.valLoss)).toEqual(a.history.map((h) => h.valLoss));
    a.model.dispose();
    b.model.dispose();
  });

  it('stops early when validation stops improving and keeps the best epoch', async () => {
    // Validation labels that have nothing to do with the clips: no lasting improvement to find.
    const input = setup({ epochs: 30, patience: 2 }, (items) => items.map((_, i) => (i * 7) % 3));
    const r = await trainLoop(input);
    expect(r.stoppedEarly).toBe(true);
    expect(r.history.length).toBeLessThan(30);
    expect(r.history.length - 1 - r.bestEpoch).toBe(2);
    const best = r.history[r.bestEpoch];
    for (const h of r.history)
      expect(h.valLoss ?? Infinity).toBeGreaterThanOrEqual((best.valLoss ?? 0) - 1e-12);
    // The returned model is the best epoch's, not the last one's.
    const val = input.val!;
    const again = clipScores(
      predictBankClips(r.model, input.bank, val.clips, input.windows, input.plan.norm, 3),
      val.labels,
      3,
    );
    expect(again.loss).toBeCloseTo(best.valLoss ?? NaN, 5);
    r.model.dispose();
  });

  it('on cancel, stops after the current batch and keeps the best model so far', async () => {
    const controller = new AbortController();
    const input = setup({ epochs: 10, patience: 10 });
    const batchesPerEpoch = batchSlices(input.train.length, input.settings.batchSize).length;
    let batches = 0;
    const r = await trainLoop({
      ...input,
      signal: controller.signal,
      onBatch: () => {
        if (++batches === batchesPerEpoch * 3 + 1) controller.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(batches).toBe(batchesPerEpoch * 3 + 1);
    // Three full epochs were validated; the partial fourth is recorded but not validated.
    expect(r.history.length).toBe(4);
    expect(r.history[3].valLoss).toBeNull();
    const validated = r.history.slice(0, 3);
    const bestLoss = Math.min(...validated.map((h) => h.valLoss ?? Infinity));
    expect(r.history[r.bestEpoch].valLoss).toBe(bestLoss);
    const val = input.val!;
    const again = clipScores(
      predictBankClips(r.model, input.bank, val.clips, input.windows, input.plan.norm, 3),
      val.labels,
      3,
    );
    expect(again.loss).toBeCloseTo(r.history[r.bestEpoch].valLoss ?? NaN, 5);
    r.model.dispose();
  });

  it('moves the statistics branch and the classifier at the rate scale, the conv layers at the base rate', async () => {
    const base = setup({ epochs: 4, learningRate: 1e-3, fastLayers: STATS_BRANCH_LAYERS, fastRateScale: 10 });
    const input: TrainLoopInput = {
      ...base,
      spec: { ...base.spec, head: 'stats', inputStats: true },
      // No warm-up: the first step runs at the base rate.
      settings: { ...base.settings, schedule: { kind: 'cosine', warmupEpochs: 0, finalFraction: 1 } },
      val: undefined,
    };
    const before = buildModel(input.spec);
    const controller = new AbortController();
    const r = await trainLoop({ ...input, signal: controller.signal, onBatch: () => controller.abort() });
    // Adam's first step moves each weight by about the rate, whatever its gradient's size.
    const largestStep = (layer: string): number => {
      const a = before.getLayer(layer).getWeights()[0].dataSync();
      const b = r.model.getLayer(layer).getWeights()[0].dataSync();
      return Math.max(...Array.from(a, (v, i) => Math.abs(b[i] - v)));
    };
    for (const layer of ['conv1', 'conv2', 'step_dense']) expect(largestStep(layer)).toBeCloseTo(1e-3, 4);
    for (const layer of STATS_BRANCH_LAYERS.filter((l) => l !== 'input_stats_bn'))
      expect(largestStep(layer)).toBeCloseTo(1e-2, 3);
    before.dispose();
    r.model.dispose();
  });

  it('splits an epoch into nearly equal batches', () => {
    expect(batchSlices(10, 4)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(batchSlices(3, 32)).toEqual([[0, 3]]);
  });
});
