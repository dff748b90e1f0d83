// The fused batch-norm training kernels (wasm) against tfjs' own formulation on cpu, and the layer
// that uses them against the stock tf.layers.batchNormalization.
import { describe, expect, it } from 'vitest';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs';
import { batchNormTraining } from '../../../src/core/model/backend/batch-norm-training.js';
import { fastBatchNormalization } from '../../../src/core/model/backend/fast-batch-norm.js';
import { expectClose, on, randomValues, size, tf, useWasm } from './wasm-helpers.js';

const shapes: number[][] = [
  [4, 6, 5, 3],
  [2, 9, 7, 16],
  [32, 5],
  [3, 4, 4, 1],
];

function gradsOf(shape: number[], seed: number, offset = 1.5, spread = 3) {
  return () => {
    const c = shape[shape.length - 1];
    // An offset and a spread, so the statistics are not trivially 0 and 1.
    const x = tf.add(tf.mul(tf.tensor(randomValues(size(shape), seed), shape), spread), offset);
    const gamma = tf.tensor1d(randomValues(c, seed + 1));
    const beta = tf.tensor1d(randomValues(c, seed + 2));
    const r = tf.tensor(randomValues(size(shape), seed + 3), shape);
    const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-3);
    const grads = tf.grads((a: Tensor, g: Tensor, b: Tensor) =>
      tf.sum(tf.mul(batchNormTraining(a, g as Tensor1D, b as Tensor1D, 1e-3).y, r)),
    )([x, gamma, beta]);
    return [y, mean, variance, ...grads];
  };
}

describe('fused batch-norm training', () => {
  shapes.forEach((shape, i) => {
    it(`matches moments + batchNorm on cpu: ${shape.join('x')}`, async () => {
      const cpu = await on('cpu', gradsOf(shape, 10 * i));
      await useWasm();
      const wasm = await on('wasm', gradsOf(shape, 10 * i));
      const names = ['y', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'];
      names.forEach((_, k) => expectClose(wasm[k], cpu[k], 1e-4));
    });
  });

  it('stays accurate when a mean is large against the spread (SIMD and JavaScript paths)', async () => {
    for (const shape of [
      [4, 9, 7, 8],
      [4, 9, 7, 3],
    ]) {
      const cpu = await on('cpu', gradsOf(shape, 77, 300, 0.5));
      await useWasm();
      const wasm = await on('wasm', gradsOf(shape, 77, 300, 0.5));
      cpu.forEach((expected, k) => expectClose(wasm[k], expected, 1e-3));
    }
  });

  it('runs the fused kernels on wasm', async () => {
    await useWasm();
    const profile = await tf.profile(() => tf.dispose(gradsOf([2, 4, 4, 3], 1)()));
    expect(profile.kernelNames).toContain('EmotionStudioBatchNormTraining');
    expect(profile.kernelNames).toContain('EmotionStudioBatchNormTrainingGrad');
    expect(profile.kernelNames).not.toContain('Tile');
  });
});

describe('fastBatchNormalization layer', () => {
  async function trainOnce(backend: 'cpu' | 'wasm', fast: boolean): Promise<Float32Array[]> {
    if (backend === 'wasm') await useWasm();
    else await tf.setBackend('cpu');
    const args = { momentum: 0.9, epsilon: 1e-5 };
    const layer = fast ? fastBatchNormalization(args) : tf.layers.batchNormalization(args);
    const shape = [4, 5, 6, 3];
    const x = tf.tensor(randomValues(size(shape), 3), shape);
    layer.apply(x); // builds the weights
    layer.setWeights([
      tf.tensor1d([1.5, 0.5, -1]),
      tf.tensor1d([0.1, -0.2, 0.3]),
      tf.tensor1d([0.2, 0, -0.1]),
      tf.tensor1d([1, 2, 0.5]),
    ]);
    const y = layer.apply(x, { training: true }) as Tensor;
    const out = [
      Float32Array.from(y.dataSync()),
      ...layer.getWeights().map((w) => Float32Array.from(w.dataSync())),
    ];
    tf.dispose([x, y]);
    layer.dispose();
    return out;
  }

  it('trains like the stock layer (output and moving statistics)', async () => {
    const stock = await trainOnce('cpu', false);
    const fast = await trainOnce('wasm', true);
    expect(fast.length).toBe(5);
    stock.forEach((expected, k) => expectClose(fast[k], expected, 1e-4));
    // The moving statistics moved (so their equality above means something).
    expect(Array.from(fast[3])).not.toEqual([0.2, 0, -0.1].map(Math.fround));
  });

  it('saves as a stock BatchNormalization layer', async () => {
    await useWasm();
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 3 }), fastBatchNormalization()],
    });
    const json = model.toJSON(undefined, false) as { config: { layers: { class_name: string }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'BatchNormalization']);
    const restored = await tf.models.modelFromJSON({ modelTopology: json });
    expect(restored.layers[1].getClassName()).toBe('BatchNormalization');
    model.dispose();
    restored.dispose();
  });
});
