import type { KernelConfig } from '@tensorflow/tfjs';

/** A wasm kernel before registration (the backend name is always 'wasm'). */
export type WasmKernelSpec = Omit<KernelConfig, 'backendName'>;
