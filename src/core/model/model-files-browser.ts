// Browser-safe model loading (no node:*): the renderer's Predict screen fetches the same model folder.
import './layers/index.js';
import { tf } from './tf.js';
import {
  MODEL_JSON_FILE,
  MODEL_META_FILE,
  WEIGHTS_FILE,
  parseModelMeta,
  type LoadedModel,
} from './model-meta.js';
import { assertModelMatchesMeta } from './model-network-check.js';

/**
 * Loads a model folder served at `baseUrl` (e.g. '/models/run-3' or 'studio://models/run-3'):
 * studio-model.json, then model.json and its weights through tfjs's HTTP loader.
 */
export async function loadModelFromUrl(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<LoadedModel> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const res = await fetchFn(`${base}${MODEL_META_FILE}`);
  if (!res.ok)
    throw new Error(`cannot load the model description ${base}${MODEL_META_FILE}: HTTP ${res.status}`);
  const meta = parseModelMeta(await res.json(), `${base}${MODEL_META_FILE}`);
  const model = await tf.loadLayersModel(`${base}${MODEL_JSON_FILE}`, { fetchFunc: fetchFn });
  try {
    assertModelMatchesMeta(model, meta, {
      model: `${base}${MODEL_JSON_FILE}`,
      weights: `${base}${WEIGHTS_FILE}`,
    });
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, meta };
}
