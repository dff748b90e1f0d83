// One instance of a hand-assembled SIMD module per WebAssembly.Memory: the module imports the
// memory whose byte offsets it is given, and tfjs-backend-wasm gets a new memory each time it is
// initialised. Null where the module cannot be instantiated (no wasm SIMD in this engine), so
// callers keep their JavaScript path.
import { assemble, type KernelFunction } from './wasm-simd-encoder.js';

function instantiate(bytes: Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): WebAssembly.Exports | null {
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  } catch {
    return null;
  }
}

/**
 * The module of `build()`'s functions bound to a memory, assembled on first use. `Exports` names
 * those functions' signatures (every one is checked to be present).
 */
export function simdModule<Exports extends object>(
  build: () => KernelFunction[],
): (memory: WebAssembly.Memory) => Exports | null {
  const instances = new WeakMap<WebAssembly.Memory, Exports | null>();
  return (memory) => {
    if (!instances.has(memory)) {
      const functions = build();
      const exports = instantiate(assemble(functions), memory);
      const ok = exports != null && functions.every((f) => typeof exports[f.name] === 'function');
      instances.set(memory, ok ? (exports as unknown as Exports) : null);
    }
    return instances.get(memory) ?? null;
  };
}
