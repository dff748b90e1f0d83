import { stepSeed } from '../training/seeds.js';
import { tf, type Shape, type Tensor, type Tensor4D } from '../tf.js';

export interface SpecMaskArgs {
  timeMasks: number;
  timeMaskMax: number;
  freqMasks: number;
  freqMaskMax: number;
  seed: number;
  name?: string;
}

/**
 * SpecAugment inside the model, on one branch only: in training, each example gets its own random time and
 * frequency masks (set to 0, the normalised mean); at inference it is the identity. Masking in the network
 * rather than in the batch lets the convolutional branch learn through gaps while the branch that pools
 * whole-clip statistics still sees the clip intact. Seeded per step like SeededDropout, so runs repeat.
 */
export class SpecMask extends tf.layers.Layer {
  static readonly className = 'SpecMask';
  readonly timeMasks: number;
  readonly timeMaskMax: number;
  readonly freqMasks: number;
  readonly freqMaskMax: number;
  readonly seed: number;
  private step = 0;

  constructor(args: SpecMaskArgs) {
    super({ name: args.name });
    this.timeMasks = args.timeMasks;
    this.timeMaskMax = args.timeMaskMax;
    this.freqMasks = args.freqMasks;
    this.freqMaskMax = args.freqMaskMax;
    this.seed = args.seed;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor4D;
    if (kwargs['training'] !== true) return tf.clone(x);
    const seed = stepSeed(this.seed, this.step++);
    return tf.tidy(() => {
      const [batch, frames, bins] = x.shape;
      // Each mask: a random width in [0, max] and a random start, drawn per example, as 0/1 keep-vectors.
      const keepAlong = (length: number, masks: number, maxWidth: number, salt: number): Tensor => {
        let keep: Tensor = tf.ones([batch, length]);
        const pos = tf.range(0, length).reshape([1, length]);
        for (let m = 0; m < masks; m++) {
          const width = tf.floor(
            tf.mul(
              tf.randomUniform([batch, 1], 0, 1, 'float32', seed + salt + 2 * m),
              Math.min(maxWidth, length) + 1,
            ),
          );
          const start = tf.floor(
            tf.mul(
              tf.randomUniform([batch, 1], 0, 1, 'float32', seed + salt + 2 * m + 1),
              tf.sub(length + 1, width),
            ),
          );
          const inside = tf.logicalAnd(tf.greaterEqual(pos, start), tf.less(pos, tf.add(start, width)));
          keep = tf.mul(keep, tf.sub(1, tf.cast(inside, 'float32')));
        }
        return keep;
      };
      const keepT = keepAlong(frames, this.timeMasks, this.timeMaskMax, 0).reshape([batch, frames, 1, 1]);
      const keepF = keepAlong(bins, this.freqMasks, this.freqMaskMax, 1000).reshape([batch, 1, bins, 1]);
      return tf.mul(x, tf.mul(keepT, keepF));
    });
  }

  override getConfig() {
    return {
      ...super.getConfig(),
      timeMasks: this.timeMasks,
      timeMaskMax: this.timeMaskMax,
      freqMasks: this.freqMasks,
      freqMaskMax: this.freqMaskMax,
      seed: this.seed,
    };
  }
}

tf.serialization.registerClass(SpecMask);
