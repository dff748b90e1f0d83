import { tf, type layers, type LayersModel, type SymbolicTensor } from './tf.js';

type Layer = layers.Layer;
import { AttentionPooling } from './layers/attention-pooling.js';
import { SeededDropout } from './layers/seeded-dropout.js';
import { TimeStatsPooling } from './layers/time-stats-pooling.js';
import { SpecMask } from './layers/spec-mask.js';
import { layerSeeds } from './training/seeds.js';
import { fastBatchNormalization } from './backend/fast-batch-norm.js';
import { plainConv2d } from './backend/plain-conv2d.js';
import { MAX_MEMBERS, type HeadKind, type ModelSize } from '../../common/options.js';

export type { HeadKind, ModelSize };

export interface SizePreset {
  /** Filters of each conv block; every block halves time and frequency (the last one too unless poolLast is false). */
  filters: number[];
  /** Units of the dense layer before the classifier. */
  dense: number;
  /** Stride [time, mel] of the first convolution: a cheap stem, since the first layer sees the most pixels. */
  stemStride: [number, number];
  /** Pool after the last conv block too (default true). */
  poolLast?: boolean;
  /**
   * How weights start: 'he' (He-normal kernels, zero biases), or 'torch' (PyTorch's defaults: every kernel and
   * bias uniform in ±1/sqrt(fan-in), batch norm's epsilon 1e-5), to train exactly the design it ports.
   */
  init?: 'he' | 'torch';
}

export const SIZE_PRESETS: Record<ModelSize, SizePreset> = {
  small: { filters: [8, 16, 32, 32], dense: 32, stemStride: [2, 2] },
  default: { filters: [16, 32, 64, 64], dense: 64, stemStride: [2, 2] },
  large: { filters: [32, 64, 128, 128], dense: 128, stemStride: [1, 1] },
  // ../shared/reference/ser_reference.py's CNN: conv-BN-ReLU blocks of 16, 32, 64 and 128 filters, 2x2 max
  // pooling after the first three, global average pooling, dropout, 64 ReLU units, dropout, the classifier.
  reference: { filters: [16, 32, 64, 128], dense: 64, stemStride: [1, 1], poolLast: false, init: 'torch' },
};

/**
 * A kernel's initial weights under a preset: He-normal, or PyTorch's default (uniform in ±1/sqrt(fan-in), which
 * is variance scaling by 1/3 over the fan-in; tfjs computes a convolution's fan-in over its receptive field).
 */
function kernelInit(preset: SizePreset, seed: number) {
  return preset.init === 'torch'
    ? tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed })
    : tf.initializers.heNormal({ seed });
}

/** What a head gets: the conv stack's output size and the member's layer makers (each takes the next seed). */
export interface HeadContext {
  /** Time steps, mel bands and channels left after the conv blocks. */
  time: number;
  freq: number;
  channels: number;
  /** Names a layer within its ensemble member. */
  n: (name: string) => string;
  dropout: (name: string) => Layer;
  reluDense: (name: string) => Layer;
  nextSeed: () => number;
}

/** Per-step features: each remaining time step becomes one vector (its bands side by side), projected. */
function timeSteps(x: SymbolicTensor, c: HeadContext): SymbolicTensor {
  x = tf.layers
    .reshape({ targetShape: [c.time, c.freq * c.channels], name: c.n('steps') })
    .apply(x) as SymbolicTensor;
  x = c.dropout('drop_steps').apply(x) as SymbolicTensor;
  return c.reluDense('step_dense').apply(x) as SymbolicTensor;
}

/**
 * How each head kind pools the conv features over time into one vector: a new head is one entry here and
 * one in HEAD_KINDS (src/common/options.ts). Layers are made in the order their seeds must be drawn.
 */
export const HEADS: Record<HeadKind, (x: SymbolicTensor, c: HeadContext) => SymbolicTensor> = {
  stats: (x, c) => new TimeStatsPooling({ name: c.n('stats') }).apply(timeSteps(x, c)) as SymbolicTensor,
  attention: (x, c) => {
    const steps = timeSteps(x, c);
    return new AttentionPooling({ units: 32, seed: c.nextSeed(), name: c.n('attention') }).apply(
      steps,
    ) as SymbolicTensor;
  },
  gap: (x, c) => {
    x = tf.layers.globalAveragePooling2d({ name: c.n('gap') }).apply(x) as SymbolicTensor;
    x = c.dropout('drop_gap').apply(x) as SymbolicTensor;
    return c.reluDense('dense').apply(x) as SymbolicTensor;
  },
};

export interface ModelSpec {
  frames: number;
  mels: number;
  classes: number;
  head: HeadKind;
  size: ModelSize;
  /** Dropout before the dense layers (strong, since corpora are small). */
  dropout: number;
  /**
   * Also feed the classifier each mel band's mean and standard deviation over time, straight from the
   * input: the global spectral statistics that classic SER uses, which a small corpus teaches a CNN slowly.
   */
  inputStats?: boolean;
  /** SpecAugment masks on the convolutional branch's input, in training only (null: none). */
  mask?: SpecMaskSettings | null;
  /**
   * Independently initialised copies of the network over the same input, whose class probabilities are
   * averaged (default 1). Each learns from its own loss; together they vary far less from run to run.
   */
  members?: number;
  seed: number;
}

export const LOGITS_LAYER = 'logits';
/** Layer names of ensemble member k start with `m${k}_` (k from 1); a single network's have no prefix. */
export const MEMBER_PREFIX = 'm';

/** A layer's name without its ensemble member's prefix. */
export function memberlessName(layerName: string): string {
  return layerName.replace(/^m\d+_/, '');
}
/** The shallow layers on the input statistics (and the classifier they feed), which learn faster. */
export const STATS_BRANCH_LAYERS: readonly string[] = ['input_stats_bn', 'input_stats_dense', LOGITS_LAYER];

export interface SpecMaskSettings {
  timeMasks: number;
  timeMaskMax: number;
  freqMasks: number;
  freqMaskMax: number;
}
/** Cepstral coefficients the input statistics are taken over (MFCC 0..39, the usual count). */
export const INPUT_CEPSTRA = 40;

/**
 * The CNN: conv blocks (3x3 conv, batch norm, ReLU, 2x2 max pooling) over a [frames, mels, 1] log-mel,
 * then a head that pools over time (global average, or attention over time steps), a dense layer, and a
 * softmax over the classes; with `members` > 1, that many such networks over the same input, their
 * softmaxes averaged. Weights are initialised from `seed` (one stream per layer) so runs repeat.
 */
export function buildModel(spec: ModelSpec): LayersModel {
  if (spec.classes < 2) throw new Error(`a classifier needs at least two classes, got ${spec.classes}`);
  const members = spec.members ?? 1;
  if (!Number.isInteger(members) || members < 1 || members > MAX_MEMBERS)
    throw new Error(`an ensemble has 1 to ${MAX_MEMBERS} members, got ${members}`);
  const nextSeed = layerSeeds(spec.seed);
  const input = tf.input({ shape: [spec.frames, spec.mels, 1], name: 'logmel' });
  if (members === 1) {
    const logits = memberLogits(input, spec, (name) => name, nextSeed);
    const probs = tf.layers.softmax({ name: 'probs' }).apply(logits) as SymbolicTensor;
    return tf.model({ inputs: input, outputs: probs, name: 'ser_cnn' });
  }
  // Members share the input and nothing else: each starts from its own weights, dropout and masks.
  const memberProbs = Array.from({ length: members }, (_, k) => {
    const prefix = `${MEMBER_PREFIX}${k + 1}_`;
    const logits = memberLogits(input, spec, (name) => prefix + name, nextSeed);
    return tf.layers.softmax({ name: `${prefix}probs` }).apply(logits) as SymbolicTensor;
  });
  const probs = tf.layers.average({ name: 'probs' }).apply(memberProbs) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: probs, name: 'ser_cnn' });
}

/** One member's graph from the input to its logits; `n` names its layers. */
function memberLogits(
  input: SymbolicTensor,
  spec: ModelSpec,
  n: (name: string) => string,
  nextSeed: () => number,
): SymbolicTensor {
  const preset = SIZE_PRESETS[spec.size];
  // Each takes the next seed when made, so layers are seeded in the order they are built.
  const dropout = (name: string) =>
    new SeededDropout({ rate: spec.dropout, seed: nextSeed(), name: n(name) });
  const reluDense = (name: string) =>
    tf.layers.dense({
      units: preset.dense,
      activation: 'relu',
      kernelInitializer: kernelInit(preset, nextSeed()),
      name: n(name),
    });
  // PyTorch's batch norm adds 1e-5 to the variance, Keras's 1e-3: the port keeps PyTorch's.
  const epsilon = preset.init === 'torch' ? 1e-5 : undefined;
  let x: SymbolicTensor = input;
  let time = spec.frames;
  let freq = spec.mels;
  if (spec.mask) {
    x = new SpecMask({ ...spec.mask, seed: nextSeed(), name: n('spec_mask') }).apply(x) as SymbolicTensor;
  }
  preset.filters.forEach((filters, i) => {
    x = plainConv2d({
      filters,
      kernelSize: 3,
      strides: i === 0 ? preset.stemStride : 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: kernelInit(preset, nextSeed()),
      name: n(`conv${i + 1}`),
    }).apply(x) as SymbolicTensor;
    if (i === 0) {
      time = Math.ceil(time / preset.stemStride[0]);
      freq = Math.ceil(freq / preset.stemStride[1]);
    }
    // Momentum 0.9, not Keras's 0.99: small corpora give few steps, and the running statistics must keep up.
    // The fused wasm kernels in training; saved as a stock BatchNormalization, so it loads anywhere.
    x = fastBatchNormalization({ momentum: 0.9, epsilon, name: n(`bn${i + 1}`) }).apply(x) as SymbolicTensor;
    x = tf.layers.reLU({ name: n(`relu${i + 1}`) }).apply(x) as SymbolicTensor;
    if (i === preset.filters.length - 1 && preset.poolLast === false) return;
    // Keep at least two steps on each axis, so short inputs still build.
    const poolT = time >= 4 ? 2 : 1;
    const poolF = freq >= 4 ? 2 : 1;
    if (poolT > 1 || poolF > 1) {
      x = tf.layers
        .maxPooling2d({ poolSize: [poolT, poolF], name: n(`pool${i + 1}`) })
        .apply(x) as SymbolicTensor;
      time = Math.floor(time / poolT);
      freq = Math.floor(freq / poolF);
    }
  });
  const channels = preset.filters[preset.filters.length - 1];
  x = HEADS[spec.head](x, { time, freq, channels, n, dropout, reluDense, nextSeed });
  if (spec.inputStats) {
    let st = tf.layers
      .reshape({ targetShape: [spec.frames, spec.mels], name: n('input_steps') })
      .apply(input) as SymbolicTensor;
    st = new TimeStatsPooling({ name: n('input_stats'), deltas: true, cepstra: INPUT_CEPSTRA }).apply(
      st,
    ) as SymbolicTensor;
    // Statistics of very different scales: standardise them (as a classic pipeline's scaler would).
    st = fastBatchNormalization({ momentum: 0.9, name: n('input_stats_bn') }).apply(st) as SymbolicTensor;
    st = reluDense('input_stats_dense').apply(st) as SymbolicTensor;
    x = tf.layers.concatenate({ name: n('with_input_stats') }).apply([x, st]) as SymbolicTensor;
  }
  x = dropout('drop_out').apply(x) as SymbolicTensor;
  const logits = tf.layers
    .dense({
      units: spec.classes,
      kernelInitializer:
        preset.init === 'torch'
          ? kernelInit(preset, nextSeed())
          : tf.initializers.glorotUniform({ seed: nextSeed() }),
      name: n(LOGITS_LAYER),
    })
    .apply(x) as SymbolicTensor;
  return logits;
}

/** A view of the same model (shared weights) that stops before the softmax, for a numerically stable loss. */
export function logitsView(model: LayersModel): LayersModel {
  const members = model.layers.filter((l) => memberlessName(l.name) === LOGITS_LAYER);
  // An ensemble's member logits side by side: [batch, members * classes], member by member.
  const outputs =
    members.length === 1
      ? (members[0].output as SymbolicTensor)
      : (tf.layers.concatenate().apply(members.map((l) => l.output as SymbolicTensor)) as SymbolicTensor);
  return tf.model({ inputs: model.inputs, outputs });
}
