// Where a wasm training step of the twin CNN spends its time, per kernel, and what each kernel we
// replace costs against wasm's own on the twin's largest shapes.
// `npx tsx bench/wasm-kernels.ts [--steps N] [--top K]` prints one JSON line.
// Times are CPU time of this (single-threaded) process, so other work on a shared machine inflates
// them less than wall-clock time would; wall time per step is reported too.
import {
  getKernelsForBackend,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
  type Tensor4D,
} from '@tensorflow/tfjs';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { tf } from '../src/core/model/backend/tf.js';
import { originalWasmKernel } from '../src/core/model/backend/wasm-original-kernels.js';
import { buildTwinCnn, twinData, TWIN } from './cnn-twin.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const totals = new Map<string, { ms: number; calls: number }>();
let depth = 0;

/** Wraps every wasm kernel with a timer; kernels called from inside another are not counted twice. */
function instrument(): () => void {
  const originals = getKernelsForBackend('wasm');
  for (const config of originals) {
    const wrapped: KernelConfig = {
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return config.kernelFunc(args);
        depth++;
        const start = cpuMs();
        try {
          return config.kernelFunc(args);
        } finally {
          depth--;
          const t = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
          t.ms += cpuMs() - start;
          t.calls++;
          totals.set(config.kernelName, t);
        }
      },
    };
    unregisterKernel(config.kernelName, 'wasm');
    registerKernel(wrapped);
  }
  return () => {
    for (const config of originals) {
      unregisterKernel(config.kernelName, 'wasm');
      registerKernel(config);
    }
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Ours against wasm's own kernel for the same call (where wasm has one). */
function compareReplaced(): Record<string, { ours_ms: number; wasm_ms: number }> {
  const b = TWIN.batch;
  const s = TWIN.size;
  const out: Record<string, { ours_ms: number; wasm_ms: number }> = {};
  const time = (f: () => void): number => {
    f();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = cpuMs();
      f();
      runs.push(cpuMs() - start);
    }
    return median(runs);
  };
  const backend = tf.backend();
  const x = tf.randomNormal([b, s, s, 16]) as Tensor4D;
  const pooled = tf.maxPool(x, 2, 2, 'valid');
  const dyPool = tf.randomNormal(pooled.shape);
  const dy2 = tf.randomNormal([b, s / 2, s / 2, 32]);
  const w2 = tf.randomNormal([3, 3, 16, 32]);
  const scale = tf.randomNormal([1, 1, 1, 16]);
  const calls: [string, Record<string, ReturnType<typeof tf.ones>>, Record<string, unknown>][] = [
    ['Tile', { x: scale }, { reps: [b, s, s, 1] }],
    ['MaxPoolGrad', { dy: dyPool, input: x, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' }],
    ['Sum', { x }, { axis: [0, 1, 2], keepDims: false }],
    ['Mean', { x }, { axis: [0, 1, 2], keepDims: false }],
    [
      'Conv2DBackpropInput',
      { dy: dy2, filter: w2 },
      { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [b, s / 2, s / 2, 16] },
    ],
  ];
  for (const [name, inputs, attrs] of calls) {
    const run = (f: (a: never) => unknown) => () => {
      const r = f({ inputs, attrs, backend } as never);
      for (const info of Array.isArray(r) ? r : [r]) backend.disposeData((info as { dataId: object }).dataId);
    };
    const current = getKernelsForBackend('wasm').find((k) => k.kernelName === name);
    if (current == null) continue;
    out[name] = {
      ours_ms: +time(run(current.kernelFunc as never)).toFixed(1),
      wasm_ms: +time(run(originalWasmKernel(name) as never)).toFixed(1),
    };
  }
  tf.dispose([x, pooled, dyPool, dy2, w2, scale]);
  return out;
}

const steps = arg('--steps', 3);
const top = arg('--top', 15);
const info = await selectBackend('wasm');
const model = buildTwinCnn(tf);
const { x, y } = twinData(tf, TWIN.batch);
await model.trainOnBatch(x, y); // warm-up: creates XNNPACK operators, grows the heap

const restore = instrument();
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < steps; i++) {
  const w0 = performance.now();
  const c0 = cpuMs();
  await model.trainOnBatch(x, y);
  cpu.push(cpuMs() - c0);
  wall.push(performance.now() - w0);
}
restore();

const kernelMs = [...totals.values()].reduce((a, t) => a + t.ms, 0) / steps;
const kernels = Object.fromEntries(
  [...totals]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(([name, t]) => [name, { ms: +(t.ms / steps).toFixed(1), calls: t.calls / steps }]),
);
const replaced = compareReplaced();
tf.dispose([x, y]);
model.dispose();
console.log(
  JSON.stringify({
    bench: 'wasm-kernels',
    backend: info.detail,
    batch: TWIN.batch,
    step_wall_ms: +median(wall).toFixed(1),
    step_cpu_ms: +median(cpu).toFixed(1),
    kernels_cpu_ms: +kernelMs.toFixed(1),
    outside_kernels_cpu_ms: +(median(cpu) - kernelMs).toFixed(1),
    kernels,
    replaced,
  }),
);
