// One optimiser step of a training, and the parameter groups (each with its own Adam) it steps.
import { memberlessName, type ModelSpec } from '../cnn.js';
import { tf, type LayersModel, type Scalar, type Tensor, type Variable } from '../tf.js';
import type { TrainBatch } from './train-batch.js';
import type { LoopSettings } from './train-loop-types.js';

type Adam = ReturnType<typeof tf.train.adam>;
function setRate(optimizer: Adam, lr: number): void {
  // tfjs reads the field at every step but declares it protected.
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

/** The trainable variables, split into groups that each have their own optimiser and rate scale. */
export interface ParamGroup {
  variables: Variable[];
  optimizer: Adam;
  scale: number;
}

export function paramGroups(model: LayersModel, settings: LoopSettings): ParamGroup[] {
  const fast = new Set(settings.fastLayers ?? []);
  const scale = settings.fastRateScale ?? 1;
  const isFast = (name: string) => scale !== 1 && fast.has(memberlessName(name.split('/')[0]));
  const all = model.trainableWeights;
  const parts = [
    { weights: all.filter((w) => !isFast(w.originalName)), scale: 1 },
    { weights: all.filter((w) => isFast(w.originalName)), scale },
  ];
  // An optimiser holds tensors from its birth: make one only for a group that has variables.
  return parts
    .filter((p) => p.weights.length > 0)
    .map((p) => ({
      variables: p.weights.map((w) => w.read() as Variable),
      optimizer: tf.train.adam(settings.learningRate * p.scale),
      scale: p.scale,
    }));
}

/** Every group's optimiser at the scheduled rate, times the group's scale. */
export function setGroupRates(groups: readonly ParamGroup[], lr: number): void {
  for (const g of groups) setRate(g.optimizer, lr * g.scale);
}

/** Each row of `t` (first axis) `times` times in a row: [n, ...] to [n * times, ...]. */
function repeatRows(t: Tensor, times: number): Tensor {
  if (times === 1) return t;
  const inner = t.shape.slice(1);
  const tiled = tf.tile(tf.expandDims(t, 1), [1, times, ...inner.map(() => 1)]);
  return tf.reshape(tiled, [t.shape[0] * times, ...inner]);
}

/** One optimiser step; returns the batch's mean loss and how many examples the model got right. */
export function trainStep(
  logitsModel: LayersModel,
  groups: readonly ParamGroup[],
  batch: TrainBatch,
  spec: ModelSpec,
  labelSmoothing: number,
  weightDecay: number,
): { loss: number; correct: number } {
  const kernels =
    weightDecay > 0
      ? logitsModel.trainableWeights.filter((w) => /kernel/.test(w.originalName ?? w.name))
      : [];
  const members = spec.members ?? 1;
  let predicted: Tensor | null = null;
  const x = tf.tensor4d(batch.x, [batch.size, spec.frames, spec.mels, 1]);
  const y = tf.tensor2d(batch.y, [batch.size, spec.classes]);
  const w = tf.tensor1d(batch.w);
  try {
    const { value: loss, grads } = tf.variableGrads(
      () => {
        const out = logitsModel.apply(x, { training: true }) as Tensor;
        // [batch, members * classes]: each member's logits count as rows of their own, so every member
        // learns from its own loss on every example; the prediction is their mean.
        const perMember = tf.reshape(out, [batch.size, members, spec.classes]);
        predicted = tf.keep(tf.argMax(tf.mean(perMember, 1), 1));
        const ce = tf.losses.softmaxCrossEntropy(
          repeatRows(y, members),
          tf.reshape(perMember, [batch.size * members, spec.classes]),
          repeatRows(w, members),
          labelSmoothing,
        ) as Scalar;
        if (kernels.length === 0) return ce;
        const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k.read()))));
        return tf.add(ce, tf.mul(l2, weightDecay / 2)) as Scalar;
      },
      groups.flatMap((g) => g.variables),
    );
    for (const g of groups)
      g.optimizer.applyGradients(g.variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
    tf.dispose(Object.values(grads));
    const lossValue = loss.dataSync()[0] ?? NaN;
    loss.dispose();
    if (!Number.isFinite(lossValue))
      throw new Error('training diverged (the loss is not a finite number); try a lower --lr');
    const pred = (predicted as Tensor | null)?.dataSync() ?? new Int32Array(0);
    let correct = 0;
    for (let i = 0; i < batch.size; i++) {
      let top = 0;
      for (let c = 1; c < spec.classes; c++)
        if (batch.y[i * spec.classes + c] > batch.y[i * spec.classes + top]) top = c;
      if (pred[i] === top) correct++;
    }
    return { loss: lossValue, correct };
  } finally {
    tf.dispose([x, y, w]);
    if (predicted) (predicted as Tensor).dispose();
  }
}
