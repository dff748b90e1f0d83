// The filter gradient of a convolution, dW[(ky,kx,ci), co] = sum over output pixels r of
// xpad[pixel r + tap (ky,kx), ci] * dy[r, co], as a WebAssembly SIMD kernel on the backend heap.
// Through XNNPACK (a convolution with dy as the filter, wasm-conv-grads.ts) the product itself is
// fast but XNNPACK first re-packs the whole output gradient as weights, which costs more than the
// product (73 ms against 7 ms on the twin CNN's first layer). Here nothing is packed: one output
// row at a time, every 4 x 8 tile of dW accumulates over the row's pixels in registers, while the
// row's input window and gradient stay in cache.
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
  V128_STORE,
  type KernelFunction,
} from './wasm-simd-encoder.js';

const I32_LOAD = (offset: number) => [0x28, 0x02, ...uleb(offset)];
const V128_LOAD_AT = (offset: number) => [Op.simd, 0x00, 0x02, ...uleb(offset)];
const V128_STORE_AT = (offset: number) => [...V128_STORE.slice(0, 3), ...uleb(offset)];
const V128_LOAD32_SPLAT = [Op.simd, 0x09, 0x02, 0x00];
const I32_SUB = 0x6b;

// Params: x row (padded input at this output row's first pixel), dy row, acc, offsets table, m
// tiles (of 4 rows), n tiles (of 8 columns), pixels in the row, x bytes per pixel step, dy bytes
// per pixel (= row bytes of acc).
const [XROW, DYROW, ACC, OFFS, MTILES, NTILES, OW, COLSTEP, DYSTRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
// i32 locals
const [MT, O0, O1, O2, O3, NT, ACCP, P, D, N] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
// v128 locals: accumulators a[i][j] (row i of the tile, 4-lane half j), b0, b1, splat
const ACCS = [19, 20, 21, 22, 23, 24, 25, 26];
const [B0, B1, A] = [27, 28, 29];
const OFFSETS = [O0, O1, O2, O3];

function accRow(i: number): number[] {
  return [...get(ACCP), ...get(DYSTRIDE), ...i32(i), Op.i32Mul, Op.i32Add];
}

function filterGradRow(): KernelFunction {
  const loadAccs = [0, 1, 2, 3].flatMap((i) =>
    [0, 1].flatMap((j) => [...accRow(i), ...V128_LOAD_AT(16 * j), ...set(ACCS[2 * i + j])]),
  );
  const storeAccs = [0, 1, 2, 3].flatMap((i) =>
    [0, 1].flatMap((j) => [...accRow(i), ...get(ACCS[2 * i + j]), ...V128_STORE_AT(16 * j)]),
  );
  const pixel = [
    ...get(D),
    ...V128_LOAD_AT(0),
    ...set(B0),
    ...get(D),
    ...V128_LOAD_AT(16),
    ...set(B1),
    ...[0, 1, 2, 3].flatMap((i) => [
      ...get(P),
      ...get(OFFSETS[i]),
      Op.i32Add,
      ...V128_LOAD32_SPLAT,
      ...set(A),
      ...[0, 1].flatMap((j) => [
        ...get(ACCS[2 * i + j]),
        ...get(A),
        ...get(j === 0 ? B0 : B1),
        ...F32X4_MUL,
        ...F32X4_ADD,
        ...set(ACCS[2 * i + j]),
      ]),
    ]),
    ...get(P),
    ...get(COLSTEP),
    Op.i32Add,
    ...set(P),
    ...get(D),
    ...get(DYSTRIDE),
    Op.i32Add,
    ...set(D),
  ];
  const code = [
    ...i32(0),
    ...set(MT),
    Op.block,
    Op.blockVoid,
    Op.loop,
    Op.blockVoid,
    ...get(MT),
    ...get(MTILES),
    Op.i32GeU,
    Op.brIf,
    1,
    // This tile's four input offsets.
    ...OFFSETS.flatMap((o, i) => [
      ...get(OFFS),
      ...get(MT),
      ...i32(4),
      Op.i32Shl,
      Op.i32Add,
      ...I32_LOAD(4 * i),
      ...set(o),
    ]),
    ...i32(0),
    ...set(NT),
    Op.block,
    Op.blockVoid,
    Op.loop,
    Op.blockVoid,
    ...get(NT),
    ...get(NTILES),
    Op.i32GeU,
    Op.brIf,
    1,
    // acc tile origin: acc + mt * 4 rows + nt * 8 columns
    ...get(ACC),
    ...get(MT),
    ...i32(2),
    Op.i32Shl,
    ...get(DYSTRIDE),
    Op.i32Mul,
    Op.i32Add,
    ...get(NT),
    ...i32(5),
    Op.i32Shl,
    Op.i32Add,
    ...set(ACCP),
    ...loadAccs,
    ...get(XROW),
    ...set(P),
    ...get(DYROW),
    ...get(NT),
    ...i32(5),
    Op.i32Shl,
    Op.i32Add,
    ...set(D),
    ...get(OW),
    ...set(N),
    Op.loop,
    Op.blockVoid,
    ...pixel,
    ...get(N),
    ...i32(1),
    I32_SUB,
    ...tee(N),
    Op.brIf,
    0,
    Op.end,
    ...storeAccs,
    ...get(NT),
    ...i32(1),
    Op.i32Add,
    ...set(NT),
    Op.br,
    0,
    Op.end,
    Op.end,
    ...get(MT),
    ...i32(1),
    Op.i32Add,
    ...set(MT),
    Op.br,
    0,
    Op.end,
    Op.end,
  ];
  return {
    name: 'filterGradRow',
    params: 9,
    locals: [
      [10, Op.typeI32],
      [11, Op.typeV128],
    ],
    code,
  };
}

export interface SimdFilterGrad {
  filterGradRow(
    xRow: number,
    dyRow: number,
    acc: number,
    offsets: number,
    mTiles: number,
    nTiles: number,
    pixels: number,
    colStep: number,
    dyStride: number,
  ): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdFilterGrad | null>();

export function simdFilterGrad(memory: WebAssembly.Memory): SimdFilterGrad | null {
  if (!instances.has(memory)) {
    const exports = instantiate(assemble([filterGradRow()]), memory);
    const ok = exports != null && typeof exports.filterGradRow === 'function';
    instances.set(memory, ok ? (exports as unknown as SimdFilterGrad) : null);
  }
  return instances.get(memory) ?? null;
}
