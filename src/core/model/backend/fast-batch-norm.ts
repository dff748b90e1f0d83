// tf.layers.batchNormalization whose training step on wasm runs fused kernels (see
// wasm-batch-norm.ts). It is the stock layer in every other respect: same weights in the same
// order, same config, and it serialises as 'BatchNormalization', so saved models load anywhere
// with the stock layer. Inference, other backends and non-channels-last axes use the stock code.
import type { Tensor, Tensor1D } from '@tensorflow/tfjs';
import { batchNormTraining } from './batch-norm-training.js';
import { tf } from './tf.js';

type StockBatchNorm = ReturnType<typeof tf.layers.batchNormalization>;
type BatchNormArgs = Parameters<typeof tf.layers.batchNormalization>[0];
type CallArgs = Parameters<StockBatchNorm['call']>;

/** The stock layer's fields this subclass reads (private in its typings). */
interface StockFields {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: { read(): Tensor };
  beta?: { read(): Tensor };
  movingMean: { read(): Tensor; write(value: Tensor): void };
  movingVariance: { read(): Tensor; write(value: Tensor): void };
}

// tfjs-layers does not export the class itself, only its factory.
const StockBatchNormalization = tf.layers.batchNormalization({}).constructor as new (
  args?: BatchNormArgs,
) => StockBatchNorm;

function isTraining(kwargs: CallArgs[1]): boolean {
  return (kwargs as { training?: unknown }).training === true;
}

export class FastBatchNormalization extends StockBatchNormalization {
  override call(inputs: CallArgs[0], kwargs: CallArgs[1]): Tensor | Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as StockFields;
    const axis = self.axis < 0 ? self.axis + x.rank : self.axis;
    if (!isTraining(kwargs) || tf.getBackend() !== 'wasm' || axis !== x.rank - 1) {
      return super.call(inputs, kwargs);
    }
    return tf.tidy(() => {
      const channels = x.shape[axis];
      const gamma = (self.gamma?.read() ?? tf.ones([channels])) as Tensor1D;
      const beta = (self.beta?.read() ?? tf.zeros([channels])) as Tensor1D;
      const { y, mean, variance } = batchNormTraining(x, gamma, beta, self.epsilon);
      const decay = 1 - self.momentum;
      for (const [variable, value] of [
        [self.movingMean, mean],
        [self.movingVariance, variance],
      ] as const) {
        const old = variable.read();
        variable.write(tf.sub(old, tf.mul(tf.sub(old, value), decay)));
      }
      tf.dispose([mean, variance]);
      return y;
    });
  }
}

/** Drop-in for tf.layers.batchNormalization. */
export function fastBatchNormalization(args: BatchNormArgs = {}): FastBatchNormalization {
  return new FastBatchNormalization(args);
}
