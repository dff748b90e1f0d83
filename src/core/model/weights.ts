import { tf, type LayersModel } from './tf.js';

/** A copy of every weight of a model (trainable and batch-norm statistics) outside tfjs memory. */
export interface WeightSnapshot {
  values: Float32Array[];
  shapes: number[][];
}

export function snapshotWeights(model: LayersModel): WeightSnapshot {
  const weights = model.getWeights();
  return {
    values: weights.map((w) => (w.dataSync() as Float32Array).slice()),
    shapes: weights.map((w) => w.shape.slice()),
  };
}

export function restoreWeights(model: LayersModel, snap: WeightSnapshot): void {
  const tensors = snap.values.map((v, i) => tf.tensor(v, snap.shapes[i], 'float32'));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
