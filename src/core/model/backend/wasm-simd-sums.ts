// Per-channel sums of (u - ku) and of (u - ku) * (v - kv) over a channels-last tensor, with
// per-channel shifts ku, kv (batch-norm moments: u = v = x shifted by a guess of the mean; its
// gradient: u = dy, v = x shifted by the batch mean), in WebAssembly SIMD on the backend heap.
// Shifting keeps the products centred, so float32 lanes lose nothing to cancellation; lanes
// accumulate over blocks of 64 rows only, each block's sums then promoted to float64 and added to
// the totals. Channels: multiple of 4.
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
  uleb,
  V128_LOAD,
  type KernelFunction,
} from './wasm-simd-encoder.js';

const I32_SUB = 0x6b;
const I32_GT_U = 0x4b;
const SELECT = 0x1b;
const I32_CONST_64 = [Op.i32Const, 0xc0, 0x00]; // 64 as signed LEB128
const V128_ZERO = [Op.simd, 0x0c, ...new Array<number>(16).fill(0)];
const V128_LOAD_AT = (offset: number) => [Op.simd, 0x00, 0x02, ...uleb(offset)];
const V128_STORE_AT = (offset: number) => [Op.simd, 0x0b, 0x02, ...uleb(offset)];
const HIGH_HALF = [Op.simd, 0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const F64X2_PROMOTE_LOW = [Op.simd, 0x5f];
const F64X2_ADD = [Op.simd, 0xf0, 0x01];
const F32X4_SUB = [Op.simd, 0xe5, 0x01];

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
    ...V128_LOAD_AT(0),
    ...get(v),
    ...F64X2_PROMOTE_LOW,
    ...F64X2_ADD,
    ...V128_STORE_AT(0),
    ...get(DST),
    ...get(DST),
    ...V128_LOAD_AT(16),
    ...get(v),
    ...get(v),
    ...HIGH_HALF,
    ...F64X2_PROMOTE_LOW,
    ...F64X2_ADD,
    ...V128_STORE_AT(16),
  ];
}

function channelSums(): KernelFunction {
  const code = [
    ...get(CHANNELS),
    ...i32(2),
    Op.i32Shl,
    ...set(CB),
    ...i32(0),
    ...set(ROW0),
    Op.block,
    Op.blockVoid,
    Op.loop,
    Op.blockVoid,
    ...get(ROW0),
    ...get(PIXELS),
    Op.i32GeU,
    Op.brIf,
    1,
    // n = min(64, pixels - row0)
    ...I32_CONST_64,
    ...get(PIXELS),
    ...get(ROW0),
    I32_SUB,
    ...tee(N),
    ...get(N),
    ...I32_CONST_64,
    I32_GT_U,
    SELECT,
    ...set(N),
    ...i32(0),
    ...set(K),
    Op.loop,
    Op.blockVoid,
    ...V128_ZERO,
    ...set(S),
    ...V128_ZERO,
    ...set(P),
    // this channel group's shifts
    ...get(SHIFT),
    ...get(K),
    Op.i32Add,
    ...V128_LOAD,
    ...set(KU),
    ...get(SHIFT),
    ...get(K),
    Op.i32Add,
    ...get(CB),
    Op.i32Add,
    ...V128_LOAD,
    ...set(KV),
    // pu = u + row0 * cb + k, pv likewise
    ...[
      [U, PU],
      [V, PV],
    ].flatMap(([base, ptr]) => [
      ...get(base),
      ...get(ROW0),
      ...get(CB),
      Op.i32Mul,
      Op.i32Add,
      ...get(K),
      Op.i32Add,
      ...set(ptr),
    ]),
    ...get(N),
    ...set(COUNT),
    Op.loop,
    Op.blockVoid,
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
    ...[PU, PV].flatMap((ptr) => [...get(ptr), ...get(CB), Op.i32Add, ...set(ptr)]),
    ...get(COUNT),
    ...i32(1),
    I32_SUB,
    ...tee(COUNT),
    Op.brIf,
    0,
    Op.end,
    // sums of u at acc + 2k bytes (float64), sums of u * v a further 2 * cb bytes on
    ...get(ACC),
    ...get(K),
    ...i32(1),
    Op.i32Shl,
    Op.i32Add,
    ...set(DST),
    ...flush(S),
    ...get(DST),
    ...get(CB),
    ...i32(1),
    Op.i32Shl,
    Op.i32Add,
    ...set(DST),
    ...flush(P),
    ...get(K),
    ...i32(16),
    Op.i32Add,
    ...tee(K),
    ...get(CB),
    Op.i32LtU,
    Op.brIf,
    0,
    Op.end,
    ...get(ROW0),
    ...get(N),
    Op.i32Add,
    ...set(ROW0),
    Op.br,
    0,
    Op.end,
    Op.end,
  ];
  return {
    name: 'channelSums',
    params: 6,
    locals: [
      [8, Op.typeI32],
      [5, Op.typeV128],
    ],
    code,
  };
}

export interface SimdSums {
  channelSums(u: number, v: number, shift: number, pixels: number, channels: number, acc: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdSums | null>();

export function simdSums(memory: WebAssembly.Memory): SimdSums | null {
  if (!instances.has(memory)) {
    const exports = instantiate(assemble([channelSums()]), memory);
    const ok = exports != null && typeof exports.channelSums === 'function';
    instances.set(memory, ok ? (exports as unknown as SimdSums) : null);
  }
  return instances.get(memory) ?? null;
}
