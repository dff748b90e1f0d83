// The emitters the SIMD kernels are assembled from, run as tiny modules on a memory of their own:
// each loop must run its body the number of times its JavaScript reading says, and each memory
// gets one instance of a module.
import { describe, expect, it } from 'vitest';
import {
  F32X4_ADD,
  get,
  i32LoadAt,
  Op,
  set,
  V128_LOAD,
  V128_STORE,
} from '../../../src/core/model/backend/wasm-simd-encoder.js';
import {
  advance,
  floatBytes,
  forCount,
  forVectors,
  repeat,
  scaledAdd,
  sumOf,
  whileBelow,
} from '../../../src/core/model/backend/wasm-simd-loops.js';
import { simdModule } from '../../../src/core/model/backend/wasm-simd-module.js';

type Run = (a: number, b: number, c: number) => void;

// Params a, b, c; i32 locals 3, 4, 5.
const [A, B, C, X, Y, Z] = [0, 1, 2, 3, 4, 5];

/** Assembles `code` as run(a, b, c) on a fresh memory; returns the call and the memory's words. */
function run(code: number[]): { call: Run; words: Int32Array; floats: Float32Array } {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const module = simdModule<{ run: Run }>(() => [
    { name: 'run', params: 3, i32Locals: 3, v128Locals: 0, code },
  ]);
  const exports = module(memory);
  if (exports == null) throw new Error('module did not instantiate');
  return { call: exports.run, words: new Int32Array(memory.buffer), floats: new Float32Array(memory.buffer) };
}

const I32_STORE = [0x36, 0x02, 0x00];
/** memory[at] = value (i32 locals; `at` a byte address). */
const storeAt = (at: number, value: number) => [...get(at), ...get(value), ...I32_STORE];
/** memory[at] = value; at += 4 */
const store = (at: number, value: number) => [
  ...storeAt(at, value),
  ...get(at),
  Op.i32Const,
  4,
  Op.i32Add,
  ...set(at),
];

describe('SIMD loop emitters', () => {
  it('forCount runs its body count times with the index counting up, none for 0', () => {
    // for (x = 0; x < a; x++) { memory[y] = x; y += 4 }, y starting at b
    const m = run([...get(B), ...set(Y), ...forCount(X, A, store(Y, X))]);
    m.call(5, 16, 0);
    expect(Array.from(m.words.subarray(4, 10))).toEqual([0, 1, 2, 3, 4, 0]);
    m.call(0, 64, 0);
    expect(m.words[16]).toBe(0);
  });

  it('whileBelow tests before each pass; advance and sumOf add locals', () => {
    // x = a; while (x < b) { memory[x] = x + c; x += c }
    const m = run([
      ...get(A),
      ...set(X),
      ...whileBelow(X, B, [...sumOf(X, C), ...set(Z), ...storeAt(X, Z), ...advance(X, C)]),
    ]);
    m.call(8, 40, 12);
    expect(Array.from(m.words.subarray(2, 12))).toEqual([20, 0, 0, 32, 0, 0, 44, 0, 0, 0]);
    m.call(100, 100, 4);
    expect(m.words[25]).toBe(0);
  });

  it('repeat runs its body count times (at least once), counting the counter down', () => {
    // y = b; z = a; do { memory[y] = z; y += 4 } while (--z)
    const m = run([...get(B), ...set(Y), ...repeat(A, Z, store(Y, Z))]);
    m.call(3, 0, 0);
    expect(Array.from(m.words.subarray(0, 4))).toEqual([3, 2, 1, 0]);
  });

  it('forVectors steps 16 bytes at a time; floatBytes and scaledAdd compute byte addresses', () => {
    // for (x = 0; x < a * 4 bytes; x += 16) out[c + x] = u[b + x] + u[b + x]
    const m = run([
      ...floatBytes(A),
      ...set(Y),
      ...forVectors(X, Y, [
        ...sumOf(C, X),
        ...sumOf(B, X),
        ...V128_LOAD,
        ...sumOf(B, X),
        ...V128_LOAD,
        ...F32X4_ADD,
        ...V128_STORE,
      ]),
    ]);
    m.floats.set([1, 2, 3, 4, 5, 6, 7, 8, 9], 0);
    m.call(8, 0, 64);
    expect(Array.from(m.floats.subarray(16, 25))).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 0]);
    // memory[c] = memory[a + (b << 2)]
    const n = run([...get(C), ...scaledAdd(A, B, 2), ...i32LoadAt(0), ...I32_STORE]);
    n.words.set([0, 0, 0, 7]);
    n.call(4, 2, 32);
    expect(n.words[8]).toBe(7);
  });
});

describe('simdModule', () => {
  const build = () => [{ name: 'nothing', params: 0, i32Locals: 0, v128Locals: 0, code: [] }];

  it('instantiates once per memory', () => {
    const module = simdModule<{ nothing(): void }>(build);
    const [m1, m2] = [new WebAssembly.Memory({ initial: 1 }), new WebAssembly.Memory({ initial: 1 })];
    const first = module(m1);
    expect(first).not.toBeNull();
    expect(module(m1)).toBe(first);
    expect(module(m2)).not.toBe(first);
  });

  it('gives null for a module that does not validate, and remembers that', () => {
    let builds = 0;
    const module = simdModule<{ bad(): void }>(() => {
      builds++;
      return [{ name: 'bad', params: 0, i32Locals: 0, v128Locals: 0, code: [Op.i32Add] }];
    });
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(module(memory)).toBeNull();
    expect(module(memory)).toBeNull();
    expect(builds).toBe(1);
  });
});
