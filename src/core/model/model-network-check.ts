// Browser-safe: the network a model folder holds, checked against its studio-model.json before it predicts.
import type { StudioModelMeta } from './model-meta.js';
import { FileCheck } from './model-meta-shapes.js';
import { tf, type LayersModel } from './tf.js';

/**
 * The network (model.json and weights.bin) against studio-model.json: it takes cropFrames x nMels windows,
 * answers one probability per label, and every weight is a finite number. The caller disposes the model.
 */
export function assertModelMatchesMeta(
  model: LayersModel,
  meta: StudioModelMeta,
  files: { model: string; weights: string },
): void {
  const check = new FileCheck(files.model);
  if (model.inputs.length !== 1)
    check.fail('model', `has ${model.inputs.length} inputs, the studio's models one`);
  const input = model.inputs[0].shape;
  const wanted = [meta.cropFrames, meta.featureConfig.nMels, 1];
  if (input.length !== 4 || wanted.some((n, i) => input[i + 1] !== n))
    check.fail(
      'model input',
      `is [${input.slice(1).join(', ')}], but studio-model.json declares [${wanted.join(', ')}] (cropFrames, nMels, 1)`,
    );
  const output = model.outputs[0].shape;
  const units = output[output.length - 1];
  if (model.outputs.length !== 1 || output.length !== 2 || units !== meta.labels.length)
    check.fail(
      'model output',
      `has ${units ?? 'no'} units, but studio-model.json's labels have ${meta.labels.length} (${meta.labels.join(', ')})`,
    );
  const weights = new FileCheck(files.weights);
  for (const w of model.weights) {
    const finite = tf.tidy(() => tf.all(tf.isFinite(w.read())).dataSync()[0] === 1);
    if (!finite) weights.fail(w.name, 'holds a value that is not a finite number');
  }
}
