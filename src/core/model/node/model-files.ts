import fs from 'node:fs/promises';
import path from 'node:path';
import '../layers/index.js';
import type { io } from '@tensorflow/tfjs';
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
    throw new Error(
      `cannot read ${path.join(dir, MODEL_JSON_FILE)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const manifest = modelJson.weightsManifest ?? [];
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(
    manifest
      .flatMap((g) => g.paths)
      .map(async (p) => {
        const b = await fs.readFile(path.join(dir, p));
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      }),
  );
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as object,
      weightSpecs,
      weightData: tf.io.CompositeArrayBuffer.join(buffers),
    }),
  );
  return { model, meta };
}
