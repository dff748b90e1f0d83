import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG } from '../../../src/core/features/index.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { buildModel } from '../../../src/core/model/cnn.js';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/core/model/config.js';
import { loadModelFromUrl } from '../../../src/core/model/model-files-browser.js';
import {
  isModelFolder,
  loadModelFolder,
  readModelMeta,
  saveModelFolder,
} from '../../../src/core/model/node/model-files.js';
import { MODEL_FORMAT, assertSameLabels, type StudioModelMeta } from '../../../src/core/model/model-meta.js';
import { predictLogMel, predictSamples } from '../../../src/core/model/inference/predict.js';
import { tf, type LayersModel, type Tensor } from '../../../src/core/model/tf.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-model-files-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FRAMES = 60;
function meta(labels = ['happy', 'sad', 'neutral']): StudioModelMeta {
  return {
    format: MODEL_FORMAT,
    version: 2,
    labels,
    featureConfig: { ...DEFAULT_FEATURE_CONFIG },
    cropFrames: FRAMES,
    windowHopFrames: 30,
    norm: {
      trimDb: 0,
      topDb: 80,
      instance: 'band',
      mean: new Array(64).fill(-3),
      std: new Array(64).fill(9),
    },
    training: { ...DEFAULT_TRAIN_CONFIG, cropFrames: FRAMES },
    split: 'loso',
    folds: 3,
    backend: 'wasm (test)',
    datasetFingerprint: 'abc',
    metrics: null,
    runId: 7,
    createdAt: new Date().toISOString(),
  };
}

/** A model whose batch-norm statistics are not the initial ones, so a lost weight would show. */
function trainedLike(head: 'gap' | 'attention' | 'stats'): LayersModel {
  const m = buildModel({
    frames: FRAMES,
    mels: 64,
    classes: 3,
    head,
    size: 'small',
    dropout: 0.3,
    seed: 5,
    inputStats: head === 'stats',
    mask: { timeMasks: 1, timeMaskMax: 10, freqMasks: 1, freqMaskMax: 4 },
  });
  tf.tidy(() => {
    m.apply(tf.randomNormal([8, FRAMES, 64, 1], 0.5, 2, 'float32', 3), { training: true });
  });
  return m;
}

const input = () => tf.randomNormal([4, FRAMES, 64, 1], 0, 1, 'float32', 9);
const out = (m: LayersModel) => tf.tidy(() => Array.from((m.predict(input()) as Tensor).dataSync()));

describe('model folders', () => {
  it('an ensemble saves and loads with identical predictions', async () => {
    const model = buildModel({
      frames: FRAMES,
      mels: 64,
      classes: 3,
      head: 'stats',
      size: 'small',
      dropout: 0.3,
      seed: 6,
      inputStats: true,
      members: 2,
    });
    const folder = path.join(dir, 'ensemble');
    await saveModelFolder(folder, model, meta());
    const loaded = await loadModelFolder(folder);
    expect(out(loaded.model)).toEqual(out(model));
    expect(loaded.model.layers.some((l) => l.name === 'm2_logits')).toBe(true);
    loaded.model.dispose();
    model.dispose();
  });

  it.each(['gap', 'attention'] as const)(
    '%s head: save then load gives identical predictions',
    async (head) => {
      const model = trainedLike(head);
      const folder = path.join(dir, head);
      const files = await saveModelFolder(folder, model, meta());
      expect(fs.readdirSync(folder).sort()).toEqual(['model.json', 'studio-model.json', 'weights.bin']);
      expect(await isModelFolder(folder)).toBe(true);
      expect(JSON.parse(fs.readFileSync(files.modelJson, 'utf8')).weightsManifest[0].paths).toEqual([
        './weights.bin',
      ]);
      const loaded = await loadModelFolder(folder);
      expect(out(loaded.model)).toEqual(out(model));
      expect(loaded.meta.labels).toEqual(['happy', 'sad', 'neutral']);
      expect(loaded.meta.norm.mean.length).toBe(64);
      loaded.model.dispose();
      model.dispose();
    },
  );

  it('loads in the browser loader from the same files over fetch, with the same predictions end to end', async () => {
    const model = trainedLike('attention');
    const folder = path.join(dir, 'served');
    await saveModelFolder(folder, model, meta());
    const fetchFromDisk = (async (url: string | URL | Request) => {
      const u = String(url);
      const file = path.join(folder, decodeURIComponent(new URL(u).pathname.split('/').pop() ?? ''));
      if (!fs.existsSync(file)) return new Response('not found', { status: 404 });
      return new Response(fs.readFileSync(file));
    }) as typeof fetch;
    const browser = await loadModelFromUrl('http://studio.test/models/served', fetchFromDisk);
    const node = await loadModelFolder(folder);
    expect(out(browser.model)).toEqual(out(node.model));
    // A 3.5 s clip: several windows averaged, the same in both.
    const samples = Float32Array.from(
      { length: 56000 },
      (_, i) => 0.3 * Math.sin(i * 0.07) * Math.sin(i / 3000),
    );
    const a = predictSamples(browser, samples);
    const b = predictSamples(node, samples);
    expect(a).toEqual(b);
    expect(a.windows).toBeGreaterThan(1);
    expect(Object.values(a.probs).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    for (const m of [model, browser.model, node.model]) m.dispose();
  });

  it('scores a short clip the way the model was trained: looped with repeat fill, padded in older models', async () => {
    const model = trainedLike('stats');
    const folder = path.join(dir, 'repeat');
    const plain = { ...meta(), norm: { ...meta().norm, instance: 'none' as const } };
    await saveModelFolder(folder, model, { ...plain, shortClipFill: 'repeat' });
    const looped = await loadModelFolder(folder);
    expect(looped.meta.shortClipFill).toBe('repeat');
    // 15 frames looped four times fill the 60-frame input exactly: the same as a 60-frame clip made of them.
    const short = {
      frames: 15,
      bins: 64,
      data: Float32Array.from({ length: 15 * 64 }, (_, i) => -60 + 30 * Math.sin(i * 0.37)),
    };
    const tiled = { frames: 60, bins: 64, data: new Float32Array(60 * 64) };
    for (let k = 0; k < 4; k++) tiled.data.set(short.data, k * 15 * 64);
    const older = { model: looped.model, meta: plain };
    expect(predictLogMel(looped, short).probs).toEqual(predictLogMel(older, tiled).probs);
    expect(predictLogMel(older, short).probs).not.toEqual(predictLogMel(looped, short).probs);
    looped.model.dispose();
    model.dispose();
  });

  it('with the peak reference, predicts the same for a recording at a tenth of the gain (-20 dB)', async () => {
    const model = trainedLike('stats');
    const peak = { ...meta(), norm: { ...meta().norm, instance: 'peak' as const } };
    const folder = path.join(dir, 'peak');
    await saveModelFolder(folder, model, peak);
    const loaded = await loadModelFolder(folder);
    expect(loaded.meta.norm.instance).toBe('peak');
    const loud = Float32Array.from(
      { length: 24000 },
      (_, i) => 0.5 * Math.sin(i * 0.05) * Math.sin(i / 2000),
    );
    const quiet = loud.map((v) => v / 10);
    const a = predictSamples(loaded, loud).probs;
    const b = predictSamples(loaded, quiet).probs;
    for (const label of Object.keys(a)) expect(b[label]).toBeCloseTo(a[label], 4);
    // Measured against fixed band statistics alone, the level is part of what the model sees.
    const absolute = {
      model: loaded.model,
      meta: { ...peak, norm: { ...peak.norm, instance: 'none' as const } },
    };
    const c = predictSamples(absolute, loud).probs;
    const d = predictSamples(absolute, quiet).probs;
    expect(Math.max(...Object.keys(c).map((l) => Math.abs(c[l] - d[l])))).toBeGreaterThan(1e-3);
    loaded.model.dispose();
    model.dispose();
  });

  it("keeps the training speakers' names out of studio-model.json; the scores stay", async () => {
    const model = trainedLike('gap');
    const folder = path.join(dir, 'anonymous');
    const metrics = {
      accuracy: 0.5,
      macro_f1: 0.4,
      uar: 0.45,
      labels: ['happy', 'sad', 'neutral'],
      per_class: {},
      confusion: [],
      confusion_normalised: [],
      per_speaker: { 'Anna Lee': { accuracy: 0.5, clips: 4 }, Bert: { accuracy: 0.25, clips: 4 } },
      clips: 8,
      speakers: 2,
      split_warnings: ['only 2 speakers: Anna Lee and Bert'],
      comparison: { choices: [{ fold: 0, testSpeakers: ['Anna Lee'] }] },
    } as unknown as StudioModelMeta['metrics'];
    await saveModelFolder(folder, model, { ...meta(), metrics });
    const text = fs.readFileSync(path.join(folder, 'studio-model.json'), 'utf8');
    expect(text).not.toMatch(/Anna|Bert/);
    const loaded = await loadModelFolder(folder);
    expect(loaded.meta.metrics).toMatchObject({ macro_f1: 0.4, clips: 8, speakers: 2, per_speaker: {} });
    loaded.model.dispose();
    model.dispose();
  });

  it('says clearly when a folder holds no model or a broken description', async () => {
    await expect(readModelMeta(path.join(dir, 'nothing'))).rejects.toThrow(
      /no model in .*studio-model.json is missing/,
    );
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'studio-model.json'), JSON.stringify({ format: 'something-else' }));
    await expect(readModelMeta(bad)).rejects.toThrow(/not an Emotion Studio model description/);
  });

  it("refuses a label set other than the model's", () => {
    expect(() => assertSameLabels(meta(), ['sad', 'neutral', 'happy'], 'the project')).not.toThrow();
    expect(() => assertSameLabels(meta(), ['happy', 'sad', 'neutral', 'angry'], 'the project')).toThrow(
      /trained on the labels happy, sad, neutral, but the project uses happy, sad, neutral, angry/,
    );
  });
});
