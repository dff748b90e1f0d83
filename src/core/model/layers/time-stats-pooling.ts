import { dctIIOrthoMatrix } from '../../features/index.js';
import { tf, type Shape, type Tensor, type Tensor2D, type Tensor3D } from '../tf.js';

export interface TimeStatsPoolingArgs {
  name?: string;
  /** Also the mean and std of the step-to-step change (a trend, and how fast each feature moves). */
  deltas?: boolean;
  /**
   * First turn each step into this many cepstral coefficients (orthonormal DCT-II over the features, as
   * MFCCs are made from a log-mel); 0 keeps the features as they are.
   */
  cepstra?: number;
}

/** DCT-II rows as a [features, coefficients] matrix for x @ D. */
function dctColumns(features: number, coefficients: number): Float32Array {
  const rows = dctIIOrthoMatrix(features, coefficients);
  const out = new Float32Array(features * coefficients);
  for (let k = 0; k < coefficients; k++)
    for (let i = 0; i < features; i++) out[i * coefficients + k] = rows[k * features + i];
  return out;
}

/**
 * Statistics pooling over time: a [batch, time, features] input becomes each feature's mean and standard
 * deviation over time (and, with deltas, the mean and std of its change from step to step), concatenated.
 * How much a voice varies says as much about emotion as its average; on a log-mel input with cepstra on,
 * these are the MFCC statistics classic speech-emotion systems are built on.
 */
export class TimeStatsPooling extends tf.layers.Layer {
  static readonly className = 'TimeStatsPooling';
  readonly deltas: boolean;
  readonly cepstra: number;
  private dct: Float32Array | null = null;

  constructor(args: TimeStatsPoolingArgs = {}) {
    super({ name: args.name });
    this.deltas = args.deltas ?? false;
    this.cepstra = args.cepstra ?? 0;
  }

  private width(features: number | null): number | null {
    if (features === null) return null;
    const f = this.cepstra > 0 ? Math.min(this.cepstra, features) : features;
    return (this.deltas ? 4 : 2) * f;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [shape[0], this.width(shape[2])];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      let x = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor3D;
      if (this.cepstra > 0) {
        const [batch, time, features] = x.shape;
        const k = Math.min(this.cepstra, features);
        this.dct ??= dctColumns(features, k);
        const d = tf.tensor2d(this.dct, [features, k]);
        x = tf.reshape(tf.matMul(tf.reshape(x, [batch * time, features]) as Tensor2D, d), [batch, time, k]);
      }
      const [mean, std] = meanStd(x);
      if (!this.deltas) return tf.concat([mean, std], 1);
      const [batch, time, features] = x.shape;
      const change = tf.sub(
        tf.slice(x, [0, 1, 0], [batch, time - 1, features]),
        tf.slice(x, [0, 0, 0], [batch, time - 1, features]),
      );
      const [dMean, dStd] = meanStd(change as Tensor3D);
      return tf.concat([mean, std, dMean, dStd], 1);
    });
  }

  override getConfig() {
    return { ...super.getConfig(), deltas: this.deltas, cepstra: this.cepstra };
  }
}

function meanStd(x: Tensor3D): [Tensor, Tensor] {
  const mean = tf.mean(x, 1);
  // The epsilon keeps the gradient of sqrt finite for a constant feature.
  const std = tf.sqrt(tf.add(tf.mean(tf.square(tf.sub(x, tf.expandDims(mean, 1))), 1), 1e-5));
  return [mean, std];
}

tf.serialization.registerClass(TimeStatsPooling);
