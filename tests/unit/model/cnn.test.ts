import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { buildModel, logitsView, SIZE_PRESETS } from '../../../src/core/model/cnn.js';
import { TimeStatsPooling } from '../../../src/core/model/layers/time-stats-pooling.js';
import { SpecMask } from '../../../src/core/model/layers/spec-mask.js';
import { mfcc } from '../../../src/core/features/index.js';
import { tf, type Tensor } from '../../../src/core/model/tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the CNN', () => {
  it.each([
    ['gap', false],
    ['attention', false],
    ['stats', false],
    ['stats', true],
  ] as const)(
    '%s head, input stats %s: [batch, frames, mels, 1] in, a softmax over the classes out',
    (head, inputStats) => {
      const model = buildModel({
        frames: 50,
        mels: 16,
        classes: 4,
        head,
        size: 'small',
        dropout: 0.3,
        seed: 1,
        inputStats,
      });
      const y = tf.tidy(() => model.predict(tf.randomNormal([3, 50, 16, 1], 0, 1, 'float32', 1)) as Tensor);
      expect(y.shape).toEqual([3, 4]);
      const rows = y.arraySync() as number[][];
      for (const r of rows) expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      y.dispose();
      expect(model.layers.some((l) => l.getClassName() === 'AttentionPooling')).toBe(head === 'attention');
      expect(model.layers.some((l) => l.name === 'input_stats')).toBe(inputStats);
      model.dispose();
    },
  );

  it('grows with the size preset', () => {
    const params = (['small', 'default', 'large'] as const).map((size) => {
      const m = buildModel({ frames: 40, mels: 16, classes: 3, head: 'gap', size, dropout: 0.3, seed: 0 });
      const n = m.countParams();
      m.dispose();
      return n;
    });
    expect(params[0]).toBeLessThan(params[1]);
    expect(params[1]).toBeLessThan(params[2]);
    expect(SIZE_PRESETS.default.filters.length).toBe(4);
  });

  it("'reference' is the original design's CNN: 16-32-64-128 filters, three poolings, PyTorch's initial weights", () => {
    const m = buildModel({
      frames: 301,
      mels: 64,
      classes: 3,
      head: 'gap',
      size: 'reference',
      dropout: 0.3,
      seed: 2,
    });
    const convs = m.layers.filter((l) => /^conv\d$/.test(l.name));
    expect(convs.map((l) => (l.getConfig() as { filters: number }).filters)).toEqual([16, 32, 64, 128]);
    expect(m.layers.filter((l) => /^pool\d$/.test(l.name)).map((l) => l.name)).toEqual([
      'pool1',
      'pool2',
      'pool3',
    ]);
    // global average pooling over what the three poolings left: 301 -> 37 frames, 64 -> 8 bands
    const gap = m.layers.find((l) => l.name === 'gap')!;
    expect((gap.input as { shape: number[] }).shape).toEqual([null, 37, 8, 128]);
    expect(
      m.layers
        .filter((l) => /^bn\d$/.test(l.name))
        .every((l) => (l.getConfig() as { epsilon: number }).epsilon === 1e-5),
    ).toBe(true);
    // every kernel uniform within ±1/sqrt(fan-in), as PyTorch starts a Conv2d and a Linear
    for (const l of [...convs, m.getLayer('dense'), m.getLayer('logits')]) {
      const w = l.getWeights()[0];
      const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const values = w.dataSync();
      const limit = 1 / Math.sqrt(fanIn);
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    }
    m.dispose();
  });

  it('starts from the same weights for the same seed, and different ones for another seed', () => {
    const weights = (seed: number) => {
      const m = buildModel({
        frames: 30,
        mels: 16,
        classes: 3,
        head: 'attention',
        size: 'small',
        dropout: 0.3,
        seed,
      });
      const w = m.getWeights().map((t) => Array.from(t.dataSync()));
      m.dispose();
      return w;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  it("statistics pooling gives each feature's mean and std over time, and those of its step-to-step change", () => {
    const x = tf.tensor3d([
      [
        [1, 10],
        [3, 10],
        [2, 13],
      ],
    ]);
    const out = tf.tidy(() =>
      Array.from((new TimeStatsPooling({ deltas: true }).apply(x) as Tensor).dataSync()),
    );
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length + 1e-5);
    };
    const expected = [2, 11, sd([1, 3, 2]), sd([10, 10, 13]), 0.5, 1.5, sd([2, -1]), sd([0, 3])];
    expect(out.length).toBe(8);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    const plain = tf.tidy(() => (new TimeStatsPooling().apply(x) as Tensor).shape);
    expect(plain).toEqual([1, 4]);
    x.dispose();
  });

  it("with cepstra on, pools the MFCCs of the input frames (the features layer's DCT)", () => {
    const frames = 5;
    const bins = 8;
    const data = Float32Array.from({ length: frames * bins }, (_, i) => Math.sin(i * 0.7) * 10 - 40);
    const cepstra = mfcc({ frames, bins, data }, 3);
    const x = tf.tensor3d(data, [1, frames, bins]);
    const out = tf.tidy(() =>
      Array.from((new TimeStatsPooling({ cepstra: 3 }).apply(x) as Tensor).dataSync()),
    );
    x.dispose();
    expect(out.length).toBe(6);
    for (let k = 0; k < 3; k++) {
      const column = Array.from({ length: frames }, (_, t) => cepstra.data[t * 3 + k]);
      expect(out[k]).toBeCloseTo(column.reduce((a, b) => a + b, 0) / frames, 3);
    }
  });

  it('SpecMask blanks whole frames and bands per example in training, differently at each step, and is the identity otherwise', () => {
    const layer = new SpecMask({ timeMasks: 1, timeMaskMax: 6, freqMasks: 1, freqMaskMax: 3, seed: 4 });
    const x = tf.add(tf.ones([4, 20, 10, 1]), 0);
    const masked = (layer.apply(x, { training: true }) as Tensor).arraySync() as number[][][][];
    const again = (layer.apply(x, { training: true }) as Tensor).arraySync() as number[][][][];
    expect(again).not.toEqual(masked);
    let zeroFrames = 0;
    let zeroBands = 0;
    for (const ex of masked) {
      zeroFrames += ex.filter((frame) => frame.every((v) => v[0] === 0)).length;
      for (let b = 0; b < 10; b++) if (ex.every((frame) => frame[b][0] === 0)) zeroBands++;
      // Whatever is not masked is untouched.
      for (const frame of ex) for (const v of frame) expect([0, 1]).toContain(v[0]);
    }
    expect(zeroFrames).toBeGreaterThan(0);
    expect(zeroFrames).toBeLessThanOrEqual(4 * 6);
    expect(zeroBands).toBeGreaterThan(0);
    const plain = layer.apply(x) as Tensor;
    expect(Array.from(plain.dataSync())).toEqual(new Array(800).fill(1));
    // The same seed replays the same masks.
    const twin = new SpecMask({ timeMasks: 1, timeMaskMax: 6, freqMasks: 1, freqMaskMax: 3, seed: 4 });
    expect((twin.apply(x, { training: true }) as Tensor).arraySync()).toEqual(masked);
    tf.dispose([x, plain]);
  });

  it('an ensemble averages the probabilities of independently initialised members, each with its own logits', () => {
    const spec = {
      frames: 40,
      mels: 16,
      classes: 3,
      head: 'stats' as const,
      size: 'small' as const,
      dropout: 0.3,
      seed: 2,
      inputStats: true,
      members: 3,
    };
    const ensemble = buildModel(spec);
    const single = buildModel({ ...spec, members: 1 });
    expect(ensemble.countParams()).toBe(3 * single.countParams());
    expect(ensemble.layers.filter((l) => /^m\d_logits$/.test(l.name)).map((l) => l.name)).toEqual([
      'm1_logits',
      'm2_logits',
      'm3_logits',
    ]);
    // The first member is the single network (same seeds, same order); the others start elsewhere.
    const kernel = (m: typeof single, name: string) =>
      Array.from(m.getLayer(name).getWeights()[0].dataSync());
    expect(kernel(ensemble, 'm1_conv1')).toEqual(kernel(single, 'conv1'));
    expect(kernel(ensemble, 'm2_conv1')).not.toEqual(kernel(ensemble, 'm1_conv1'));
    const x = tf.randomNormal([2, 40, 16, 1], 0, 1, 'float32', 4);
    const logits = logitsView(ensemble).predict(x) as Tensor;
    expect(logits.shape).toEqual([2, 9]);
    // probs = the mean over members of each member's softmax.
    const l = logits.arraySync() as number[][];
    const expected = l.map((row) => {
      const p = [0, 1, 2].map((m) => {
        const z = row.slice(3 * m, 3 * m + 3);
        const e = z.map((v) => Math.exp(v - Math.max(...z)));
        return e.map((v) => v / e.reduce((a, b) => a + b, 0));
      });
      return [0, 1, 2].map((c) => (p[0][c] + p[1][c] + p[2][c]) / 3);
    });
    const probs = (ensemble.predict(x) as Tensor).arraySync() as number[][];
    probs.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[i][c], 5)));
    expect(() => buildModel({ ...spec, members: 0 })).toThrow(/1 to 9 members/);
    tf.dispose([x, logits]);
    ensemble.dispose();
    single.dispose();
  });

  it('refuses a one-class classifier', () => {
    expect(() =>
      buildModel({ frames: 30, mels: 16, classes: 1, head: 'gap', size: 'small', dropout: 0, seed: 0 }),
    ).toThrow(/two classes/);
  });
});
