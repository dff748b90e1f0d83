// Training and inference speed on every tfjs backend this machine can run, for two models:
// - default: the model the app trains, buildModel(modelSpecOf(DEFAULT_TRAIN_CONFIG, 64, 3, 0)), trained by the
//   app's own trainLoop on a FeatureBank of random clips, its batches made on the app's batch worker;
//   comparable with `python3 bench/torch_default_cnn.py`, its PyTorch twin.
// - reference: the small 128x128 CNN of bench/cnn-twin.ts, comparable with
//   `python3 ../shared/reference/bench_torch_cnn.py`.
// `npx tsx bench/train-speed.ts [--model default|reference] [--backends wasm,cpu] [--samples 256] [--epochs 4]
//   [--stock-layers] [--torch] [--torch-threads 2]`
// prints one JSON line per model and backend (both models unless --model narrows it); with --torch also one
// line per model for PyTorch, and each tfjs line gets ratio_vs_torch (its clips/s over PyTorch's). The cpu
// backend trains a single batch: a full epoch takes minutes, so its epoch time is extrapolated from it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BACKEND_NAMES, selectBackend, type BackendName } from '../src/core/model/backend/node/select.js';
import { tf } from '../src/core/model/backend/tf.js';
import { STATS_BRANCH_LAYERS } from '../src/core/model/cnn.js';
import { augmentConfigOf, DEFAULT_TRAIN_CONFIG, modelSpecOf } from '../src/core/model/config.js';
import { classWeights } from '../src/core/model/training/node/experiment.js';
import { createFeatureBank, type FeatureBank } from '../src/core/model/feature-bank.js';
import type { LayersModel } from '../src/core/model/tf.js';
import type { BatchItem, TrainBatchPlan } from '../src/core/model/training/train-batch.js';
import { batchSlices, trainLoop } from '../src/core/model/training/train-loop.js';
import { createBatchSource } from '../src/core/model/training/node/worker-batch-source.js';
import { createRng } from '../src/core/util/random.js';
import { buildTwinCnn, twinData, TWIN } from './cnn-twin.js';
import { sharedPath } from '../tests/support/shared-data.js';

type ModelName = 'default' | 'reference';
type Line = Record<string, unknown>;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const samples = Number(option('--samples') ?? TWIN.samples);
// Four epochs: the first warms up, the median of the other three is reported (a single PyTorch epoch took
// anywhere from 0.37 to 0.75 s on this 2-core VM).
const epochs = Number(option('--epochs') ?? 4);
const stockLayers = process.argv.includes('--stock-layers');
const wanted = (option('--backends')?.split(',') ?? BACKEND_NAMES) as BackendName[];
const withTorch = process.argv.includes('--torch');
const torchThreads = option('--torch-threads');
const modelOption = option('--model');
if (modelOption !== undefined && modelOption !== 'default' && modelOption !== 'reference') {
  throw new Error(`--model must be default or reference, got ${modelOption}`);
}
const models: ModelName[] = modelOption ? [modelOption] : ['default', 'reference'];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** An epoch's time once warm: the median of every epoch after the first (the only one if there is one). */
function steadyEpoch(epochSeconds: number[]): number {
  return median(epochSeconds.length > 1 ? epochSeconds.slice(1) : epochSeconds);
}

/** Like the PyTorch twins: 3 warm-up calls, then the median of 10 (fewer when a call takes seconds). */
function predictMs(model: LayersModel, inputShape: readonly number[], batch: number): number {
  const x = tf.randomNormal([batch, ...inputShape]);
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

/** The fields every tfjs line shares, from the epoch times of a full run or one batch's time. */
function timing(epochSeconds: number[], batchSeconds: number, batches: number, cpu: NodeJS.CpuUsage): Line {
  const fullRun = epochSeconds.length > 0;
  // The first epoch pays for creating XNNPACK operators and growing the heap.
  const secPerEpoch = fullRun ? steadyEpoch(epochSeconds) : batchSeconds * batches;
  const line: Line = {
    samples,
    sec_per_epoch: +secPerEpoch.toFixed(2),
    clips_per_s: +(samples / secPerEpoch).toFixed(1),
  };
  if (fullRun) {
    line.epochs_sec = epochSeconds.map((s) => +s.toFixed(2));
    line.cpu_sec_per_epoch = +((cpu.user + cpu.system) / 1e6 / epochSeconds.length).toFixed(2);
  } else {
    line.sec_per_batch = +batchSeconds.toFixed(2);
    line.note = 'one batch trained; sec_per_epoch extrapolated';
  }
  return line;
}

async function benchReference(name: BackendName, detail: string): Promise<Line> {
  const model = buildTwinCnn(tf, 0, stockLayers);
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
  const inputShape = [TWIN.size, TWIN.size, 1];
  const line: Line = {
    bench: 'train-speed',
    model: 'reference',
    backend: name,
    detail,
    layers: stockLayers ? 'stock' : 'app (fused batch norm, plain first conv)',
    params: model.countParams(),
    ...timing(epochSeconds, batchSeconds, batches, cpu),
    predict_ms_b1: +predictMs(model, inputShape, 1).toFixed(1),
    predict_ms_b32: +predictMs(model, inputShape, 32).toFixed(1),
  };
  tf.dispose([x, y]);
  model.dispose();
  return line;
}

/** Random standard-normal clips of exactly `frames` frames (already "normalised"), with random labels. */
function randomClips(
  frames: number,
  bins: number,
  classes: number,
  seed: number,
): { bank: FeatureBank; items: BatchItem[] } {
  const rng = createRng(seed);
  const specs = Array.from({ length: samples }, () => {
    const data = new Float32Array(frames * bins);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal();
    return { frames, bins, data };
  });
  const items = specs.map((_, clip) => ({ clip, label: rng.int(classes) }));
  return { bank: createFeatureBank(specs, { shared: true }), items };
}

/** The app's default model, trained by the app's trainLoop with the default settings (no validation). */
async function benchDefault(name: BackendName, detail: string): Promise<Line> {
  const cfg = DEFAULT_TRAIN_CONFIG;
  const mels = cfg.featureConfig.nMels;
  const classes = cfg.labels.length;
  const spec = modelSpecOf(cfg, mels, classes, 0);
  const { bank, items } = randomClips(spec.frames, mels, classes, 0);
  // Identity normalisation: the random clips already have zero mean and unit variance in every band.
  const plan: TrainBatchPlan = {
    frames: spec.frames,
    classes,
    classWeights: classWeights(
      items.map((i) => i.label),
      classes,
      cfg.classWeights,
    ),
    augment: augmentConfigOf(cfg),
    augmentProbability: cfg.augmentProbability,
    featureConfig: cfg.featureConfig,
    norm: {
      trimDb: 0,
      topDb: cfg.topDb,
      instance: cfg.instanceNorm,
      mean: new Array<number>(mels).fill(0),
      std: new Array<number>(mels).fill(1),
    },
    mixupAlpha: cfg.mixupAlpha,
  };
  const slices = batchSlices(samples, cfg.batchSize);
  const fullRun = name !== 'cpu';
  const stopAfterOneBatch = new AbortController();
  const epochSeconds: number[] = [];
  let batchSeconds = 0;
  // As the app trains: the next batches made on a worker thread while this one runs the model.
  const { source, note } = await createBatchSource(bank, 'worker');
  const cpuStart = process.cpuUsage();
  const result = await trainLoop({
    spec,
    settings: {
      epochs: fullRun ? epochs : 1,
      batchSize: cfg.batchSize,
      learningRate: cfg.learningRate,
      schedule: cfg.schedule,
      patience: 0,
      monitor: cfg.monitor,
      labelSmoothing: cfg.labelSmoothing,
      weightDecay: cfg.weightDecay,
      fastLayers: cfg.inputStats ? STATS_BRANCH_LAYERS : [],
      fastRateScale: cfg.statsRateScale,
      seed: 0,
    },
    bank,
    train: items,
    windows: { frames: cfg.cropFrames, hop: cfg.windowHopFrames },
    plan,
    source,
    signal: stopAfterOneBatch.signal,
    onBatch: (p) => {
      if (fullRun) return;
      const [start, end] = slices[0];
      batchSeconds = (end - start) / p.clipsPerS;
      stopAfterOneBatch.abort();
    },
    onEpoch: (e) => {
      if (fullRun) epochSeconds.push(samples / e.clipsPerS);
    },
  });
  const cpu = process.cpuUsage(cpuStart);
  await source.close();
  const { model } = result;
  const inputShape = [spec.frames, spec.mels, 1];
  const line: Line = {
    bench: 'train-speed',
    model: 'default',
    backend: name,
    detail,
    batch_source: note ? 'inline' : 'worker',
    ...(note ? { note } : {}),
    params: model.countParams(),
    ...timing(epochSeconds, batchSeconds, slices.length, cpu),
    predict_ms_b1: +predictMs(model, inputShape, 1).toFixed(1),
    predict_ms_b32: +predictMs(model, inputShape, 32).toFixed(1),
  };
  model.dispose();
  return line;
}

const TORCH_SCRIPTS: Record<ModelName, string> = {
  default: path.join(import.meta.dirname, 'torch_default_cnn.py'),
  reference: sharedPath('reference/bench_torch_cnn.py'),
};

function torch(model: ModelName): Line {
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      N: String(samples),
      EP: String(epochs),
      BS: String(model === 'default' ? DEFAULT_TRAIN_CONFIG.batchSize : TWIN.batch),
    };
    if (torchThreads !== undefined) env.THREADS = torchThreads;
    const out = execFileSync('/usr/bin/python3', [TORCH_SCRIPTS[model]], { encoding: 'utf8', env });
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      params: number;
      params_with_bn_stats?: number;
      sec_per_epoch: number[];
      predict_ms_b1: number;
      predict_ms_b32: number;
      threads: number;
    };
    const steady = steadyEpoch(r.sec_per_epoch);
    const line: Line = {
      bench: 'train-speed',
      model,
      backend: 'pytorch-cpu',
      detail: `PyTorch CPU, ${r.threads} threads`,
      params: r.params,
    };
    if (r.params_with_bn_stats !== undefined) line.params_with_bn_stats = r.params_with_bn_stats;
    return {
      ...line,
      samples,
      sec_per_epoch: +steady.toFixed(2),
      clips_per_s: +(samples / steady).toFixed(1),
      predict_ms_b1: +r.predict_ms_b1.toFixed(1),
      predict_ms_b32: +r.predict_ms_b32.toFixed(1),
      epochs_sec: r.sec_per_epoch.map((s) => +s.toFixed(2)),
    };
  } catch (err) {
    return { bench: 'train-speed', model, backend: 'pytorch-cpu', error: String(err).split('\n')[0] };
  }
}

async function backendDetail(name: BackendName): Promise<string | null> {
  try {
    return (await selectBackend(name)).detail;
  } catch {
    return null;
  }
}

for (const model of models) {
  const lines: Line[] = [];
  for (const name of wanted) {
    const detail = await backendDetail(name);
    if (detail === null) continue;
    lines.push(await (model === 'default' ? benchDefault(name, detail) : benchReference(name, detail)));
  }
  const reference = withTorch ? torch(model) : null;
  const torchRate = reference?.clips_per_s;
  for (const line of lines) {
    if (typeof torchRate === 'number' && typeof line.clips_per_s === 'number') {
      line.ratio_vs_torch = +(line.clips_per_s / torchRate).toFixed(2);
    }
    console.log(JSON.stringify(line));
  }
  if (reference) console.log(JSON.stringify(reference));
}
