// What to tell a user whose training runs on wasm or cpu because native TensorFlow is missing: the usual
// cause is tfjs-node's install step, which downloads libtensorflow and fails without that network access
// (npm ci still succeeds: the package is optional).
import type { BackendName } from '../../../common/options.js';

/** How to get a faster backend; one sentence, said wherever the fallback is reported. */
export const FASTER_BACKEND_HINT =
  'For faster training, reinstall @tensorflow/tfjs-node where the network reaches its libtensorflow download (npm install @tensorflow/tfjs-node), or use @tensorflow/tfjs-node-gpu on a machine with CUDA.';

/**
 * Why native TensorFlow is not training and how to get it, for a backend 'auto' fell back to; null when a
 * native backend is in use or the backend was chosen by name (no fallbacks: the user asked for it).
 */
export function backendAdvice(info: { name: BackendName; fallbacks: readonly string[] }): string | null {
  if (info.name === 'node' || info.name === 'node-gpu') return null;
  const native = info.fallbacks.filter((reason) => reason.startsWith('tfjs-node'));
  if (native.length === 0) return null;
  return `${native.join('; ')}. ${FASTER_BACKEND_HINT}`;
}

/** The line `ser serve` prints at start when neither native package is installed. */
export function missingNativeNotice(): string {
  return `Training will use the wasm backend (tfjs-node is not installed). ${FASTER_BACKEND_HINT}`;
}
