// Training and inference speed of the twin CNN (bench/cnn-twin.ts) on every tfjs backend this
// machine can run, comparable with `python3 /work/shared/reference/bench_torch_cnn.py`.
// `npx tsx bench/train-speed.ts [--backends wasm,cpu] [--samples 256] [--epochs 2] [--stock-bn] [--torch]`
// prints one JSON line per backend (and one for PyTorch with --torch). The cpu backend trains a
// single batch: a full epoch takes minutes, so its epoch time is extrapolated from that batch.
import { execFileSync } from 'node:child_process';
import { BACKEND_NAMES, selectBackend, type BackendName } from '../src/core/model/backend/select.js';
import { tf } from '../src/core/model/backend/tf.js';
import { buildTwinCnn, twinData, TWIN } from './cnn-twin.js';
import { sharedPath } from '../tests/support/shared-data.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const samples = Number(option('--samples') ?? TWIN.samples);
const epochs = Number(option('--epochs') ?? TWIN.epochs);
const stockBatchNorm = process.argv.includes('--stock-bn');
const wanted = (option('--backends')?.split(',') ?? BACKEND_NAMES) as BackendName[];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Like the PyTorch twin: 3 warm-up calls, then the median of 10 (fewer when a call takes seconds). */
function predictMs(model: ReturnType<typeof buildTwinCnn>, batch: number): number {
  const x = tf.randomNormal([batch, TWIN.size, TWIN.size, 1]);
  const run = (): number => {
    const t = performance.now();
    const y = model.predict(x) as ReturnType<typeof tf.ones>;
    y.dataSync();
    y.dispose();
    return performance.now() - t;
  };
  const slow = run() > 1000;
  for (let i = 0; i < (slow ? 0 : 2); i++) run();
  const times = Array.from({ length: slow ? 3 : 10 }, run);
  x.dispose();
  return median(times);
}

async function bench(name: BackendName): Promise<Record<string, unknown> | null> {
  let detail: string;
  try {
    detail = (await selectBackend(name)).detail;
  } catch {
    return null;
  }
  const model = buildTwinCnn(tf, 0, stockBatchNorm);
  const { x, y } = twinData(tf, samples);
  const batches = Math.ceil(samples / TWIN.batch);
  const fullRun = name !== 'cpu';
  const epochSeconds: number[] = [];
  const cpuStart = process.cpuUsage();
  let batchSeconds = 0;
  for (let e = 0; e < (fullRun ? epochs : 1); e++) {
    const start = performance.now();
    const order = tf.util.createShuffledIndices(samples);
    for (let b = 0; b < (fullRun ? batches : 1); b++) {
      const idx = tf.tensor1d(Int32Array.from(order.subarray(b * TWIN.batch, (b + 1) * TWIN.batch)), 'int32');
      const xb = tf.gather(x, idx);
      const yb = tf.gather(y, idx);
      await model.trainOnBatch(xb, yb);
      tf.dispose([idx, xb, yb]);
    }
    const seconds = (performance.now() - start) / 1000;
    if (fullRun) epochSeconds.push(seconds);
    else batchSeconds = seconds;
  }
  const cpu = process.cpuUsage(cpuStart);
  // The first epoch pays for creating XNNPACK operators and growing the heap; report the last.
  const secPerEpoch = fullRun ? epochSeconds[epochSeconds.length - 1] : batchSeconds * batches;
  const result: Record<string, unknown> = {
    bench: 'train-speed',
    backend: name,
    detail,
    batch_norm: stockBatchNorm ? 'stock' : 'fused',
    samples,
    sec_per_epoch: +secPerEpoch.toFixed(2),
    clips_per_s: +(samples / secPerEpoch).toFixed(1),
    predict_ms_b1: +predictMs(model, 1).toFixed(1),
    predict_ms_b32: +predictMs(model, 32).toFixed(1),
  };
  if (fullRun) {
    result.epochs_sec = epochSeconds.map((s) => +s.toFixed(2));
    result.cpu_sec_per_epoch = +((cpu.user + cpu.system) / 1e6 / epochSeconds.length).toFixed(2);
  } else {
    result.sec_per_batch = +batchSeconds.toFixed(2);
    result.note = 'one batch trained; sec_per_epoch extrapolated';
  }
  tf.dispose([x, y]);
  model.dispose();
  return result;
}

function torch(): Record<string, unknown> {
  const script = sharedPath('reference/bench_torch_cnn.py');
  try {
    const out = execFileSync('/usr/bin/python3', [script], {
      encoding: 'utf8',
      env: { ...process.env, N: String(samples), EP: String(epochs) },
    });
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      sec_per_epoch: number[];
      predict_ms_b1: number;
      predict_ms_b32: number;
      threads: number;
    };
    const last = r.sec_per_epoch[r.sec_per_epoch.length - 1];
    return {
      bench: 'train-speed',
      backend: 'pytorch-cpu',
      detail: `PyTorch CPU, ${r.threads} threads`,
      samples,
      sec_per_epoch: +last.toFixed(2),
      clips_per_s: +(samples / last).toFixed(1),
      predict_ms_b1: +r.predict_ms_b1.toFixed(1),
      predict_ms_b32: +r.predict_ms_b32.toFixed(1),
      epochs_sec: r.sec_per_epoch.map((s) => +s.toFixed(2)),
    };
  } catch (err) {
    return { bench: 'train-speed', backend: 'pytorch-cpu', error: String(err).split('\n')[0] };
  }
}

for (const name of wanted) {
  const result = await bench(name);
  if (result != null) console.log(JSON.stringify(result));
}
if (process.argv.includes('--torch')) console.log(JSON.stringify(torch()));
