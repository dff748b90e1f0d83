// Per-channel sums of (u - ku) and of (u - ku) * (v - kv) over a channels-last tensor, with
// per-channel shifts ku, kv (batch-norm moments: u = v = x shifted by a guess of the mean; its
// gradient: u = dy, v = x shifted by the batch mean), in WebAssembly SIMD on the backend heap.
// Shifting keeps the products centred, so float32 lanes lose nothing to cancellation; lanes
// accumulate over blocks of 64 rows only, each block's sums then promoted to float64 and added to
// the totals. Channels: multiple of 4.
import {
  F32X4_ADD,
  F32X4_MUL,
  F32X4_SUB,
  get,
  i32,
  Op,
  set,
  tee,
  V128_LOAD,
  v128LoadAt,
  v128StoreAt,
} from '../wasm-simd-encoder.js';
import type { KernelFunction } from '../wasm-simd-encoder.js';
import { advance, floatBytes, forVectors, repeat, scaledAdd, sumOf, whileBelow } from '../wasm-simd-loops.js';
import { simdModule } from '../wasm-simd-module.js';

const I32_CONST_64 = [Op.i32Const, 0xc0, 0x00]; // 64 as signed LEB128
const V128_ZERO = [Op.simd, 0x0c, ...new Array<number>(16).fill(0)];
const HIGH_HALF = [Op.simd, 0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const F64X2_PROMOTE_LOW = [Op.simd, 0x5f];
const F64X2_ADD = [Op.simd, 0xf0, 0x01];

// Params: u, v, shift (float32 [2][channels]: ku then kv), pixels, channels, acc (float64
// [2][channels]: the two sums).
const [U, V, SHIFT, PIXELS, CHANNELS, ACC] = [0, 1, 2, 3, 4, 5];
// i32 locals: row0, n, k, cb, pu, pv, count, dst; v128 locals: s, p, a, ku, kv
const [ROW0, N, K, CB, PU, PV, COUNT, DST] = [6, 7, 8, 9, 10, 11, 12, 13];
const [S, P, A, KU, KV] = [14, 15, 16, 17, 18];

/** acc[dst .. dst+3] (float64) += lanes of `v`. */
function flush(v: number): number[] {
  return [
    ...get(DST),
    ...get(DST),
    ...v128LoadAt(0),
    ...get(v),
    ...F64X2_PROMOTE_LOW,
    ...F64X2_ADD,
    ...v128StoreAt(0),
    ...get(DST),
    ...get(DST),
    ...v128LoadAt(16),
    ...get(v),
    ...get(v),
    ...HIGH_HALF,
    ...F64X2_PROMOTE_LOW,
    ...F64X2_ADD,
    ...v128StoreAt(16),
  ];
}

/** base + row0 * cb: the first row of this block. */
function blockStart(base: number): number[] {
  return [...get(base), ...get(ROW0), ...get(CB), Op.i32Mul, Op.i32Add];
}

function channelSums(): KernelFunction {
  // One row of this channel group: s += u - ku, p += (u - ku) * (v - kv); then the next row.
  const row = [
    ...get(PU),
    ...V128_LOAD,
    ...get(KU),
    ...F32X4_SUB,
    ...tee(A),
    ...get(S),
    ...F32X4_ADD,
    ...set(S),
    ...get(A),
    ...get(PV),
    ...V128_LOAD,
    ...get(KV),
    ...F32X4_SUB,
    ...F32X4_MUL,
    ...get(P),
    ...F32X4_ADD,
    ...set(P),
    ...[PU, PV].flatMap((ptr) => advance(ptr, CB)),
  ];
  const channelGroup = [
    ...[...V128_ZERO, ...set(S), ...V128_ZERO, ...set(P)],
    // this channel group's shifts
    ...[...sumOf(SHIFT, K), ...V128_LOAD, ...set(KU), ...sumOf(SHIFT, K, CB), ...V128_LOAD, ...set(KV)],
    // pu = u + row0 * cb + k, pv likewise
    ...[
      [U, PU],
      [V, PV],
    ].flatMap(([base, ptr]) => [...blockStart(base), ...get(K), Op.i32Add, ...set(ptr)]),
    ...repeat(N, COUNT, row),
    // sums of u at acc + 2k bytes (float64), sums of u * v a further 2 * cb bytes on
    ...[...scaledAdd(ACC, K, 1), ...set(DST), ...flush(S)],
    ...[...scaledAdd(DST, CB, 1), ...set(DST), ...flush(P)],
  ];
  const code = [
    ...[...floatBytes(CHANNELS), ...set(CB), ...i32(0), ...set(ROW0)],
    ...whileBelow(ROW0, PIXELS, [
      // n = min(64, pixels - row0)
      ...I32_CONST_64,
      ...get(PIXELS),
      ...get(ROW0),
      Op.i32Sub,
      ...tee(N),
      ...get(N),
      ...I32_CONST_64,
      Op.i32GtU,
      Op.select,
      ...set(N),
      ...forVectors(K, CB, channelGroup),
      ...advance(ROW0, N),
    ]),
  ];
  return { name: 'channelSums', params: 6, i32Locals: 8, v128Locals: 5, code };
}

export interface SimdSums {
  channelSums(u: number, v: number, shift: number, pixels: number, channels: number, acc: number): void;
}

export const simdSums = simdModule<SimdSums>(() => [channelSums()]);
