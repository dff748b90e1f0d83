import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, selectBackend } from '../../../src/core/model/backend/node/select.js';
import { tf } from '../../../src/core/model/backend/tf.js';

const require = createRequire(import.meta.url);
function installed(pkg: string): boolean {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}
const nativeInstalled = installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu');

describe('selectBackend', () => {
  it.skipIf(nativeInstalled)('picks wasm when no native backend is installed, saying why', async () => {
    const info = await selectBackend();
    expect(info.name).toBe('wasm');
    expect(info.tfBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.detail).toMatch(/^wasm \((SIMD|no SIMD), \d+ threads?\)$/);
    expect(info.fallbacks).toEqual(['tfjs-node-gpu: not installed', 'tfjs-node: not installed']);
  });

  it('makes wasm able to train a conv net (gradient kernels registered)', async () => {
    await selectBackend('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    const x = tf.ones([1, 4, 4, 1]);
    const w = tf.ones([3, 3, 1, 1]);
    const dw = tf.grad((f: typeof w) => tf.sum(tf.conv2d(x as never, f as never, 1, 'same')))(w);
    // Each filter tap sees as many ones as the image has positions it overlaps after padding.
    expect(Array.from(dw.dataSync())).toEqual([9, 12, 9, 12, 16, 12, 9, 12, 9]);
    tf.dispose([x, w, dw]);
  });

  it('uses cpu when told to, with no fallbacks', async () => {
    const info = await selectBackend('cpu');
    expect(info).toEqual({
      name: 'cpu',
      tfBackend: 'cpu',
      detail: expect.stringMatching(/^cpu/),
      fallbacks: [],
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it.skipIf(nativeInstalled)('refuses a forced backend that is not available, with the reason', async () => {
    await expect(selectBackend('node')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('node-gpu')).rejects.toThrow(/node-gpu.*not installed/);
    // A failed forced choice leaves the current backend alone.
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend name', async () => {
    await expect(selectBackend('webgpu' as never)).rejects.toThrow(/unknown backend 'webgpu'/);
  });
});
