// The control flow and address arithmetic every SIMD kernel needs, as instruction emitters over
// locals (indices, as for get/set). Each emitter's comment is the JavaScript it stands for. Loops
// are wasm's block/loop idiom: `br_if 1` leaves the enclosing block, `br 0` goes round again.
import { get, i32, Op, set, tee } from './wasm-simd-encoder.js';

/** a + b + ... over i32 locals. */
export function sumOf(...locals: number[]): number[] {
  return locals.flatMap((local, i) => (i === 0 ? get(local) : [...get(local), Op.i32Add]));
}

/** base + (index << log2): an address `index` elements of 2^log2 bytes on from `base`. */
export function scaledAdd(base: number, index: number, log2: number): number[] {
  return [...get(base), ...get(index), ...i32(log2), Op.i32Shl, Op.i32Add];
}

/** local += step */
export function advance(local: number, step: number): number[] {
  return [...get(local), ...get(step), Op.i32Add, ...set(local)];
}

/** n << 2: bytes of n float32 values. */
export function floatBytes(n: number): number[] {
  return [...get(n), ...i32(2), Op.i32Shl];
}

/** while (local < limit) { body }, unsigned. */
export function whileBelow(local: number, limit: number, body: number[]): number[] {
  return [
    ...[Op.block, Op.blockVoid, Op.loop, Op.blockVoid],
    ...[...get(local), ...get(limit), Op.i32GeU, Op.brIf, 1],
    ...body,
    ...[Op.br, 0, Op.end, Op.end],
  ];
}

/** for (local = 0; local < count; local++) { body } */
export function forCount(local: number, count: number, body: number[]): number[] {
  const next = [...get(local), ...i32(1), Op.i32Add, ...set(local)];
  return [...i32(0), ...set(local), ...whileBelow(local, count, [...body, ...next])];
}

/**
 * for (k = 0; k < bytes; k += 16) { body }: one v128 (four float32 lanes) per pass. Checked after
 * each pass, so `bytes` must be a positive multiple of 16.
 */
export function forVectors(k: number, bytes: number, body: number[]): number[] {
  return [
    ...[...i32(0), ...set(k), Op.loop, Op.blockVoid],
    ...body,
    ...[...get(k), ...i32(16), Op.i32Add, ...tee(k), ...get(bytes), Op.i32LtU, Op.brIf, 0, Op.end],
  ];
}

/** counter = count; do { body } while (--counter): `count` must be at least 1. */
export function repeat(count: number, counter: number, body: number[]): number[] {
  return [
    ...[...get(count), ...set(counter), Op.loop, Op.blockVoid],
    ...body,
    ...[...get(counter), ...i32(1), Op.i32Sub, ...tee(counter), Op.brIf, 0, Op.end],
  ];
}
