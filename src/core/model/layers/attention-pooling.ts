import { tf, type LayerVariable, type Shape, type Tensor, type Tensor2D, type Tensor3D } from '../tf.js';

export interface AttentionPoolingArgs {
  /** Size of the hidden scoring layer. */
  units?: number;
  seed?: number;
  name?: string;
}

/**
 * Attention pooling over time: each time step of a [batch, time, features] input gets a score
 * v·tanh(W h_t + b), the scores are softmaxed over time and the output is the weighted sum of the steps.
 * Emotion is carried unevenly through an utterance (a stressed word, a sigh), so a learnt weighting
 * can beat a plain average. Registered with tf.serialization so saved models load back.
 */
export class AttentionPooling extends tf.layers.Layer {
  static readonly className = 'AttentionPooling';
  readonly units: number;
  readonly seed: number;
  private w: LayerVariable | null = null;
  private b: LayerVariable | null = null;
  private v: LayerVariable | null = null;

  constructor(args: AttentionPoolingArgs = {}) {
    super({ name: args.name });
    this.units = args.units ?? 32;
    this.seed = args.seed ?? 0;
  }

  private weightOf(
    name: string,
    shape: number[],
    init: ReturnType<typeof tf.initializers.zeros>,
  ): LayerVariable {
    return this.addWeight(name, shape, 'float32', init);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const features = shape[2];
    if (features == null) throw new Error('AttentionPooling needs a known feature size');
    this.w = this.weightOf('w', [features, this.units], tf.initializers.glorotUniform({ seed: this.seed }));
    this.b = this.weightOf('b', [this.units], tf.initializers.zeros());
    this.v = this.weightOf('v', [this.units, 1], tf.initializers.glorotUniform({ seed: this.seed + 1 }));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [shape[0], shape[2]];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor3D;
      if (!this.w || !this.b || !this.v) throw new Error('AttentionPooling used before build');
      const [batch, time, features] = x.shape;
      const flat = tf.reshape(x, [batch * time, features]);
      const hidden = tf.tanh(tf.add(tf.matMul(flat, this.w.read() as Tensor2D), this.b.read()));
      const scores = tf.reshape(tf.matMul(hidden, this.v.read() as Tensor2D), [batch, time]);
      const weights = tf.expandDims(tf.softmax(scores, 1), 2);
      return tf.sum(tf.mul(x, weights), 1);
    });
  }

  override getConfig() {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}

tf.serialization.registerClass(AttentionPooling);
