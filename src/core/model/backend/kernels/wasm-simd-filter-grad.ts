// The filter gradient of a convolution, dW[(ky,kx,ci), co] = sum over output pixels r of
// xpad[pixel r + tap (ky,kx), ci] * dy[r, co], as a WebAssembly SIMD kernel on the backend heap.
// Through XNNPACK (a convolution with dy as the filter, wasm-conv-grads.ts) the product itself is
// fast but XNNPACK first re-packs the whole output gradient as weights, which costs more than the
// product (73 ms against 7 ms on the twin CNN's first layer). Here nothing is packed: one output
// row at a time, every 4 x 8 tile of dW accumulates over the row's pixels in registers, while the
// row's input window and gradient stay in cache.
import {
  F32X4_ADD,
  F32X4_MUL,
  get,
  i32,
  i32LoadAt,
  Op,
  set,
  V128_LOAD32_SPLAT,
  v128LoadAt,
  v128StoreAt,
} from '../wasm-simd-encoder.js';
import type { KernelFunction } from '../wasm-simd-encoder.js';
import { advance, forCount, repeat, scaledAdd } from '../wasm-simd-loops.js';
import { simdModule } from '../wasm-simd-module.js';

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
    [0, 1].flatMap((j) => [...accRow(i), ...v128LoadAt(16 * j), ...set(ACCS[2 * i + j])]),
  );
  const storeAccs = [0, 1, 2, 3].flatMap((i) =>
    [0, 1].flatMap((j) => [...accRow(i), ...get(ACCS[2 * i + j]), ...v128StoreAt(16 * j)]),
  );
  const pixel = [
    ...get(D),
    ...v128LoadAt(0),
    ...set(B0),
    ...get(D),
    ...v128LoadAt(16),
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
    ...advance(P, COLSTEP),
    ...advance(D, DYSTRIDE),
  ];
  const tile = [
    // acc tile origin: acc + mt * 4 rows + nt * 8 columns
    ...[...get(ACC), ...get(MT), ...i32(2), Op.i32Shl, ...get(DYSTRIDE), Op.i32Mul, Op.i32Add],
    ...[...get(NT), ...i32(5), Op.i32Shl, Op.i32Add, ...set(ACCP)],
    ...loadAccs,
    ...[...get(XROW), ...set(P), ...scaledAdd(DYROW, NT, 5), ...set(D)],
    ...repeat(OW, N, pixel),
    ...storeAccs,
  ];
  const code = forCount(MT, MTILES, [
    // This tile's four input offsets.
    ...OFFSETS.flatMap((o, i) => [...scaledAdd(OFFS, MT, 4), ...i32LoadAt(4 * i), ...set(o)]),
    ...forCount(NT, NTILES, tile),
  ]);
  return { name: 'filterGradRow', params: 9, i32Locals: 10, v128Locals: 11, code };
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

export const simdFilterGrad = simdModule<SimdFilterGrad>(() => [filterGradRow()]);
