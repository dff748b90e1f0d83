// tf.layers.conv2d whose training step goes through the plain conv2d op when it has no bias and no activation
// (as in conv, batch norm, ReLU blocks). tfjs-layers always calls the fused op, whose gradient computes the
// input's gradient too, even for the first layer, where nothing needs it: on the default model that was a
// wasted Conv2DBackpropInput over the whole [batch, 201, 64, 1] input, about 6% of a step. The plain op
// computes only the gradients the tape asks for. Same weights, same config, serialised as 'Conv2D'.
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { tf } from './tf.js';

type StockConv2D = ReturnType<typeof tf.layers.conv2d>;
type Conv2DArgs = Parameters<typeof tf.layers.conv2d>[0];
type CallArgs = Parameters<StockConv2D['call']>;

/** The stock layer's fields this subclass reads (protected in its typings). */
interface StockFields {
  kernel: { read(): Tensor };
  useBias: boolean;
  activation: { getClassName(): string };
  strides: number[];
  padding: 'valid' | 'same' | 'causal';
  dataFormat: 'channelsFirst' | 'channelsLast';
  dilationRate: number[];
}

// tfjs-layers does not export the class itself, only its factory.
const StockConv2DLayer = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (
  args: Conv2DArgs,
) => StockConv2D;

export class PlainConv2D extends StockConv2DLayer {
  override call(inputs: CallArgs[0], kwargs: CallArgs[1]): Tensor | Tensor[] {
    const self = this as unknown as StockFields;
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const plain =
      (kwargs as { training?: unknown }).training === true &&
      !self.useBias &&
      self.activation.getClassName() === 'linear' &&
      self.dataFormat === 'channelsLast' &&
      self.padding !== 'causal' &&
      x.rank === 4;
    if (!plain) return super.call(inputs, kwargs);
    return tf.conv2d(
      x as Tensor4D,
      self.kernel.read() as Tensor4D,
      [self.strides[0], self.strides[1]],
      self.padding as 'same' | 'valid',
      'NHWC',
      [self.dilationRate[0], self.dilationRate[1]],
    );
  }
}

/** Drop-in for tf.layers.conv2d. */
export function plainConv2d(args: Conv2DArgs): PlainConv2D {
  return new PlainConv2D(args);
}
