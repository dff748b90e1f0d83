// The tfjs twin of /work/shared/reference/bench_torch_cnn.py: 128x128x1 input, conv16 (no bias) +
// BN + ReLU + pool, conv32 + ReLU + pool, conv64 + ReLU, GAP, dropout, dense 3; Adam 1e-3.
// BN momentum and epsilon follow PyTorch's defaults so the two do the same arithmetic.
import type { Tf } from '../src/core/model/backend/tf.js';
import { fastBatchNormalization } from '../src/core/model/backend/fast-batch-norm.js';
import { plainConv2d } from '../src/core/model/backend/plain-conv2d.js';

export const TWIN = { size: 128, classes: 3, batch: 32, samples: 256, epochs: 2 } as const;

export function buildTwinCnn(tf: Tf, seed = 0, stockLayers = false): ReturnType<Tf['sequential']> {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const model = tf.sequential();
  const first = {
    inputShape: [TWIN.size, TWIN.size, 1],
    filters: 16,
    kernelSize: 3,
    padding: 'same' as const,
    useBias: false,
    kernelInitializer: init(1),
  };
  // The app's conv layer (no gradient for the input, which nothing needs), unless the stock layers are asked for.
  model.add(stockLayers ? tf.layers.conv2d(first) : plainConv2d(first));
  const bn = { momentum: 0.9, epsilon: 1e-5 };
  model.add(stockLayers ? tf.layers.batchNormalization(bn) : fastBatchNormalization(bn));
  model.add(tf.layers.reLU());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(2),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      filters: 64,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(3),
    }),
  );
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.3, seed }));
  model.add(tf.layers.dense({ units: TWIN.classes, activation: 'softmax', kernelInitializer: init(4) }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** Random inputs and one-hot labels, like the PyTorch twin's torch.randn / randint. */
export function twinData(
  tf: Tf,
  n: number,
  seed = 0,
): { x: ReturnType<Tf['randomNormal']>; y: ReturnType<Tf['oneHot']> } {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, TWIN.size, TWIN.size, 1], 0, 1, 'float32', seed);
    const labels = tf.randomUniformInt([n], 0, TWIN.classes, seed + 1);
    const y = tf.oneHot(labels, TWIN.classes);
    return { x, y };
  });
}
