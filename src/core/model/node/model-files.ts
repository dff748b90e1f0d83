import fs from 'node:fs/promises';
import path from 'node:path';
import '../layers/index.js';
import type { io } from '@tensorflow/tfjs';
import { errorMessage } from '../../../common/error-message.js';
import { tf, type LayersModel } from '../tf.js';
import {
  MODEL_JSON_FILE,
  MODEL_META_FILE,
  WEIGHTS_FILE,
  parseModelMeta,
  type LoadedModel,
  type StudioModelMeta,
} from '../model-meta.js';
import { modelMetaForFile } from '../model-file-meta.js';
import { assertModelMatchesMeta } from '../model-network-check.js';

type WeightsManifestEntry = io.WeightsManifestEntry;

export interface SavedModelFiles {
  dir: string;
  modelJson: string;
  weights: string;
  meta: string;
}

/**
 * Writes a model folder: tfjs's model.json + weights.bin (the layout tf.loadLayersModel reads over HTTP,
 * so the renderer loads the same folder) and studio-model.json, which names no training speaker. Files are written beside their final names
 * and renamed, so a crash never leaves a half-written model that looks complete.
 */
export async function saveModelFolder(
  dir: string,
  model: LayersModel,
  meta: StudioModelMeta,
): Promise<SavedModelFiles> {
  await fs.mkdir(dir, { recursive: true });
  const files: SavedModelFiles = {
    dir,
    modelJson: path.join(dir, MODEL_JSON_FILE),
    weights: path.join(dir, WEIGHTS_FILE),
    meta: path.join(dir, MODEL_META_FILE),
  };
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : new ArrayBuffer(0);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeAtomic(files.weights, new Uint8Array(weightData));
      await writeAtomic(files.modelJson, JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weightData.byteLength,
        },
      };
    }),
  );
  await writeAtomic(files.meta, `${JSON.stringify(modelMetaForFile(meta), null, 2)}\n`);
  return files;
}

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** Whether `dir` holds a complete model folder. */
export async function isModelFolder(dir: string): Promise<boolean> {
  const present = await Promise.all(
    [MODEL_JSON_FILE, WEIGHTS_FILE, MODEL_META_FILE].map((f) =>
      fs.stat(path.join(dir, f)).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return present.every(Boolean);
}

/** Reads studio-model.json alone (cheap: checks a model's labels before loading its weights). */
export async function readModelMeta(dir: string): Promise<StudioModelMeta> {
  const file = path.join(dir, MODEL_META_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(
      `no model in ${dir} (${MODEL_META_FILE} is missing); train one with \`ser train\` or pass --model DIR`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  return parseModelMeta(parsed, file);
}

/** Loads a model folder in Node: the same files the browser loader fetches, read from disk. */
export async function loadModelFolder(dir: string): Promise<LoadedModel> {
  const meta = await readModelMeta(dir);
  let modelJson: {
    modelTopology?: unknown;
    weightsManifest?: Array<{ paths: string[]; weights: WeightsManifestEntry[] }>;
  };
  try {
    modelJson = JSON.parse(await fs.readFile(path.join(dir, MODEL_JSON_FILE), 'utf8')) as typeof modelJson;
  } catch (err) {
    throw new Error(`cannot read ${path.join(dir, MODEL_JSON_FILE)}: ${errorMessage(err)}`);
  }
  const modelFile = path.join(dir, MODEL_JSON_FILE);
  const manifest = modelJson.weightsManifest ?? [];
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const weightFiles = manifest.flatMap((g) => g.paths).map((p) => path.join(dir, p));
  const buffers = await Promise.all(
    weightFiles.map(async (file) => {
      const b = await fs.readFile(file);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    }),
  );
  const weightsFile = weightFiles.join(', ') || path.join(dir, WEIGHTS_FILE);
  const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
  const needed = weightSpecs.reduce((n, w) => n + weightBytes(w), 0);
  if (bytes !== needed)
    throw new Error(`${weightsFile}: has ${bytes} bytes, but ${modelFile}'s weightsManifest needs ${needed}`);
  let model: LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology as object,
        weightSpecs,
        weightData: tf.io.CompositeArrayBuffer.join(buffers),
      }),
    );
  } catch (err) {
    throw new Error(`${modelFile}: not a model the studio can load (${errorMessage(err)})`);
  }
  try {
    assertModelMatchesMeta(model, meta, { model: modelFile, weights: weightsFile });
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, meta };
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** The bytes one entry of a weights manifest takes in weights.bin. */
function weightBytes(w: WeightsManifestEntry): number {
  return w.shape.reduce((n, d) => n * d, 1) * (DTYPE_BYTES[w.dtype] ?? Number.NaN);
}
