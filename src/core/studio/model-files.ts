import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILE_PATTERN } from '../../common/media-urls.js';
import type { Project } from '../dataset/node/project.js';
import { anonymousMetrics } from '../model/model-file-meta.js';
import { MODEL_META_FILE } from '../model/model-meta.js';
import { badRequest, notFound } from './errors.js';
import { fileMimeOf } from './mime.js';

/** One file of a run's model folder, for the renderer's in-page prediction; only model file names are served. */
export async function modelFile(
  project: Project,
  runId: number,
  name: string,
): Promise<{ bytes: Uint8Array; mime: string }> {
  if (!MODEL_FILE_PATTERN.test(name)) throw badRequest(`not a model file: ${name}`);
  const run = project.runs.get(runId);
  if (!run) throw notFound(`no run with id ${runId}`);
  if (!run.modelDir) throw notFound(`run ${runId} has no model`);
  const dir = path.resolve(run.modelDir);
  const file = path.resolve(dir, name);
  // The pattern already excludes separators; this keeps it true if the pattern ever loosens.
  if (path.dirname(file) !== dir) throw badRequest(`not a model file: ${name}`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.promises.readFile(file));
  } catch {
    throw notFound(`run ${runId}'s model has no ${name}`);
  }
  return { bytes: name === MODEL_META_FILE ? withoutSpeakerNames(bytes) : bytes, mime: fileMimeOf(name) };
}

/**
 * studio-model.json as served: a model saved before names were left out of it still listed its training
 * speakers in its per-speaker scores. A file that is not a JSON object is served as it is (the loader says
 * what is wrong with it).
 */
function withoutSpeakerNames(bytes: Uint8Array): Uint8Array {
  let meta: unknown;
  try {
    meta = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return bytes;
  const { metrics } = meta as { metrics?: unknown };
  if (typeof metrics !== 'object' || metrics === null) return bytes;
  const served = { ...meta, metrics: anonymousMetrics(metrics as Record<string, unknown>) };
  return new TextEncoder().encode(`${JSON.stringify(served, null, 2)}\n`);
}
