// The one tfjs instance the engine uses. Every engine module imports `tf` from here, never
// '@tensorflow/tfjs' directly, so that when tfjs-node brings a tfjs-core of its own (a nested,
// non-deduplicated copy), selectBackend can switch the whole engine to the instance that actually
// has the 'tensorflow' backend registered. `tf` is a live ESM binding: importers see the switch.
import * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;

export let tf: Tf = tfjs;

/** The instance '@tensorflow/tfjs' resolves to (where wasm and cpu are registered). */
export const bundledTf: Tf = tfjs;

export function useTfInstance(instance: Tf): void {
  tf = instance;
}
