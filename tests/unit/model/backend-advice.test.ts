import { describe, expect, it } from 'vitest';
import { backendAdvice, FASTER_BACKEND_HINT } from '../../../src/core/model/backend/backend-advice.js';

describe('backendAdvice', () => {
  it("says why native TensorFlow isn't training and how to get it, when auto fell back to wasm", () => {
    const advice = backendAdvice({
      name: 'wasm',
      fallbacks: [
        'tfjs-node-gpu: not installed',
        'tfjs-node: failed to load (libtensorflow.so.2: cannot open)',
      ],
    });
    expect(advice).toBe(
      `tfjs-node-gpu: not installed; tfjs-node: failed to load (libtensorflow.so.2: cannot open). ${FASTER_BACKEND_HINT}`,
    );
    expect(FASTER_BACKEND_HINT).toMatch(/npm install @tensorflow\/tfjs-node\b/);
    expect(FASTER_BACKEND_HINT).toMatch(/@tensorflow\/tfjs-node-gpu .*CUDA/);
  });

  it('names only the native reasons when wasm failed too and cpu trains', () => {
    const advice = backendAdvice({
      name: 'cpu',
      fallbacks: ['tfjs-node-gpu: not installed', 'tfjs-node: not installed', 'wasm: failed to initialise'],
    });
    expect(advice).toMatch(/^tfjs-node-gpu: not installed; tfjs-node: not installed\. For faster training/);
    expect(advice).not.toContain('wasm: failed');
  });

  it('says nothing when native TensorFlow trains, or when the backend was chosen by name', () => {
    expect(backendAdvice({ name: 'node', fallbacks: ['tfjs-node-gpu: not installed'] })).toBeNull();
    expect(backendAdvice({ name: 'node-gpu', fallbacks: [] })).toBeNull();
    expect(backendAdvice({ name: 'wasm', fallbacks: [] })).toBeNull();
  });
});
