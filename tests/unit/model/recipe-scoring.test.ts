// A saved model scores a clip under its recipe from all of its parts: the fusion is the CNN and the classic
// model together, a classic model is the classic model alone, and what is known of the voice moves the
// classic part only.
import { beforeAll, describe, expect, it } from 'vitest';
import { classicScore, clipStatistics, fitClassic } from '../../../src/core/classic/index.js';
import { DEFAULT_FEATURE_CONFIG } from '../../../src/core/features/index.js';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { buildModel } from '../../../src/core/model/cnn.js';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/core/model/config.js';
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  type LoadedModel,
  type ModelRecipe,
} from '../../../src/core/model/model-meta.js';
import { CNN_FUSION_TEMPERATURE, fuseProbs, soften } from '../../../src/core/model/recipe/fuse.js';
import { scorePrepared } from '../../../src/core/model/recipe/recipe-scoring.js';
import { scoreClips } from '../../../src/core/model/inference/score-clips.js';
import { voiceOfRows } from '../../../src/core/voice/index.js';
import { FRAMES, MELS, syntheticClip } from './synthetic.js';

let clips: ReturnType<typeof syntheticClip>[];
let classic: ModelRecipe['classic'];

beforeAll(async () => {
  await selectBackend('wasm');
  clips = Array.from({ length: 36 }, (_, i) => syntheticClip(i % 3, 500 + i));
  classic = fitClassic(
    clips.map(clipStatistics),
    clips.map((_, i) => i % 3),
    3,
    { speakerNorm: 'mean', speakers: clips.map((_, i) => `s${i % 4}`) },
  );
});

function loaded(
  kind: ModelRecipe['kind'],
  cnnTemperature: number | null = CNN_FUSION_TEMPERATURE,
): LoadedModel {
  const model = buildModel({
    frames: FRAMES,
    mels: MELS,
    classes: 3,
    head: 'gap',
    size: 'small',
    dropout: 0.3,
    seed: 9,
  });
  return {
    model,
    meta: {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      labels: ['happy', 'sad', 'neutral'],
      featureConfig: { ...DEFAULT_FEATURE_CONFIG, nMels: MELS, nMfcc: MELS },
      cropFrames: FRAMES,
      windowHopFrames: 12,
      norm: {
        trimDb: 0,
        topDb: 80,
        instance: 'none',
        mean: new Array(MELS).fill(-40),
        std: new Array(MELS).fill(8),
      },
      training: DEFAULT_TRAIN_CONFIG,
      split: 'loso',
      folds: 4,
      backend: 'wasm',
      datasetFingerprint: null,
      metrics: null,
      runId: 1,
      createdAt: '2026-01-01T00:00:00Z',
      recipe: {
        kind,
        speakerNorm: 'mean',
        instance: 'none',
        populationBands: null,
        classic,
        ...(cnnTemperature === null ? {} : { cnnTemperature }),
      },
    },
  };
}

describe('a saved model under its recipe', () => {
  it('fusion: the CNN with the classic model, a new voice and a known one alike', () => {
    const m = loaded('fusion');
    const voice = voiceOfRows(clips.slice(0, 6).map(clipStatistics), clipStatistics(clips[0]).length);
    for (const v of [null, voice]) {
      const s = scorePrepared(m, clips[0], v);
      const score = classicScore(classic!, clipStatistics(clips[0]), v);
      const expected = fuseProbs(s.parts.cnn!, score, CNN_FUSION_TEMPERATURE);
      s.probs.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 6));
      expect(s.probs).not.toEqual(s.parts.cnn);
      expect(s.probs).not.toEqual(s.parts.classic);
    }
    m.model.dispose();
  });

  it('fusion: a model saved before the CNN was softened fuses as it was evaluated, at temperature 1', () => {
    const old = loaded('fusion', null);
    const s = scorePrepared(old, clips[2], null);
    const plain = fuseProbs(s.parts.cnn!, classicScore(classic!, clipStatistics(clips[2]), null), 1);
    s.probs.forEach((p, k) => expect(p).toBeCloseTo(plain[k], 6));
    old.model.dispose();
  });

  it('classic: the classic model alone; cnn: the CNN alone, whatever is known of the voice', () => {
    const voice = voiceOfRows(clips.slice(0, 6).map(clipStatistics), clipStatistics(clips[0]).length);
    const c = loaded('classic');
    expect(scorePrepared(c, clips[1], voice).probs).toEqual(
      classicScore(classic!, clipStatistics(clips[1]), voice).probs,
    );
    expect(scorePrepared(c, clips[1], voice).voiceWeight).toBeCloseTo(6 / 8, 12);
    c.model.dispose();
    const n = loaded('cnn');
    const alone = scorePrepared(n, clips[1], null);
    expect(scorePrepared(n, clips[1], voice).probs).toEqual(alone.probs);
    expect(alone.probs).toEqual(alone.parts.cnn);
    expect(scorePrepared(n, clips[1], voice).voiceWeight).toBe(0);
    n.model.dispose();
  });
});

describe('a saved model scoring many clips (scoreClips)', () => {
  it("knows a speaker's voice from several of their clips, and a speaker's one clip as no more than a new voice", async () => {
    const m = loaded('classic');
    const speakers = ['solo', 'pair', 'pair', 'pair'];
    const scored = await scoreClips(
      m,
      speakers.map((speaker, i) => ({
        file: `c${i}.wav`,
        speaker,
        label: ['happy', 'sad', 'neutral'][i % 3],
      })),
      async (_clip, i) => clips[i + 4],
    );
    const probs = (rows: { probs: number[] }[], i: number) => rows[i].probs;
    // the one clip of its speaker: scored with nothing of the voice, as a new voice
    expect(probs(scored.knownVoice.rows, 0)).toEqual(probs(scored.newVoice.rows, 0));
    // a speaker of three clips is a voice the model knows: the adapted part moves the score
    for (const i of [1, 2, 3])
      expect(probs(scored.knownVoice.rows, i)).not.toEqual(probs(scored.newVoice.rows, i));
    m.model.dispose();
  });
});

describe('fuseProbs', () => {
  it('averages the CNN with the independent part for a new voice, and hands over to the adapted part as the voice is known', () => {
    const cnn = [0.6, 0.3, 0.1];
    const score = { probs: [0, 0, 0], independent: [0.2, 0.5, 0.3], adapted: [0.1, 0.1, 0.8], weight: 0 };
    expect(fuseProbs(cnn, score)).toEqual([0.4, 0.4, 0.2]);
    const half = fuseProbs(cnn, { ...score, weight: 0.5 });
    [0.25, 0.25, 0.5].forEach((v, k) => expect(half[k]).toBeCloseTo(v, 12));
    // a model of one classic part (saved before voices were scored both ways): the plain average
    expect(
      fuseProbs(cnn, { probs: [0.2, 0.2, 0.6], independent: null, adapted: [0.2, 0.2, 0.6], weight: 1 }),
    ).toEqual([0.4, 0.25, 0.35]);
  });

  it('softens the CNN at the temperature: softmax(logits / T), so a sure CNN no longer outvotes the classic model', () => {
    const logits = [2, 0.5, -1];
    const softmax = (z: number[]) => z.map((v) => Math.exp(v) / z.reduce((a, b) => a + Math.exp(b), 0));
    soften(softmax(logits), 5).forEach((p, k) =>
      expect(p).toBeCloseTo(softmax(logits.map((v) => v / 5))[k], 12),
    );
    expect(soften([0.7, 0.2, 0.1], 1)).toEqual([0.7, 0.2, 0.1]);
    const sure = [0.98, 0.02, 0];
    const score = { probs: [0, 0, 0], independent: [0.1, 0.8, 0.1], adapted: [0.1, 0.8, 0.1], weight: 0 };
    const argmax = (p: number[]) => p.indexOf(Math.max(...p));
    expect(argmax(fuseProbs(sure, score, 1))).toBe(0);
    expect(argmax(fuseProbs(sure, score, CNN_FUSION_TEMPERATURE))).toBe(1);
    // a model trained without voice statistics (a confounded corpus) softens the CNN all the same
    const noVoices = { probs: [0.1, 0.8, 0.1], independent: [0.1, 0.8, 0.1], adapted: null, weight: 0 };
    expect(argmax(fuseProbs(sure, noVoices, CNN_FUSION_TEMPERATURE))).toBe(1);
  });
});
