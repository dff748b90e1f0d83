// A clip longer than the model's input is scored over sliding windows, and its probabilities are the mean
// of every window's: prediction, evaluation and the held-out predictions of a training all count the whole
// clip, not its first window. A fixed linear model makes each window's output known exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, type Spectrogram } from '../../../src/core/features/index.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/core/model/config.js';
import { createFeatureBank } from '../../../src/core/model/feature-bank.js';
import { MODEL_FORMAT, type LoadedModel, type StudioModelMeta } from '../../../src/core/model/model-meta.js';
import { predictLogMel } from '../../../src/core/model/inference/predict.js';
import { scoreClips } from '../../../src/core/model/inference/score-clips.js';
import { tf, type LayersModel, type Tensor } from '../../../src/core/model/tf.js';
import { predictBankClips } from '../../../src/core/model/inference/window-predictions.js';
import { windowPlanOf } from '../../../src/core/model/windows.js';

const LABELS = ['happy', 'sad', 'neutral'];
const BINS = 6;
const FRAMES = 10;
const HOP = 10;
/** Three windows (frames 0-9, 10-19, 20-29), each loud in another class's bands. */
const CLIP_FRAMES = 30;

let model: LayersModel;
let loaded: LoadedModel;

beforeAll(async () => {
  await selectBackend('wasm');
  // Class k's logit is the window's mean level in bands 2k and 2k+1 (times 2): a linear read-out.
  model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [FRAMES, BINS, 1] }),
      tf.layers.dense({ units: LABELS.length, activation: 'softmax', useBias: false }),
    ],
  });
  const w = new Float32Array(FRAMES * BINS * LABELS.length);
  for (let t = 0; t < FRAMES; t++)
    for (let b = 0; b < BINS; b++) w[(t * BINS + b) * LABELS.length + Math.floor(b / 2)] = 1 / FRAMES;
  model.setWeights([tf.tensor2d(w, [FRAMES * BINS, LABELS.length])]);
  loaded = { model, meta: meta() };
});

function meta(): StudioModelMeta {
  return {
    format: MODEL_FORMAT,
    version: 2,
    labels: LABELS,
    featureConfig: { ...DEFAULT_FEATURE_CONFIG, nMels: BINS },
    cropFrames: FRAMES,
    windowHopFrames: HOP,
    shortClipFill: 'repeat',
    // Inputs reach the model as they are: no trim, no floor within reach, no offset, unit scale.
    norm: {
      trimDb: 0,
      topDb: 80,
      instance: 'none',
      mean: new Array(BINS).fill(0),
      std: new Array(BINS).fill(1),
    },
    training: { ...DEFAULT_TRAIN_CONFIG, cropFrames: FRAMES, windowHopFrames: HOP },
    split: 'loso',
    folds: 2,
    backend: 'wasm (test)',
    datasetFingerprint: null,
    metrics: null,
    runId: 1,
    createdAt: new Date().toISOString(),
  };
}

/** Window w (of three) is loud in the bands of class `loudest[w]`. */
function clip(loudest: readonly number[]): Spectrogram {
  const data = new Float32Array(CLIP_FRAMES * BINS).fill(-1);
  for (let t = 0; t < CLIP_FRAMES; t++) {
    const k = loudest[Math.floor(t / FRAMES)];
    data[t * BINS + 2 * k] = 3;
    data[t * BINS + 2 * k + 1] = 3;
  }
  return { frames: CLIP_FRAMES, bins: BINS, data };
}

/** The model's output for each window, computed here from the frames themselves. */
function perWindow(spec: Spectrogram): number[][] {
  const out: number[][] = [];
  for (let start = 0; start + FRAMES <= spec.frames; start += HOP) {
    const x = spec.data.slice(start * BINS, (start + FRAMES) * BINS);
    out.push(
      tf.tidy(() => Array.from((model.predict(tf.tensor4d(x, [1, FRAMES, BINS, 1])) as Tensor).dataSync())),
    );
  }
  return out;
}

const mean = (rows: number[][]): number[] =>
  rows[0].map((_, k) => rows.reduce((s, r) => s + r[k], 0) / rows.length);

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
}

describe('a clip longer than the model input', () => {
  // The first window says happy; the other two say neutral: the clip, as a whole, is neutral.
  const spec = clip([0, 2, 2]);

  it('has windows that disagree (so a first-window-only score would differ)', () => {
    const windows = perWindow(spec);
    expect(windows).toHaveLength(3);
    const first = windows[0];
    const all = mean(windows);
    expect(first.indexOf(Math.max(...first))).toBe(0);
    expect(all.indexOf(Math.max(...all))).toBe(2);
    expect(Math.max(...all.map((v, k) => Math.abs(v - first[k])))).toBeGreaterThan(0.2);
  });

  it('is predicted as the mean over all its windows', () => {
    const p = predictLogMel(loaded, spec);
    expect(p.windows).toBe(3);
    expectClose(p.probs, mean(perWindow(spec)));
  });

  it('is evaluated as the mean over all its windows, beside a clip of one window', async () => {
    const short = clip([1, 1, 1]);
    const one = { frames: FRAMES, bins: BINS, data: short.data.slice(0, FRAMES * BINS) };
    const scored = await scoreClips(
      loaded,
      [
        { file: 'one.wav', speaker: 's1', label: 'sad' },
        { file: 'long.wav', speaker: 's1', label: 'neutral' },
      ],
      async (_c, i) => (i === 0 ? one : spec),
    );
    expectClose(scored.newVoice.rows[0].probs, perWindow(one)[0]);
    expectClose(scored.newVoice.rows[1].probs, mean(perWindow(spec)));
    expect(scored.newVoice.rows[1].predicted).toBe('neutral');
  });

  it("gets the mean over all its windows as a training's held-out prediction", () => {
    const other = clip([1, 0, 0]);
    const bank = createFeatureBank([spec, other]);
    const probs = predictBankClips(model, bank, [0, 1], windowPlanOf(loaded.meta), loaded.meta.norm, 3);
    expectClose(probs[0], mean(perWindow(spec)));
    expectClose(probs[1], mean(perWindow(other)));
  });
});
