/**
 * A damaged model folder is refused when it loads, with the file and the field that is wrong, instead of
 * answering null, NaN or probabilities that do not sum to one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipStatisticsLength, voiceRobustStatistics } from '../../../src/core/classic/clip-statistics.js';
import { DEFAULT_FEATURE_CONFIG } from '../../../src/core/features/index.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { buildModel } from '../../../src/core/model/cnn.js';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/core/model/config.js';
import { loadModelFromUrl } from '../../../src/core/model/model-files-browser.js';
import { MODEL_FORMAT, type StudioModelMeta } from '../../../src/core/model/model-meta.js';
import { loadModelFolder, saveModelFolder } from '../../../src/core/model/node/model-files.js';
import { predictLogMel, predictSamples } from '../../../src/core/model/inference/predict.js';

const FRAMES = 60;
const MELS = DEFAULT_FEATURE_CONFIG.nMels;
const LABELS = ['happy', 'sad', 'neutral'];
const DIMS = clipStatisticsLength(MELS);
const wave = (n: number, k: number) => Array.from({ length: n }, (_, i) => 0.01 * Math.sin(i * k));

function logisticModel(k: number) {
  return {
    classes: 3,
    dims: DIMS,
    mean: wave(DIMS, 0.7),
    std: new Array(DIMS).fill(1.5),
    weights: wave(3 * DIMS, k),
    bias: [0.1, -0.1, 0],
  };
}

function meta(): StudioModelMeta {
  return {
    format: MODEL_FORMAT,
    version: 2,
    labels: LABELS,
    featureConfig: { ...DEFAULT_FEATURE_CONFIG },
    cropFrames: FRAMES,
    windowHopFrames: 30,
    norm: {
      trimDb: 0,
      topDb: 80,
      instance: 'none',
      mean: new Array(MELS).fill(-3),
      std: new Array(MELS).fill(9),
    },
    training: { ...DEFAULT_TRAIN_CONFIG, cropFrames: FRAMES },
    recipe: {
      kind: 'fusion',
      speakerNorm: 'mean',
      instance: 'peak',
      populationBands: null,
      classic: {
        kind: 'logistic',
        independent: logisticModel(0.11),
        adapted: {
          mode: 'mean',
          population: {
            mean: wave(DIMS, 0.3),
            within: new Array(DIMS).fill(2),
            between: new Array(DIMS).fill(1),
            speakers: 5,
          },
          halfWeightClips: 2,
          logistic: logisticModel(0.13),
        },
      },
    },
    split: 'loso',
    folds: 3,
    backend: 'wasm (test)',
    datasetFingerprint: 'abc',
    metrics: null,
    runId: 7,
    createdAt: new Date().toISOString(),
  };
}

type Json = ReturnType<typeof meta> & Record<string, unknown>;
type Classic = NonNullable<NonNullable<StudioModelMeta['recipe']>['classic']>;
const logistic = (m: Json): NonNullable<Classic['independent']> => m.recipe!.classic!.independent!;
const population = (m: Json) => m.recipe!.classic!.adapted!.population;

/** What is damaged, how, and what the refusal must name. */
const DAMAGED: Array<[string, (m: Json) => void, RegExp]> = [
  [
    'classic weights halved',
    (m) => void logistic(m).weights.splice(DIMS * 1.5),
    /recipe\.classic\.independent\.weights has 432 numbers, but classes x dims \(3 x 288\) is 864/,
  ],
  [
    'bias cut to one entry',
    (m) => void logistic(m).bias.splice(1),
    /recipe\.classic\.independent\.bias has 1 numbers/,
  ],
  [
    'classes: 7',
    (m) => void (logistic(m).classes = 7),
    /recipe\.classic\.independent\.classes is 7, but labels has 3/,
  ],
  ['dims off by one', (m) => void (logistic(m).dims = DIMS + 1), /recipe\.classic\.independent\.dims is 289/],
  [
    'weights of 1e308',
    (m) => void logistic(m).weights.fill(1e308),
    /recipe\.classic\.independent\.weights\[0\] is 1e\+308/,
  ],
  [
    'a scaler spread of 0',
    (m) => void (logistic(m).std[5] = 0),
    /recipe\.classic\.independent\.std\[5\] is 0/,
  ],
  [
    'population mean cut to 3',
    (m) => void population(m).mean.splice(3),
    /recipe\.classic\.adapted\.population\.mean has 3 numbers, but the features of 64 mel bands is 288/,
  ],
  [
    'a negative spread between voices',
    (m) => void (population(m).between[4] = -1),
    /recipe\.classic\.adapted\.population\.between\[4\] is -1/,
  ],
  [
    'a statistic the independent part reads that no clip has',
    (m) => void (m.recipe!.classic!.independentStats = [0, 1, 999]),
    /recipe\.classic\.independentStats\[2\] is 999, outside the 288 statistics/,
  ],
  [
    'fewer statistics named than the independent part reads',
    (m) => void (m.recipe!.classic!.independentStats = [0, 1]),
    /recipe\.classic\.independent\.dims is 288, but recipe\.classic\.independentStats names 2/,
  ],
  [
    'the adapted part gone while the recipe standardises voices',
    (m) => void (m.recipe!.classic!.adapted = null),
    /recipe\.classic\.adapted is missing, but recipe\.speakerNorm is "mean"/,
  ],
  [
    'classic model gone from a fusion',
    (m) => void (m.recipe!.classic = null),
    /recipe\.classic is missing, but recipe\.kind "fusion" uses it/,
  ],
  ['labels cut to 2', (m) => void m.labels.splice(2), /labels has 2/],
  ['a label twice', (m) => void (m.labels[2] = 'happy'), /labels repeats a label/],
  [
    'an input length the network does not take',
    (m) => void (m.cropFrames = 61),
    /model\.json: model input is \[60, 64, 1\], but studio-model\.json declares \[61, 64, 1\]/,
  ],
  [
    'a number that overflows to Infinity',
    (m) => void ((m.norm.mean as unknown[])[0] = '__inf__'),
    /norm\.mean\.0: .*Infinity/,
  ],
];

let dir: string;
let intact: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-model-damage-'));
  intact = path.join(dir, 'intact');
  const model = buildModel({
    frames: FRAMES,
    mels: MELS,
    classes: 3,
    head: 'gap',
    size: 'small',
    dropout: 0.3,
    seed: 5,
  });
  await saveModelFolder(intact, model, meta());
  model.dispose();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the intact folder with studio-model.json (or another file) changed. */
function damaged(name: string, change: (folder: string) => void): string {
  const folder = path.join(dir, name.replace(/\W+/g, '-'));
  fs.cpSync(intact, folder, { recursive: true });
  change(folder);
  return folder;
}
const editMeta = (edit: (m: Json) => void) => (folder: string) => {
  const file = path.join(folder, 'studio-model.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  edit(m);
  // JSON has no Infinity: a number too large for a double (1e999) parses to it.
  fs.writeFileSync(file, JSON.stringify(m).replace(/"__inf__"/g, '1e999'));
};
const samples = Float32Array.from({ length: 24000 }, (_, i) => 0.4 * Math.sin(i * 0.05) * Math.sin(i / 2000));

describe('a damaged model folder', () => {
  it('the intact one predicts probabilities that sum to one', async () => {
    const loaded = await loadModelFolder(intact);
    const p = Object.values(predictSamples(loaded, samples).probs);
    expect(p).toHaveLength(3);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    loaded.model.dispose();
  });

  it('the one a training saves, whose independent part reads fewer statistics, loads and predicts', async () => {
    const picked = voiceRobustStatistics(MELS);
    const folder = damaged('independent stats', (f) => {
      const file = path.join(f, 'studio-model.json');
      const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
      const c = m.recipe!.classic!;
      c.independentStats = picked;
      c.independent = {
        ...c.independent!,
        dims: picked.length,
        mean: c.independent!.mean.slice(0, picked.length),
        std: c.independent!.std.slice(0, picked.length),
        weights: c.independent!.weights.slice(0, 3 * picked.length),
      };
      fs.writeFileSync(file, JSON.stringify(m));
    });
    const loaded = await loadModelFolder(folder);
    const p = Object.values(predictSamples(loaded, samples).probs);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    loaded.model.dispose();
  });

  it.each(DAMAGED)('refuses to load with %s, naming the file and the field', async (name, edit, reason) => {
    const folder = damaged(name, editMeta(edit));
    const loading = loadModelFolder(folder);
    await expect(loading).rejects.toThrow(reason);
    await expect(loading).rejects.toThrow(/studio-model\.json|model\.json/);
  });

  it('refuses weights.bin cut short, and a weight that is not a number', async () => {
    const short = damaged('short weights', (f) => {
      const file = path.join(f, 'weights.bin');
      fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 1000));
    });
    await expect(loadModelFolder(short)).rejects.toThrow(
      /weights\.bin: has 1000 bytes, but .*model\.json's weightsManifest needs \d+/,
    );
    const nan = damaged('nan weight', (f) => {
      const file = path.join(f, 'weights.bin');
      const bytes = fs.readFileSync(file);
      bytes.writeFloatLE(Number.NaN, 8);
      fs.writeFileSync(file, bytes);
    });
    await expect(loadModelFolder(nan)).rejects.toThrow(
      /weights\.bin: \S+ holds a value that is not a finite number/,
    );
  });

  it('a model held in memory whose numbers overflow refuses to predict rather than answer NaN', async () => {
    const loaded = await loadModelFolder(intact);
    const m = meta();
    m.recipe!.kind = 'classic';
    // Within what a double holds one by one; their sum over 288 features is not.
    logistic(m as Json)
      .weights.fill(1e307, 0, DIMS)
      .fill(-1e307, DIMS);
    const spec = {
      frames: 80,
      bins: MELS,
      data: Float32Array.from({ length: 80 * MELS }, (_, i) => -40 + (i % 7)),
    };
    expect(() => predictLogMel({ model: loaded.model, meta: m }, spec)).toThrow(/its files are damaged/);
    loaded.model.dispose();
  });

  it('is refused by the browser loader too', async () => {
    const folder = damaged(
      'browser labels',
      editMeta((m) => void m.labels.splice(2)),
    );
    const fetchFromDisk = (async (url: string | URL | Request) => {
      const file = path.join(folder, new URL(String(url)).pathname.split('/').pop() ?? '');
      return fs.existsSync(file) ? new Response(fs.readFileSync(file)) : new Response('', { status: 404 });
    }) as typeof fetch;
    await expect(loadModelFromUrl('http://studio.test/models/x', fetchFromDisk)).rejects.toThrow(
      /labels has 2/,
    );
  });
});

describe('a model saved by version 1 (one classic model, the CNN standardised per speaker)', () => {
  function legacy(m: Json): Record<string, unknown> {
    return {
      ...m,
      version: 1,
      recipe: {
        kind: 'fusion',
        speakerNorm: true,
        instance: 'peak',
        populationBands: { mean: new Array(MELS).fill(-20), std: new Array(MELS).fill(6) },
        classic: {
          kind: 'logistic',
          speakerNorm: true,
          population: { mean: wave(DIMS, 0.3), std: new Array(DIMS).fill(2) },
          logistic: logisticModel(0.11),
        },
      },
    };
  }
  const legacyFolder = (
    name: string,
    edit: (
      m: Record<string, unknown> & { recipe: Json['recipe'] & Record<string, never> },
    ) => void = () => {},
  ) =>
    damaged(name, (folder) => {
      const file = path.join(folder, 'studio-model.json');
      const m = legacy(JSON.parse(fs.readFileSync(file, 'utf8')) as Json) as never;
      edit(m);
      fs.writeFileSync(file, JSON.stringify(m));
    });

  it('still loads, and scores every voice as it did (its classic part always standardised)', async () => {
    const loaded = await loadModelFolder(legacyFolder('legacy intact'));
    expect(loaded.meta.version).toBe(2);
    expect(loaded.meta.recipe?.speakerNorm).toBe('full');
    expect(loaded.meta.recipe?.classic?.independent).toBeNull();
    const p = Object.values(predictSamples(loaded, samples).probs);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    loaded.model.dispose();
  });

  it('is refused with the fields its own file has when damaged', async () => {
    const cut = legacyFolder('legacy bands cut', (m) => {
      (m.recipe as unknown as { populationBands: { std: number[] } }).populationBands.std.splice(10);
    });
    await expect(loadModelFolder(cut)).rejects.toThrow(/recipe\.populationBands\.std has 10 numbers/);
    const gone = legacyFolder('legacy population cut', (m) => {
      (m.recipe as unknown as { classic: { population: { mean: number[] } } }).classic.population.mean.splice(
        3,
      );
    });
    await expect(loadModelFolder(gone)).rejects.toThrow(/recipe\.classic\.population\.mean has 3 numbers/);
  });
});
