// The instance step (by default 'peak': each clip measured against its own loudest value) must reach the
// batches a training learns from, not only the windows it is scored over: a quieter recording of the same
// clip is the same training example. Checked on makeTrainBatch and on the batches a whole run asks for.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Spectrogram } from '../../../src/core/features/index.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { InlineBatchSource, type BatchSource } from '../../../src/core/model/training/batch-source.js';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/model/config.js';
import { createFeatureBank, type FeatureBank } from '../../../src/core/model/feature-bank.js';
import { fitInputNorm, type InstanceMode } from '../../../src/core/model/input-norm.js';
import { runRecipe } from '../../../src/core/model/recipe/node/run-recipe.js';
import {
  makeTrainBatch,
  type BatchItem,
  type TrainBatch,
  type TrainBatchPlan,
} from '../../../src/core/model/training/train-batch.js';
import { FRAMES, MELS, syntheticClip, syntheticPlan } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
/** How much quieter the copy is, in dB (the log-mel shifts down by this much everywhere). */
const QUIETER_DB = 20;

beforeAll(async () => {
  await selectBackend('wasm');
});

function quieter(spec: Spectrogram, db = QUIETER_DB): Spectrogram {
  return { ...spec, data: spec.data.map((v) => v - db) };
}

/** The largest difference between two model inputs. */
function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('makeTrainBatch and the instance step', () => {
  // Clips exactly one crop long, so the crop is the whole clip whatever the seed.
  const loud = syntheticClip(1, 41, FRAMES);
  const bank = createFeatureBank([loud, quieter(loud)]);
  const planFor = (instance: InstanceMode): TrainBatchPlan => ({
    ...syntheticPlan([loud, quieter(loud)], 3),
    norm: fitInputNorm([loud, quieter(loud)], instance, { trimDb: 0, topDb: 80 }),
  });
  const one = (clip: number, plan: TrainBatchPlan): Float32Array =>
    makeTrainBatch(bank, [{ clip, label: 1 }], 5, plan).x;

  it("with 'peak', a copy 20 dB quieter gives the same batch input", () => {
    const plan = planFor('peak');
    expect(maxDiff(one(0, plan), one(1, plan))).toBeLessThan(1e-4);
  });

  it("with 'none', the level is part of the input (the check above can tell the two apart)", () => {
    const plan = planFor('none');
    // Both clips are in the norm's statistics: 20 dB is about one of its standard deviations here.
    expect(maxDiff(one(0, plan), one(1, plan))).toBeGreaterThan(0.5);
  });
});

/** Records the plan of every training and each clip's rows in the batches it was asked for. */
class RecordingSource implements BatchSource {
  readonly kind = 'inline';
  readonly plans: TrainBatchPlan[] = [];
  readonly rows = new Map<number, Float32Array[]>();
  private readonly inner: InlineBatchSource;

  constructor(private readonly bank: FeatureBank) {
    this.inner = new InlineBatchSource(bank);
  }

  setPlan(plan: TrainBatchPlan): void {
    this.plans.push(plan);
    this.inner.setPlan(plan);
  }

  async prepare(items: readonly BatchItem[], seed: number): Promise<TrainBatch> {
    const batch = await this.inner.prepare(items, seed);
    const stride = batch.x.length / batch.size;
    items.forEach((item, i) => {
      const list = this.rows.get(item.clip) ?? [];
      list.push(batch.x.slice(i * stride, (i + 1) * stride));
      this.rows.set(item.clip, list);
    });
    return batch;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Two speakers with six clips of each emotion; every clip of the second half is a copy of one of the first
 * half, QUIETER_DB quieter, by the same speaker. Clips are one crop long, augmentation and mixup are off: a
 * clip's batch row depends only on the clip and the training's normalisation.
 */
async function recordRun(
  overrides: Partial<TrainConfig>,
): Promise<{ source: RecordingSource; half: number }> {
  const originals: Spectrogram[] = [];
  const clips: Array<{ id: number; file: string; speaker: string; label: string }> = [];
  const speakers = ['s1', 's2'];
  for (let i = 0; i < 18 * speakers.length; i++) originals.push(syntheticClip(i % 3, 900 + i, FRAMES));
  const half = originals.length;
  const specs = [...originals, ...originals.map((s) => quieter(s))];
  specs.forEach((_, i) => {
    const k = i % half;
    clips.push({
      id: i + 1,
      file: `clip${i}.wav`,
      speaker: speakers[Math.floor(k / 18)],
      label: LABELS[k % 3],
    });
  });
  const config = resolveTrainConfig({
    labels: LABELS,
    split: 'loso',
    epochs: 1,
    size: 'small',
    cropFrames: FRAMES,
    windowHopFrames: 12,
    augment: [],
    mixupAlpha: 0,
    featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
    ...overrides,
  });
  expect(config.instanceNorm).toBe('peak');
  let source: RecordingSource | null = null;
  const r = await runRecipe({
    clips,
    bank: createFeatureBank(specs),
    config,
    sourceFor: async (b) => (source = new RecordingSource(b)),
    backend: 'wasm',
    skipFinal: true,
  });
  r.experiment.model?.dispose();
  expect(source).not.toBeNull();
  return { source: source!, half };
}

/** Every row a clip was given equals every row its quieter copy was given. */
function expectCopiesAlike(source: RecordingSource, half: number): void {
  let compared = 0;
  for (let k = 0; k < half; k++) {
    const a = source.rows.get(k) ?? [];
    const b = source.rows.get(k + half) ?? [];
    for (const x of a)
      for (const y of b) {
        expect(maxDiff(x, y), `clip ${k} and its quieter copy`).toBeLessThan(1e-3);
        compared++;
      }
  }
  // Both folds trained on one speaker's 36 clips, each seen once in the single epoch.
  expect(compared).toBeGreaterThanOrEqual(half);
}

describe('the batches a training run learns from', () => {
  it("are made with the config's instance step ('peak'): a quieter copy of a clip is the same example", async () => {
    const { source, half } = await recordRun({ speakerNorm: 'none' });
    expect(source.plans.length).toBe(2);
    for (const plan of source.plans) expect(plan.norm.instance).toBe('peak');
    expectCopiesAlike(source, half);
  }, 120_000);

  it('with per-speaker standardisation, still measure each clip against its own peak first', async () => {
    const { source, half } = await recordRun({ speakerNorm: 'mean' });
    expect(source.plans.length).toBe(2);
    expectCopiesAlike(source, half);
  }, 120_000);
});
