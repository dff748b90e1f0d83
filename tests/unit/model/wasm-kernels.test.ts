// The kernels we replace in wasm for speed (MaxPoolGrad, Sum, Mean, Tile) must give the cpu
// backend's results, including the cases they hand back to wasm's own kernels.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs';
import { batchNormTraining } from '../../../src/core/model/backend/batch-norm-training.js';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
} from '../../../src/core/model/backend/kernels/wasm-batch-norm.js';
import { wasmTrainingKernels } from '../../../src/core/model/backend/wasm-grad-kernels.js';
import { asWasmBackend, heapMemory } from '../../../src/core/model/backend/wasm-kernel-utils.js';
import { simdAffine } from '../../../src/core/model/backend/kernels/wasm-simd-affine.js';
import { simdFilterGrad } from '../../../src/core/model/backend/kernels/wasm-simd-filter-grad.js';
import { simdPool } from '../../../src/core/model/backend/kernels/wasm-simd-pool.js';
import { simdSums } from '../../../src/core/model/backend/kernels/wasm-simd-sums.js';
import { expectClose, on, randomValues, size, tf, useWasm } from './wasm-helpers.js';

beforeAll(useWasm);

describe('wasm MaxPoolGrad', () => {
  const cases: {
    shape: [number, number, number, number];
    filter: number | [number, number];
    strides: number;
    pad: 'same' | 'valid';
    ties?: boolean;
  }[] = [
    { shape: [2, 8, 8, 3], filter: 2, strides: 2, pad: 'valid' },
    { shape: [2, 9, 7, 4], filter: 2, strides: 2, pad: 'valid' },
    { shape: [2, 9, 7, 4], filter: 2, strides: 2, pad: 'same' },
    { shape: [1, 7, 8, 5], filter: 3, strides: 2, pad: 'same' },
    { shape: [2, 6, 6, 2], filter: 3, strides: 1, pad: 'same' },
    { shape: [2, 10, 9, 3], filter: [3, 2], strides: 1, pad: 'valid' },
    // Small integers make ties: the first maximum of a window takes the gradient, as on cpu.
    { shape: [2, 8, 8, 3], filter: 2, strides: 2, pad: 'valid', ties: true },
    // Channels in fours take the wasm SIMD path.
    { shape: [2, 8, 8, 8], filter: 2, strides: 2, pad: 'valid', ties: true },
    { shape: [3, 11, 9, 16], filter: 2, strides: 2, pad: 'valid' },
    { shape: [2, 7, 7, 3], filter: 3, strides: 1, pad: 'same', ties: true },
  ];
  cases.forEach((c, i) => {
    it(`matches cpu: ${c.shape.join('x')} pool ${String(c.filter)} stride ${c.strides} ${c.pad}${c.ties ? ' with ties' : ''}`, async () => {
      const run = () => {
        let values = randomValues(size(c.shape), 10 + i);
        if (c.ties) values = values.map((v) => Math.round(v * 2));
        const x = tf.tensor4d(values, c.shape);
        const y = tf.maxPool(x, c.filter, c.strides, c.pad);
        const r = tf.tensor(randomValues(size(y.shape), 20 + i), y.shape);
        return [
          tf.grad((a: Tensor) => tf.sum(tf.mul(tf.maxPool(a as Tensor4D, c.filter, c.strides, c.pad), r)))(x),
        ];
      };
      const [cpu] = await on('cpu', run);
      const [wasm] = await on('wasm', run);
      expectClose(wasm, cpu, 1e-6);
    });
  });
});

describe('wasm SIMD kernels', () => {
  it('assemble and instantiate on the backend heap (Node has wasm SIMD)', async () => {
    await useWasm();
    const memory = heapMemory(asWasmBackend(tf.backend()));
    expect(memory).not.toBeNull();
    expect(simdPool(memory as WebAssembly.Memory)).not.toBeNull();
    expect(simdAffine(memory as WebAssembly.Memory)).not.toBeNull();
    expect(simdSums(memory as WebAssembly.Memory)).not.toBeNull();
    expect(simdFilterGrad(memory as WebAssembly.Memory)).not.toBeNull();
  });
});

describe('wasm Sum and Mean', () => {
  const cases: { shape: number[]; axis: number[]; keepDims: boolean }[] = [
    { shape: [4, 9, 7, 5], axis: [0, 1, 2], keepDims: false },
    { shape: [4, 9, 7, 5], axis: [2, 0, 1], keepDims: true },
    { shape: [3, 5, 2], axis: [0], keepDims: false },
    { shape: [13, 17], axis: [0], keepDims: true },
    { shape: [64, 3, 3, 1], axis: [0, 1], keepDims: false },
    // Handed back to wasm's own kernels: not a leading run of axes, or everything.
    { shape: [4, 9, 7, 5], axis: [1, 2], keepDims: false },
    { shape: [4, 9, 7, 5], axis: [0, 1, 2, 3], keepDims: false },
  ];
  cases.forEach((c, i) => {
    it(`match cpu over axes [${c.axis.join(',')}] of ${c.shape.join('x')}${c.keepDims ? ' (keepDims)' : ''}`, async () => {
      const run = () => {
        const x = tf.tensor(randomValues(size(c.shape), 30 + i), c.shape);
        return [tf.sum(x, c.axis, c.keepDims), tf.mean(x, c.axis, c.keepDims)];
      };
      const cpu = await on('cpu', run);
      const wasm = await on('wasm', run);
      expectClose(wasm[0], cpu[0], 1e-5);
      expectClose(wasm[1], cpu[1], 1e-5);
    });
  });

  it('keep the shape and dtype of the reference', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([4, 3, 2]);
    const s = tf.sum(x, [0, 1], true);
    expect(s.shape).toEqual([1, 1, 2]);
    expect(Array.from(s.dataSync())).toEqual([12, 12]);
    const m = tf.mean(x, [0]);
    expect(m.shape).toEqual([3, 2]);
    const ints = tf.sum(
      tf.tensor(
        [
          [1, 2],
          [3, 4],
        ],
        [2, 2],
        'int32',
      ),
      0,
    );
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([4, 6]);
    tf.dispose([x, s, m, ints]);
  });
});

describe('wasm Tile', () => {
  const cases: { shape: number[]; reps: number[] }[] = [
    { shape: [1, 1, 1, 16], reps: [8, 12, 10, 1] },
    { shape: [2, 3], reps: [3, 2] },
    { shape: [5], reps: [7] },
    { shape: [2, 1, 3], reps: [1, 4, 1] },
    { shape: [3, 4, 70], reps: [2, 1, 3] },
    { shape: [2, 2], reps: [1, 1] },
  ];
  cases.forEach((c, i) => {
    it(`matches cpu: ${c.shape.join('x')} by ${c.reps.join('x')}`, async () => {
      const run = (): Tensor[] => [tf.tile(tf.tensor(randomValues(size(c.shape), 40 + i), c.shape), c.reps)];
      const [cpu] = await on('cpu', run);
      const [wasm] = await on('wasm', run);
      expect(Array.from(wasm)).toEqual(Array.from(cpu));
    });
  });

  it('tiles int32 and bool tensors', async () => {
    await tf.setBackend('wasm');
    const ints = tf.tile(tf.tensor2d([[1, 2]], [1, 2], 'int32'), [2, 2]);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    const bools = tf.tile(tf.tensor1d([true, false], 'bool'), [3]);
    expect(Array.from(bools.dataSync())).toEqual([1, 0, 1, 0, 1, 0]);
    tf.dispose([ints, bools]);
  });
});

describe('wasm Identity and Cast', () => {
  it('clones by sharing memory, and the clone outlives the original', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const before = tf.backend().numDataIds();
    const b = tf.clone(a);
    expect(tf.backend().numDataIds()).toBe(before);
    a.dispose();
    expect(b.shape).toEqual([2, 2]);
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    b.dispose();
    expect(tf.backend().numDataIds()).toBe(before - 1);
  });

  it('casts to the same dtype by sharing, and to another dtype by converting', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1.5, -2.25, 3]);
    const before = tf.backend().numDataIds();
    const same = tf.cast(a, 'float32');
    expect(tf.backend().numDataIds()).toBe(before);
    const ints = tf.cast(a, 'int32');
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([1, -2, 3]);
    a.dispose();
    expect(Array.from(same.dataSync())).toEqual([1.5, -2.25, 3]);
    tf.dispose([same, ints]);
  });

  it('gives identical gradients through a clone', async () => {
    const run = () => {
      const x = tf.tensor1d(randomValues(5, 9));
      return [tf.grad((a: Tensor) => tf.sum(tf.mul(tf.clone(a), a)))(x)];
    };
    const [cpu] = await on('cpu', run);
    const [wasm] = await on('wasm', run);
    expectClose(wasm, cpu, 1e-6);
  });
});

/**
 * Each kernel of wasmTrainingKernels() by name: a computation that runs it (tf.profile sees it run on wasm),
 * compared with cpu. A kernel added to the list without a computation here fails, by name.
 */
const KERNEL_CHECKS: Record<string, { run: () => Tensor[]; tolerance?: number }> = (() => {
  const x4 = () => tf.tensor4d(randomValues(2 * 9 * 8 * 4, 71), [2, 9, 8, 4]);
  const filter = () => tf.tensor4d(randomValues(3 * 3 * 4 * 6, 72), [3, 3, 4, 6]);
  const conv = (x: Tensor, f: Tensor) => tf.conv2d(x as Tensor4D, f as Tensor4D, 1, 'same');
  const weights = (shape: number[], seed: number) => tf.tensor(randomValues(size(shape), seed), shape);
  const convLoss = (x: Tensor, f: Tensor) => tf.sum(tf.mul(conv(x, f), weights([2, 9, 8, 6], 73)));
  const m = () => tf.tensor2d(randomValues(24 * 16, 74), [24, 16]);
  const bn = (x: Tensor) =>
    batchNormTraining(x as Tensor4D, tf.ones([4]) as Tensor1D, tf.zeros([4]) as Tensor1D, 1e-3);
  return {
    Conv2DBackpropFilter: { run: () => [tf.grad((f: Tensor) => convLoss(x4(), f))(filter())] },
    Conv2DBackpropInput: { run: () => [tf.grad((x: Tensor) => convLoss(x, filter()))(x4())] },
    MaxPoolGrad: {
      run: () => [
        tf.grad((a: Tensor) =>
          tf.sum(tf.mul(tf.maxPool(a as Tensor4D, 2, 2, 'valid'), weights([2, 4, 4, 4], 75))),
        )(x4()),
      ],
    },
    Sum: { run: () => [tf.sum(m(), 0), tf.sum(m(), 1)] },
    Mean: { run: () => [tf.mean(m(), 0), tf.mean(m(), 1)] },
    Tile: { run: () => [tf.tile(m(), [2, 3])] },
    [BATCH_NORM_TRAINING]: {
      run: () => {
        const { y, mean, variance } = bn(x4());
        return [y, mean, variance];
      },
    },
    [BATCH_NORM_TRAINING_GRAD]: {
      run: () => [tf.grad((a: Tensor) => tf.sum(tf.mul(bn(a).y, weights([2, 9, 8, 4], 76))))(x4())],
    },
    Identity: { run: () => [tf.clone(m()), tf.grad((a: Tensor) => tf.sum(tf.square(tf.clone(a))))(m())] },
    Cast: { run: () => [tf.cast(tf.cast(tf.mul(m(), 10), 'int32'), 'float32'), tf.cast(m(), 'float32')] },
  };
})();

describe('every wasm training kernel', () => {
  for (const spec of wasmTrainingKernels()) {
    it(`${spec.kernelName}: runs in its computation and matches cpu`, async () => {
      const check = KERNEL_CHECKS[spec.kernelName];
      expect(check, `a computation for ${spec.kernelName} in KERNEL_CHECKS`).toBeDefined();
      await useWasm();
      const profile = await tf.profile(() => check.run());
      expect(profile.kernelNames).toContain(spec.kernelName);
      tf.dispose(profile.result as Tensor[]);
      const cpu = await on('cpu', check.run);
      const wasm = await on('wasm', check.run);
      cpu.forEach((c, k) => expectClose(wasm[k], c, check.tolerance ?? 1e-4));
    });
  }
});
