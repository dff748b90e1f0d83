// Batch normalisation with batch statistics (training mode) over every axis but the last, as one
// differentiable op. On wasm it runs our fused kernels; elsewhere it is tfjs-layers' own
// formulation (moments + batchNorm), so every backend computes the same thing.
import type { Tensor, Tensor1D } from '@tensorflow/tfjs';
import { tf } from './tf.js';
import { BATCH_NORM_TRAINING, BATCH_NORM_TRAINING_GRAD } from './kernels/wasm-batch-norm.js';
import { wasmTrainingKernelsRegistered } from './wasm-grad-kernels.js';

export interface BatchNormTrainingResult {
  y: Tensor;
  /** Batch mean and biased variance per channel: not differentiable (for moving averages). */
  mean: Tensor1D;
  variance: Tensor1D;
}

function fusedAvailable(x: Tensor): boolean {
  return (
    tf.getBackend() === 'wasm' && wasmTrainingKernelsRegistered() && x.dtype === 'float32' && x.rank >= 2
  );
}

export function batchNormTraining(
  x: Tensor,
  gamma: Tensor1D,
  beta: Tensor1D,
  epsilon: number,
): BatchNormTrainingResult {
  if (!fusedAvailable(x)) {
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, axes);
      const y = tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
      return { y, mean: mean as Tensor1D, variance: variance as Tensor1D };
    });
  }
  const engine = tf.engine();
  // The forward kernel runs outside customGrad so that its statistics are ordinary tensors of the
  // caller's scope; it has no gradient of its own and only its reshaped y is on the loss's path.
  const [y0, mean, variance] = engine.runKernel(
    BATCH_NORM_TRAINING,
    { x, gamma, beta },
    { epsilon },
  ) as Tensor[];
  const op = tf.customGrad((...args) => {
    const save = args[3] as (tensors: Tensor[]) => void;
    save([args[0] as Tensor, args[1] as Tensor, mean, variance]);
    return {
      value: tf.reshape(y0, y0.shape),
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const [xs, g, m, v] = saved;
        const grad = Array.isArray(dy) ? dy[0] : dy;
        return engine.runKernel(
          BATCH_NORM_TRAINING_GRAD,
          { dy: grad, x: xs, gamma: g, mean: m, variance: v },
          {
            epsilon,
          },
        ) as Tensor[];
      },
    };
  });
  const y = op(x, gamma, beta);
  y0.dispose();
  return { y, mean: mean as Tensor1D, variance: variance as Tensor1D };
}
