// End to end: a small CNN with every layer type the engine trains (conv, batch norm, ReLU, max
// pool, dense, softmax; Adam) must learn the same on wasm, with our kernels, as on cpu.
import { describe, expect, it } from 'vitest';
import { randomValues, tf, useWasm } from './wasm-helpers.js';

const BATCH = 8;
const SIZE = 16;
const CLASSES = 3;

function buildModel(seed: number) {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [SIZE, SIZE, 1],
      filters: 6,
      kernelSize: 3,
      padding: 'same',
      useBias: false,
      kernelInitializer: init(1),
    }),
  );
  model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
  model.add(tf.layers.reLU());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      filters: 8,
      kernelSize: 3,
      strides: 2,
      padding: 'valid',
      activation: 'relu',
      kernelInitializer: init(2),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: init(3) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

async function train(
  backend: 'cpu' | 'wasm',
  steps: number,
): Promise<{ losses: number[]; weights: Float32Array[] }> {
  if (backend === 'wasm') await useWasm();
  else await tf.setBackend('cpu');
  const model = buildModel(42);
  const x = tf.tensor4d(randomValues(BATCH * SIZE * SIZE, 5), [BATCH, SIZE, SIZE, 1]);
  const labels = Array.from({ length: BATCH }, (_, i) => i % CLASSES);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = await model.trainOnBatch(x, y);
    losses.push(typeof loss === 'number' ? loss : loss[0]);
  }
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  tf.dispose([x, y]);
  model.dispose();
  return { losses, weights };
}

describe('training on wasm with our kernels', () => {
  it('gives the losses and weights of the cpu backend', async () => {
    const cpu = await train('cpu', 6);
    const wasm = await train('wasm', 6);
    // The model learns (so the comparison is not between two flat lines)...
    expect(cpu.losses[5]).toBeLessThan(cpu.losses[0] * 0.9);
    // ...and both backends take the same path, within float32 rounding.
    wasm.losses.forEach((loss, i) =>
      expect(Math.abs(loss - cpu.losses[i])).toBeLessThan(1e-4 * Math.max(1, cpu.losses[i])),
    );
    expect(wasm.weights.length).toBe(cpu.weights.length);
    wasm.weights.forEach((w, k) => {
      const ref = cpu.weights[k];
      let diff = 0;
      for (let i = 0; i < ref.length; i++) diff = Math.max(diff, Math.abs(w[i] - ref[i]));
      expect(diff).toBeLessThan(1e-3);
    });
  });
});
