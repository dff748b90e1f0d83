import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILE_PATTERN } from '../../common/media-urls.js';
import type { Project } from '../dataset/node/project.js';
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
  try {
    return { bytes: new Uint8Array(await fs.promises.readFile(file)), mime: fileMimeOf(name) };
  } catch {
    throw notFound(`run ${runId}'s model has no ${name}`);
  }
}
