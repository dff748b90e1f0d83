// The gradient of a 2x2, stride-2 max pool, one output row per call, four channels per
// instruction, on tfjs-backend-wasm's heap. Each window's gradient goes to its first maximum in
// scan order (strict '>', NaN never wins), the cpu backend's rule; the window's other three
// positions get 0, so no separate clearing pass is needed. Channels must be a multiple of 4.
import {
  F32X4_GT,
  get,
  i32,
  Op,
  set,
  tee,
  V128_AND,
  V128_ANDNOT,
  V128_BITSELECT,
  V128_LOAD,
  V128_OR,
  V128_STORE,
  v128ConstF32,
} from '../wasm-simd-encoder.js';
import type { KernelFunction } from '../wasm-simd-encoder.js';
import { advance, floatBytes, forVectors, scaledAdd, sumOf, whileBelow } from '../wasm-simd-loops.js';
import { simdModule } from '../wasm-simd-module.js';

// Params (byte offsets but the last three): x row, dy row, dx row, output width, channels, input
// row bytes. i32 locals: end, k, channel bytes; v128 locals: x0..x3, best, m0..m3, g, later.
const [X, DY, DX, OW, C, ROW, END, K, CB] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [X0, X1, X2, X3, BEST, M0, M1, M2, M3, G, LATER] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

/** Address base + k (+ CB) (+ ROW). */
function at(base: number, right: boolean, down: boolean): number[] {
  return sumOf(base, K, ...(right ? [CB] : []), ...(down ? [ROW] : []));
}

function maxPool2x2GradRow(): KernelFunction {
  const corners: [boolean, boolean][] = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ];
  const xs = [X0, X1, X2, X3];
  const ms = [M0, M1, M2, M3];
  const loads = corners.flatMap(([r, d], i) => [...at(X, r, d), ...V128_LOAD, ...set(xs[i])]);
  // m_i = x_i > best; best = m_i ? x_i : best, starting from -Infinity.
  const scan = xs.flatMap((x, i) => [
    ...get(x),
    ...(i === 0 ? v128ConstF32(-Infinity) : get(BEST)),
    ...F32X4_GT,
    ...set(ms[i]),
    ...(i < 3
      ? [
          ...get(x),
          ...(i === 0 ? v128ConstF32(-Infinity) : get(BEST)),
          ...get(ms[i]),
          ...V128_BITSELECT,
          ...set(BEST),
        ]
      : []),
  ]);
  // The last maximum found is the first in scan order: dx_i = g where m_i and no later m_j.
  const stores = [3, 2, 1, 0].flatMap((i) => [
    ...at(DX, corners[i][0], corners[i][1]),
    ...get(G),
    ...(i === 3 ? get(ms[i]) : [...get(ms[i]), ...get(LATER), ...V128_ANDNOT]),
    ...V128_AND,
    ...V128_STORE,
    ...(i === 3
      ? [...get(ms[i]), ...set(LATER)]
      : i > 0
        ? [...get(LATER), ...get(ms[i]), ...V128_OR, ...set(LATER)]
        : []),
  ]);
  const code = [
    // end = x + 2 * output width * channel bytes
    ...[
      ...floatBytes(C),
      ...tee(CB),
      ...get(OW),
      Op.i32Mul,
      ...i32(1),
      Op.i32Shl,
      ...get(X),
      Op.i32Add,
      ...set(END),
    ],
    ...whileBelow(X, END, [
      ...forVectors(K, CB, [...loads, ...scan, ...sumOf(DY, K), ...V128_LOAD, ...set(G), ...stores]),
      // Next window: two input pixels right, one dy pixel.
      ...[X, DX].flatMap((p) => [...scaledAdd(p, CB, 1), ...set(p)]),
      ...advance(DY, CB),
    ]),
  ];
  return { name: 'maxPool2x2GradRow', params: 6, i32Locals: 3, v128Locals: 11, code };
}

export interface SimdPool {
  maxPool2x2GradRow(
    x: number,
    dy: number,
    dx: number,
    outWidth: number,
    channels: number,
    rowBytes: number,
  ): void;
}

export const simdPool = simdModule<SimdPool>(() => [maxPool2x2GradRow()]);
