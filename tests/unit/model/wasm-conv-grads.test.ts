import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { expectClose, on, randomValues, size, tf, useWasm } from './wasm-helpers.js';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const cases: Case[] = [
  { x: [2, 8, 8, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'same' },
  { x: [3, 7, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 9, 7, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { x: [2, 9, 7, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'valid' },
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  // Trailing rows/columns that no window reaches (the filter gradient must crop them).
  { x: [2, 5, 6, 2], filter: [2, 2, 2, 3], strides: 2, pad: 'valid' },
  { x: [2, 11, 10, 3], filter: [5, 3, 3, 4], strides: [2, 3], pad: 'same' },
  { x: [4, 6, 6, 8], filter: [1, 1, 8, 16], strides: 1, pad: 'valid' },
  { x: [2, 6, 5, 3], filter: [2, 4, 3, 2], strides: 1, pad: 'same' },
  { x: [2, 16, 16, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'same' },
  // Explicit padding, including a far-side pad larger than the kernel (negative pads inside), for
  // both input-gradient paths: col2im (few input columns) and the flipped convolution.
  {
    x: [2, 6, 7, 2],
    filter: [3, 3, 2, 3],
    strides: 1,
    pad: [
      [0, 0],
      [0, 4],
      [2, 1],
      [0, 0],
    ],
  },
  {
    x: [2, 7, 7, 2],
    filter: [3, 3, 2, 3],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  },
  {
    x: [2, 6, 7, 4],
    filter: [3, 3, 4, 3],
    strides: 1,
    pad: [
      [0, 0],
      [0, 4],
      [2, 1],
      [0, 0],
    ],
  },
  {
    x: [2, 7, 7, 5],
    filter: [3, 3, 5, 3],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  },
  // Output channels in eights take the SIMD filter-gradient kernel: the same geometries again.
  { x: [2, 8, 8, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same' },
  { x: [3, 7, 9, 3], filter: [3, 3, 3, 16], strides: 1, pad: 'valid' },
  { x: [2, 9, 7, 4], filter: [3, 3, 4, 8], strides: 2, pad: 'same' },
  { x: [2, 5, 6, 2], filter: [2, 2, 2, 8], strides: 2, pad: 'valid' },
  { x: [2, 11, 10, 3], filter: [5, 3, 3, 8], strides: [2, 3], pad: 'same' },
  {
    x: [2, 7, 7, 5],
    filter: [3, 3, 5, 8],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  },
];

function label(c: Case): string {
  const pad = typeof c.pad === 'string' ? c.pad : JSON.stringify(c.pad.slice(1, 3));
  return `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${String(c.strides)}, pad ${pad}`;
}

/** Gradients of sum(conv2d(x, w) * r) with respect to x and w (r makes every dy distinct). */
function gradients(c: Case, seed: number): () => Tensor4D[] {
  return () => {
    const x = tf.tensor4d(randomValues(size(c.x), seed), c.x);
    const w = tf.tensor4d(randomValues(size(c.filter), seed + 1), c.filter);
    const y = tf.conv2d(x, w, c.strides, c.pad);
    const r = tf.tensor(randomValues(size(y.shape), seed + 2), y.shape);
    const [dx, dw] = tf.grads((a: Tensor, b: Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as Tensor4D, b as Tensor4D, c.strides, c.pad), r)),
    )([x, w]);
    return [dx as Tensor4D, dw as Tensor4D];
  };
}

describe('wasm conv2d gradient kernels', () => {
  beforeAll(useWasm);

  it('are registered for wasm', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });

  cases.forEach((c, i) => {
    it(`match the cpu backend: ${label(c)}`, async () => {
      const [dxCpu, dwCpu] = await on('cpu', gradients(c, 100 * i));
      const [dxWasm, dwWasm] = await on('wasm', gradients(c, 100 * i));
      expectClose(dwWasm, dwCpu);
      expectClose(dxWasm, dxCpu);
    });
  });

  it('run through our kernels, not a fallback', async () => {
    await tf.setBackend('wasm');
    const c = cases[3];
    const profile = await tf.profile(() => tf.dispose(gradients(c, 7)()));
    expect(profile.kernelNames).toContain('Conv2DBackpropFilter');
    expect(profile.kernelNames).toContain('Conv2DBackpropInput');
  });

  it('train the fused conv2d used by tfjs-layers (bias and relu)', async () => {
    const run = () => {
      const x = tf.tensor4d(randomValues(2 * 9 * 9 * 3, 1), [2, 9, 9, 3]);
      const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
      const bias = tf.tensor1d(randomValues(4, 3));
      const f = (a: Tensor, b: Tensor, c: Tensor) =>
        tf.sum(
          tf.square(
            tf.fused.conv2d({
              x: a as Tensor4D,
              filter: b as Tensor4D,
              bias: c,
              strides: 2,
              pad: 'same',
              activation: 'relu',
            }),
          ),
        );
      return tf.grads(f)([x, w, bias]);
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    cpu.forEach((expected, k) => expectClose(wasm[k], expected));
  });
});
