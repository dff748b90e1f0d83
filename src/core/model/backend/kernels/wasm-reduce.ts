// Sum and Mean over leading axes (e.g. [0,1,2] of an NHWC activation: every bias, batch-norm and
// moments gradient). wasm's kernels first transpose the reduced axes innermost, a full copy of the
// activation; summing rows in place reads it once. Other axis sets go to wasm's own kernels.
import { Mean, Sum, util, type MeanAttrs, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, f32, input, type KernelArgs } from '../wasm-kernel-utils.js';
import { handBack } from '../wasm-original-kernels.js';
import { wasmKernel, type WasmKernelSpec } from '../wasm-kernel-spec.js';

/** Number of leading axes reduced, or -1 when the axes are not a leading prefix. */
function leadingAxes(axis: number | number[], shape: number[]): number {
  const axes = util.parseAxisParam(axis, shape);
  const sorted = [...axes].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) if (sorted[i] !== i) return -1;
  return sorted.length;
}

/** out[c] = (sum over rows r of x[r * cols + c]) / divisor, accumulated in float64. */
export function sumRows(
  x: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
  divisor: number,
): void {
  const acc = new Float64Array(cols);
  let r = 0;
  let off = 0;
  // Eight rows per accumulator update: the accumulator's loads and stores, not the adds, are what
  // a one-row loop spends its time on (17 ms -> 6 ms for 524288 x 16).
  const step = cols * 8;
  for (; r + 8 <= rows; r += 8, off += step) {
    for (let c = 0; c < cols; c++) {
      const o = off + c;
      acc[c] +=
        x[o] +
        x[o + cols] +
        (x[o + 2 * cols] + x[o + 3 * cols]) +
        (x[o + 4 * cols] + x[o + 5 * cols] + (x[o + 6 * cols] + x[o + 7 * cols]));
    }
  }
  for (; r < rows; r++, off += cols) {
    for (let c = 0; c < cols; c++) acc[c] += x[off + c];
  }
  for (let c = 0; c < cols; c++) out[c] = acc[c] / divisor;
}

function makeReduce(kernelName: typeof Sum | typeof Mean): WasmKernelSpec {
  const kernelFunc = (args: KernelArgs, { axis, keepDims }: SumAttrs | MeanAttrs): TensorInfo => {
    const x = input(args, 'x');
    const lead = leadingAxes(axis, x.shape);
    const size = util.sizeFromShape(x.shape);
    // A suffix reduction (or a no-op) is already transpose-free in wasm.
    if (x.dtype !== 'float32' || lead <= 0 || lead === x.shape.length || size === 0) {
      return handBack(kernelName, args);
    }
    const backend = asWasmBackend(args.backend);
    const kept = x.shape.slice(lead);
    const cols = util.sizeFromShape(kept);
    const rows = size / cols;
    const outShape = keepDims ? [...x.shape.slice(0, lead).map(() => 1), ...kept] : kept;
    const out = backend.makeOutput(outShape, 'float32');
    sumRows(f32(backend, x), rows, cols, f32(backend, out), kernelName === Mean ? rows : 1);
    return out;
  };
  return wasmKernel(kernelName, kernelFunc);
}

export const sumConfig = makeReduce(Sum);
export const meanConfig = makeReduce(Mean);
