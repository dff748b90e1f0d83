// Per-channel affine maps over a channels-last activation, as a tiny WebAssembly SIMD module that
// runs on tfjs-backend-wasm's own heap (it imports the backend's memory, so nothing is copied):
//   affine1: out = a[c] * u + d[c]               (batch-norm forward)
//   affine2: out = a[c] * u + b[c] * v + d[c]    (batch-norm input gradient)
// A scalar JavaScript loop manages about 2-4 ns per element on these 8.4M-element passes; four
// lanes at a time, in wasm, a fraction of that (batch-norm backward 78 -> 25 ms on the twin CNN).
// Channels must be a multiple of 4.
import { F32X4_ADD, F32X4_MUL, get, i32, Op, set, tee, V128_LOAD, V128_STORE } from '../wasm-simd-encoder.js';
import type { KernelFunction } from '../wasm-simd-encoder.js';
import { advance, floatBytes, forVectors, sumOf, whileBelow } from '../wasm-simd-loops.js';
import { simdModule } from '../wasm-simd-module.js';

const load = (base: number, k: number) => [...sumOf(base, k), ...V128_LOAD];

/**
 * Params (out, u, v, coef, pixels, channels), all byte offsets but the last two; coef = a[C], b[C],
 * d[C]. Locals: end, k, row bytes.
 */
function affine(withV: boolean): KernelFunction {
  const [OUT, U, V, COEF, PIXELS, CHANNELS, END, K, ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // Row `which` of coef, then this group of four channels in it.
  const coefRow = (which: number) => [...get(COEF), ...get(ROW), ...i32(which), Op.i32Mul, Op.i32Add];
  const coefAt = (which: number) => [...coefRow(which), ...get(K), Op.i32Add, ...V128_LOAD];
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
    ...[...floatBytes(CHANNELS), ...tee(ROW), ...get(PIXELS), Op.i32Mul, ...get(OUT), Op.i32Add, ...set(END)],
    ...whileBelow(OUT, END, [
      ...forVectors(K, ROW, [...sumOf(OUT, K), ...value, ...V128_STORE]),
      ...[OUT, U, V].flatMap((p) => advance(p, ROW)),
    ]),
  ];
  return { name: withV ? 'affine2' : 'affine1', params: 6, i32Locals: 3, v128Locals: 0, code };
}

export interface SimdAffine {
  /** Byte offsets into the memory; `v` is ignored by affine1. */
  affine1(out: number, u: number, v: number, coef: number, pixels: number, channels: number): void;
  affine2(out: number, u: number, v: number, coef: number, pixels: number, channels: number): void;
}

/** The module bound to `memory`, or null where WebAssembly SIMD is unavailable. */
export const simdAffine = simdModule<SimdAffine>(() => [affine(false), affine(true)]);
