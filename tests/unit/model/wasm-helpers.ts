// Shared by the wasm kernel tests: run the same computation on cpu (the reference) and on wasm
// with our training kernels, from identical inputs, and compare.
import { expect } from 'vitest';
import type { Tensor } from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { bundledTf as tf } from '../../../src/core/model/backend/tf.js';
import { createRng } from '../../../src/core/util/random.js';

export { tf };

export async function useWasm(): Promise<void> {
  await selectBackend('wasm');
}

/** Deterministic pseudo-random values in [-1, 1). */
export function randomValues(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

export function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Runs `f` with `backend` current and returns its results as plain arrays (nothing leaks). */
export async function on(backend: 'cpu' | 'wasm', f: () => Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(f);
  const values = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

/** max |a - b| over max |b|: errors judged against the tensor's own scale. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

export function expectClose(actual: Float32Array, expected: Float32Array, tolerance = 1e-4): void {
  for (let i = 0; i < actual.length; i++) expect(Number.isFinite(actual[i])).toBe(true);
  expect(relativeError(actual, expected)).toBeLessThan(tolerance);
}
