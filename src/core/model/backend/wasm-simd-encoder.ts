// Just enough of the WebAssembly binary format to assemble small SIMD kernels that import
// tfjs-backend-wasm's memory (see wasm-simd-affine.ts, wasm-simd-pool.ts). Hand-assembled so the
// project needs no wasm toolchain; each module validates when instantiated (wasm-simd-module.ts).
// The loops and address arithmetic the kernels share are in wasm-simd-loops.ts.

export const enum Op {
  block = 0x02,
  loop = 0x03,
  end = 0x0b,
  br = 0x0c,
  brIf = 0x0d,
  select = 0x1b,
  localGet = 0x20,
  localSet = 0x21,
  localTee = 0x22,
  i32Load = 0x28,
  i32Const = 0x41,
  i32LtU = 0x49,
  i32GtU = 0x4b,
  i32GeU = 0x4f,
  i32Add = 0x6a,
  i32Sub = 0x6b,
  i32Mul = 0x6c,
  i32Shl = 0x74,
  simd = 0xfd,
  blockVoid = 0x40,
  typeI32 = 0x7f,
  typeV128 = 0x7b,
}

// Loads and stores take a memarg: log2 of the alignment (4 bytes, which the heap's float32 data
// always has), then a constant byte offset.
export const i32LoadAt = (offset: number): number[] => [Op.i32Load, 0x02, ...uleb(offset)];

// SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128.
export const v128LoadAt = (offset: number): number[] => [Op.simd, 0x00, 0x02, ...uleb(offset)];
export const v128StoreAt = (offset: number): number[] => [Op.simd, 0x0b, 0x02, ...uleb(offset)];
export const V128_LOAD = v128LoadAt(0);
export const V128_STORE = v128StoreAt(0);
export const V128_LOAD32_SPLAT = [Op.simd, 0x09, 0x02, 0x00];
export const V128_AND = [Op.simd, 0x4e];
export const V128_ANDNOT = [Op.simd, 0x4f];
export const V128_OR = [Op.simd, 0x50];
export const V128_BITSELECT = [Op.simd, 0x52];
export const F32X4_GT = [Op.simd, 0x44];
export const F32X4_ADD = [Op.simd, 0xe4, 0x01];
export const F32X4_SUB = [Op.simd, 0xe5, 0x01];
export const F32X4_MUL = [Op.simd, 0xe6, 0x01];

export function v128ConstF32(value: number): number[] {
  const bytes = new Uint8Array(new Float32Array([value, value, value, value]).buffer);
  return [Op.simd, 0x0c, ...bytes];
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
}

export const get = (i: number): number[] => [Op.localGet, i];
export const set = (i: number): number[] => [Op.localSet, i];
export const tee = (i: number): number[] => [Op.localTee, i];
/** i32 constant (signed LEB128; the kernels only need small non-negative ones). */
export const i32 = (n: number): number[] => {
  if (n < 0 || n > 63) throw new Error('i32 constant out of the encoded range');
  return [Op.i32Const, n];
};

export interface KernelFunction {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Locals after the parameters: this many i32, then this many v128. */
  i32Locals: number;
  v128Locals: number;
  /** Instructions, without the final `end`. */
  code: number[];
}

/** A module of void functions taking i32 parameters, importing env.memory. */
export function assemble(functions: KernelFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [
    0x60,
    ...vec(Array.from({ length: f.params }, () => [Op.typeI32])),
    0x00,
  ]);
  const bodies = functions.map((f) => {
    const runs: [number, Op][] = [
      [f.i32Locals, Op.typeI32],
      [f.v128Locals, Op.typeV128],
    ];
    const locals = runs.filter(([count]) => count > 0).map(([count, type]) => [...uleb(count), type]);
    const fn = [...vec(locals), ...f.code, Op.end];
    return [...uleb(fn.length), ...fn];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}
