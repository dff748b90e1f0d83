// The gradient of a 2x2, stride-2 max pool, one output row per call, four channels per
// instruction, on tfjs-backend-wasm's heap. Each window's gradient goes to its first maximum in
// scan order (strict '>', NaN never wins), the cpu backend's rule; the window's other three
// positions get 0, so no separate clearing pass is needed. Channels must be a multiple of 4.
import {
  assemble,
  F32X4_GT,
  get,
  i32,
  instantiate,
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
  type KernelFunction,
} from './wasm-simd-encoder.js';

// Params (byte offsets but the last three): x row, dy row, dx row, output width, channels, input
// row bytes. i32 locals: end, k, channel bytes; v128 locals: x0..x3, best, m0..m3, g, later.
const [X, DY, DX, OW, C, ROW, END, K, CB] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [X0, X1, X2, X3, BEST, M0, M1, M2, M3, G, LATER] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

/** Address base + k (+ CB) (+ ROW). */
function at(base: number, right: boolean, down: boolean): number[] {
  return [
    ...get(base),
    ...get(K),
    Op.i32Add,
    ...(right ? [...get(CB), Op.i32Add] : []),
    ...(down ? [...get(ROW), Op.i32Add] : []),
  ];
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
    ...get(C),
    ...i32(2),
    Op.i32Shl,
    ...tee(CB),
    ...get(OW),
    Op.i32Mul,
    ...i32(1),
    Op.i32Shl,
    ...get(X),
    Op.i32Add,
    ...set(END),
    Op.block,
    Op.blockVoid,
    Op.loop,
    Op.blockVoid,
    ...get(X),
    ...get(END),
    Op.i32GeU,
    Op.brIf,
    1,
    ...i32(0),
    ...set(K),
    Op.loop,
    Op.blockVoid,
    ...loads,
    ...scan,
    ...get(DY),
    ...get(K),
    Op.i32Add,
    ...V128_LOAD,
    ...set(G),
    ...stores,
    ...get(K),
    ...i32(16),
    Op.i32Add,
    ...tee(K),
    ...get(CB),
    Op.i32LtU,
    Op.brIf,
    0,
    Op.end,
    // Next window: two input pixels right, one dy pixel.
    ...[X, DX].flatMap((p) => [...get(p), ...get(CB), ...i32(1), Op.i32Shl, Op.i32Add, ...set(p)]),
    ...get(DY),
    ...get(CB),
    Op.i32Add,
    ...set(DY),
    Op.br,
    0,
    Op.end,
    Op.end,
  ];
  return {
    name: 'maxPool2x2GradRow',
    params: 6,
    locals: [
      [3, Op.typeI32],
      [11, Op.typeV128],
    ],
    code,
  };
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

const instances = new WeakMap<WebAssembly.Memory, SimdPool | null>();

export function simdPool(memory: WebAssembly.Memory): SimdPool | null {
  if (!instances.has(memory)) {
    const exports = instantiate(assemble([maxPool2x2GradRow()]), memory);
    const ok = exports != null && typeof exports.maxPool2x2GradRow === 'function';
    instances.set(memory, ok ? (exports as unknown as SimdPool) : null);
  }
  return instances.get(memory) ?? null;
}
