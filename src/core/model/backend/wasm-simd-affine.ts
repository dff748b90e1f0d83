// Per-channel affine maps over a channels-last activation, as a tiny WebAssembly SIMD module that
// runs on tfjs-backend-wasm's own heap (it imports the backend's memory, so nothing is copied):
//   affine1: out = a[c] * u + d[c]               (batch-norm forward)
//   affine2: out = a[c] * u + b[c] * v + d[c]    (batch-norm input gradient)
// A scalar JavaScript loop manages about 2-4 ns per element on these 8.4M-element passes; four
// lanes at a time, in wasm, a fraction of that (batch-norm backward 78 -> 25 ms on the twin CNN).
// Channels must be a multiple of 4.
import {
  assemble,
  F32X4_ADD,
  F32X4_MUL,
  get,
  i32,
  instantiate,
  Op,
  set,
  tee,
  V128_LOAD,
  V128_STORE,
  type KernelFunction,
} from './wasm-simd-encoder.js';

const load = (base: number, k: number) => [...get(base), ...get(k), Op.i32Add, ...V128_LOAD];

/**
 * Params (out, u, v, coef, pixels, channels), all byte offsets but the last two; coef = a[C], b[C],
 * d[C]. Locals: end, k, row bytes.
 */
function affine(withV: boolean): KernelFunction {
  const [OUT, U, V, COEF, PIXELS, CHANNELS, END, K, ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const coefAt = (which: number) => [
    ...get(COEF),
    ...get(ROW),
    ...i32(which),
    Op.i32Mul,
    Op.i32Add,
    ...get(K),
    Op.i32Add,
    ...V128_LOAD,
  ];
  const value = [
    ...coefAt(0),
    ...load(U, K),
    ...F32X4_MUL,
    ...(withV ? [...coefAt(1), ...load(V, K), ...F32X4_MUL, ...F32X4_ADD] : []),
    ...coefAt(2),
    ...F32X4_ADD,
  ];
  const code = [
    // row = channels * 4 bytes; end = out + pixels * row
    ...get(CHANNELS),
    ...i32(2),
    Op.i32Shl,
    ...tee(ROW),
    ...get(PIXELS),
    Op.i32Mul,
    ...get(OUT),
    Op.i32Add,
    ...set(END),
    Op.block,
    Op.blockVoid,
    Op.loop,
    Op.blockVoid,
    ...get(OUT),
    ...get(END),
    Op.i32GeU,
    Op.brIf,
    1,
    ...i32(0),
    ...set(K),
    Op.loop,
    Op.blockVoid,
    ...get(OUT),
    ...get(K),
    Op.i32Add,
    ...value,
    ...V128_STORE,
    ...get(K),
    ...i32(16),
    Op.i32Add,
    ...tee(K),
    ...get(ROW),
    Op.i32LtU,
    Op.brIf,
    0,
    Op.end,
    ...[OUT, U, V].flatMap((p) => [...get(p), ...get(ROW), Op.i32Add, ...set(p)]),
    Op.br,
    0,
    Op.end,
    Op.end,
  ];
  return { name: withV ? 'affine2' : 'affine1', params: 6, locals: [[3, Op.typeI32]], code };
}

export interface SimdAffine {
  /** Byte offsets into the memory; `v` is ignored by affine1. */
  affine1(out: number, u: number, v: number, coef: number, pixels: number, channels: number): void;
  affine2(out: number, u: number, v: number, coef: number, pixels: number, channels: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdAffine | null>();

/** The module bound to `memory`, or null where WebAssembly SIMD is unavailable. */
export function simdAffine(memory: WebAssembly.Memory): SimdAffine | null {
  if (!instances.has(memory)) {
    const exports = instantiate(assemble([affine(false), affine(true)]), memory);
    const ok =
      exports != null && typeof exports.affine1 === 'function' && typeof exports.affine2 === 'function';
    instances.set(memory, ok ? (exports as unknown as SimdAffine) : null);
  }
  return instances.get(memory) ?? null;
}
