import { featureStats } from './feature-stats.js';
import { minimiseLbfgs } from './lbfgs.js';

/** A multinomial logistic regression over standardised features: probabilities = softmax(W z + b). */
export interface LogisticModel {
  classes: number;
  dims: number;
  /** Feature scaler fitted on the training rows. */
  mean: number[];
  std: number[];
  /** [classes][dims], row-major. */
  weights: number[];
  bias: number[];
}

export interface LogisticOptions {
  /**
   * Inverse regularisation strength, as sklearn's C (sum of losses times C plus half the squared weights);
   * default 1, sklearn's. The classic model always gives its own (CLASSIC_C).
   */
  c?: number;
  /** Weight classes inversely to their counts (sklearn's class_weight='balanced'). */
  balanced?: boolean;
  maxIterations?: number;
}

/**
 * Fits the model by L-BFGS on the exact convex objective (softmax cross-entropy plus an L2 penalty on the
 * weights, not the biases). Deterministic: no random start, no sampling.
 */
export function fitLogistic(
  rows: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  opts: LogisticOptions = {},
): LogisticModel {
  const n = rows.length;
  if (n === 0) throw new RangeError('a classifier needs at least one training row');
  if (labels.length !== n) throw new RangeError(`${n} rows but ${labels.length} labels`);
  const dims = rows[0].length;
  const c = opts.c ?? 1;
  const { mean, std } = scalerOf(rows);
  const z = rows.map((r) => scale(r, mean, std));
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  const present = counts.filter((k) => k > 0).length;
  const sampleWeight = labels.map((l) => (opts.balanced === false ? 1 : n / (present * counts[l])));
  const lambda = 1 / (c * n);
  const nw = classes * dims;
  const logits = new Float64Array(classes);
  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i];
      let top = -Infinity;
      for (let k = 0; k < classes; k++) {
        let a = x[nw + k];
        const base = k * dims;
        for (let d = 0; d < dims; d++) a += x[base + d] * zi[d];
        logits[k] = a;
        if (a > top) top = a;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        logits[k] = Math.exp(logits[k] - top);
        sum += logits[k];
      }
      const w = sampleWeight[i] / n;
      loss -= w * Math.log(Math.max(logits[labels[i]] / sum, 1e-300));
      for (let k = 0; k < classes; k++) {
        const err = w * (logits[k] / sum - (k === labels[i] ? 1 : 0));
        if (err === 0) continue;
        const base = k * dims;
        for (let d = 0; d < dims; d++) grad[base + d] += err * zi[d];
        grad[nw + k] += err;
      }
    }
    for (let j = 0; j < nw; j++) {
      loss += 0.5 * lambda * x[j] * x[j];
      grad[j] += lambda * x[j];
    }
    return loss;
  };
  const params = new Float64Array(nw + classes);
  minimiseLbfgs(objective, params, { maxIterations: opts.maxIterations ?? 500, tolerance: 1e-7 });
  return {
    classes,
    dims,
    mean: Array.from(mean),
    std: Array.from(std),
    weights: Array.from(params.subarray(0, nw)),
    bias: Array.from(params.subarray(nw)),
  };
}

/** Class probabilities of one row. */
export function logisticProbs(model: LogisticModel, row: Float32Array): Float32Array {
  if (row.length !== model.dims)
    throw new RangeError(`row has ${row.length} features, the model ${model.dims}`);
  const z = scale(row, model.mean, model.std);
  const out = new Float32Array(model.classes);
  const logits = new Float64Array(model.classes);
  let top = -Infinity;
  for (let k = 0; k < model.classes; k++) {
    let a = model.bias[k];
    const base = k * model.dims;
    for (let d = 0; d < model.dims; d++) a += model.weights[base + d] * z[d];
    logits[k] = a;
    if (a > top) top = a;
  }
  let sum = 0;
  for (let k = 0; k < model.classes; k++) sum += logits[k] = Math.exp(logits[k] - top);
  for (let k = 0; k < model.classes; k++) out[k] = logits[k] / sum;
  return out;
}

function scalerOf(rows: readonly Float32Array[]): { mean: Float64Array; std: Float64Array } {
  const { mean, std } = featureStats(rows);
  // A constant feature carries nothing: leave it at 0 rather than amplify rounding.
  for (let d = 0; d < std.length; d++) if (!(std[d] > 1e-9)) std[d] = 1;
  return { mean, std };
}

function scale(row: Float32Array, mean: ArrayLike<number>, std: ArrayLike<number>): Float64Array {
  const z = new Float64Array(row.length);
  for (let d = 0; d < row.length; d++) z[d] = (row[d] - mean[d]) / std[d];
  return z;
}
