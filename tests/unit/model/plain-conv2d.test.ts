// The conv layer the model uses: the stock Conv2D's arithmetic and file format, without computing the
// gradient of an input that nothing needs.
import { describe, expect, it } from 'vitest';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs';
import { plainConv2d } from '../../../src/core/model/backend/plain-conv2d.js';
import { expectClose, randomValues, size, tf, useWasm } from './wasm-helpers.js';

const SHAPE = [4, 21, 16, 1];
const args = { filters: 8, kernelSize: 3, strides: 2, padding: 'same' as const, useBias: false };

/** One training-mode pass of a conv layer: output, and the gradient of a weighted sum by its kernel. */
async function trainPass(
  plain: boolean,
): Promise<{ y: Float32Array; dKernel: Float32Array; kernels: string[] }> {
  const layer = plain ? plainConv2d(args) : tf.layers.conv2d(args);
  const x = tf.tensor(randomValues(size(SHAPE), 3), SHAPE);
  layer.build(SHAPE);
  layer.setWeights([tf.tensor(randomValues(3 * 3 * 8, 4), [3, 3, 1, 8])]);
  const r = tf.tensor(randomValues(4 * 11 * 8 * 8, 5), [4, 11, 8, 8]);
  const kernel = layer.trainableWeights[0].read() as Variable;
  const loss = () => tf.sum(tf.mul(layer.apply(x, { training: true }) as Tensor, r)) as Scalar;
  const y = Float32Array.from((layer.apply(x, { training: true }) as Tensor).dataSync());
  const { grads } = tf.variableGrads(loss, [kernel]);
  const dKernel = Float32Array.from(grads[kernel.name].dataSync());
  // Profiles share the engine's state: one at a time.
  const profile = await tf.profile(() => tf.variableGrads(loss, [kernel]).value);
  const kernels = profile.kernels.map((k) => k.name);
  return { y, dKernel, kernels };
}

describe('PlainConv2D', () => {
  it('trains like the stock Conv2D, and skips the gradient of its input', async () => {
    await useWasm();
    const stock = await trainPass(false);
    const plain = await trainPass(true);
    expectClose(plain.y, stock.y, 1e-5);
    expectClose(plain.dKernel, stock.dKernel, 1e-5);
    expect(stock.kernels).toContain('Conv2DBackpropInput');
    const names = plain.kernels;
    expect(names).toContain('Conv2DBackpropFilter');
    expect(names).not.toContain('Conv2DBackpropInput');
  });

  it('saves as a stock Conv2D layer and loads with the same weights', async () => {
    await useWasm();
    const model = tf.sequential({ layers: [plainConv2d({ ...args, inputShape: SHAPE.slice(1) })] });
    const json = model.toJSON(undefined, false) as { config: { layers: { class_name: string }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toEqual(['Conv2D']);
    const restored = await tf.models.modelFromJSON({ modelTopology: json });
    restored.setWeights(model.getWeights());
    expect(restored.layers[0].getClassName()).toBe('Conv2D');
    const x = tf.tensor(randomValues(size(SHAPE), 7), SHAPE);
    expect(Array.from((restored.predict(x) as Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as Tensor).dataSync()),
    );
    model.dispose();
    restored.dispose();
  });
});
