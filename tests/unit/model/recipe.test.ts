// Recipes: the classic baseline and the fusion on exactly the CNN's folds, per-speaker standardisation,
// and 'auto' choosing on each fold's training speakers only.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/model/config.js';
import { bankSpec, createFeatureBank, type FeatureBank } from '../../../src/core/model/feature-bank.js';
import { AUTO_FALLBACK, AUTO_MARGIN, pickRecipe } from '../../../src/core/model/recipe/auto-rule.js';
import { FIXED_RECIPES, type FixedRecipe } from '../../../src/common/options.js';
import { chooseRecipes } from '../../../src/core/model/recipe/node/auto-choice.js';
import { classicRows } from '../../../src/core/model/recipe/classic-folds.js';
import { CNN_FUSION_TEMPERATURE, soften } from '../../../src/core/model/recipe/fuse.js';
import { runRecipe, type RecipeResult } from '../../../src/core/model/recipe/node/run-recipe.js';
import { VOICE_CONDITIONS } from '../../../src/core/model/recipe/voice-conditions.js';
import type { PredictionRow } from '../../../src/core/metrics/index.js';
import { TrainEmitter } from '../../../src/core/model/training/train-events.js';
import type { TrainProgress } from '../../../src/common/contract.js';
import { FRAMES, MELS, syntheticClip } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
const SPEAKERS = ['s1', 's2', 's3', 's4'];

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Four speakers, six clips of each emotion each; every speaker has their own level and tilt. */
function corpus(seed = 2): {
  bank: FeatureBank;
  clips: Array<{ id: number; file: string; speaker: string; label: string }>;
} {
  const specs = [];
  const clips = [];
  for (let i = 0; i < 18 * SPEAKERS.length; i++) {
    const s = Math.floor(i / 18);
    const spec = syntheticClip(i % 3, seed * 10007 + i);
    for (let t = 0; t < spec.frames; t++)
      for (let b = 0; b < MELS; b++) spec.data[t * MELS + b] += 8 * s + (s % 2 ? b * 0.8 : 0);
    specs.push(spec);
    clips.push({ id: i + 1, file: `clip${i}.wav`, speaker: SPEAKERS[s], label: LABELS[i % 3] });
  }
  return { bank: createFeatureBank(specs), clips };
}

function config(overrides: Partial<TrainConfig>): TrainConfig {
  return resolveTrainConfig({
    labels: LABELS,
    split: 'loso',
    epochs: 2,
    size: 'small',
    cropFrames: FRAMES,
    windowHopFrames: 12,
    augment: [],
    featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
    ...overrides,
  });
}

async function run(overrides: Partial<TrainConfig>, skipFinal = true): Promise<RecipeResult> {
  const { bank, clips } = corpus();
  const r = await runRecipe({
    clips,
    bank,
    config: config(overrides),
    sourceFor: async (b) => new InlineBatchSource(b),
    backend: 'wasm',
    skipFinal,
  });
  r.experiment.model?.dispose();
  return r;
}

describe('runRecipe', () => {
  it('scores the classic baseline and the fusion on exactly the CNN’s folds, under every voice condition', async () => {
    const r = await run({ recipe: 'fusion', speakerNorm: 'mean' });
    const fresh = r.conditions.get('new')!;
    const foldOf = (rows: PredictionRow[]) => rows.map((p) => `${p.clipId}:${p.fold}`).sort();
    expect(fresh.cnn).toHaveLength(72);
    expect(foldOf(fresh.classic)).toEqual(foldOf(fresh.cnn));
    expect(foldOf(fresh.fusion)).toEqual(foldOf(fresh.cnn));
    for (const condition of VOICE_CONDITIONS) {
      const side = r.conditions.get(condition)!;
      // The CNN uses no voice statistics: the same probabilities whatever is known of the voice.
      const cnn = new Map(fresh.cnn.map((p) => [p.clipId, p.probs]));
      for (const p of side.cnn) expect(p.probs).toEqual(cnn.get(p.clipId));
    }
    // A new voice's fusion: the CNN, softened at the fusion's temperature, and the classic model's independent
    // part, averaged.
    const cnn = new Map(fresh.cnn.map((p) => [p.clipId, soften(p.probs, CNN_FUSION_TEMPERATURE)]));
    const classic = new Map(fresh.classic.map((p) => [p.clipId, p.probs]));
    for (const p of fresh.fusion)
      p.probs.forEach((v, k) =>
        expect(v).toBeCloseTo((cnn.get(p.clipId)![k] + classic.get(p.clipId)![k]) / 2, 6),
      );
    // The run's own predictions are its recipe's: a new voice's are the headline, a known voice's beside them.
    expect(r.predictions).toEqual(fresh.fusion);
    expect(r.knownPredictions).toEqual(r.conditions.get('known')!.fusion);
    expect(r.metrics?.macro_f1).toBe(r.sideMetrics.fusion?.macro_f1);
    expect(r.voice?.newVoice.macro_f1).toBe(r.metrics?.macro_f1);
    expect(r.voice?.curve.map((p) => p.voiceClips)).toEqual([1, 2, 4, 8, 'others']);
    // Each speaker has 18 clips, so every curve point scores every clip.
    expect(r.voice?.curve.every((p) => p.clips === 72)).toBe(true);
    // The bright band per class is easy for the classic statistics on held-out speakers (chance: 1/3).
    expect(r.sideScores.classic!.knownVoice.macro_f1).toBeGreaterThan(0.8);
    expect(r.sideScores.classic!.newVoice.macro_f1).toBeGreaterThan(0.8);
  }, 120_000);

  it('scores a new voice with nothing of the voice: its held-out speaker’s other clips change nothing', async () => {
    const plain = await run({ recipe: 'classic', speakerNorm: 'mean' });
    // Every clip of s1 but the first replaced by noise: a new voice's score of that first clip may not move.
    const { bank, clips } = corpus();
    const s1 = clips.flatMap((c, i) => (c.speaker === 's1' ? [i] : []));
    for (const i of s1.slice(1)) bankSpec(bank, i).data.fill(-3 * (i % 7));
    const changed = await runRecipe({
      clips,
      bank,
      config: config({ recipe: 'classic', speakerNorm: 'mean' }),
      sourceFor: async (b) => new InlineBatchSource(b),
      backend: 'wasm',
      skipFinal: true,
    });
    const first = (r: RecipeResult, c: 'new' | 'known') =>
      r.conditions.get(c)!.classic.find((p) => p.clipId === clips[s1[0]].id)!.probs;
    expect(first(changed, 'new')).toEqual(first(plain, 'new'));
    expect(first(changed, 'known')).not.toEqual(first(plain, 'known'));
  }, 120_000);

  it('fits the final classic model only when a final model is trained', async () => {
    const withFinal = await run({ recipe: 'cnn', speakerNorm: 'mean' }, false);
    expect(withFinal.classicModel?.independent?.classes).toBe(3);
    expect(withFinal.classicModel?.adapted?.mode).toBe('mean');
    expect(withFinal.predictions).toEqual(withFinal.conditions.get('new')!.cnn);
    const foldsOnly = await run({ recipe: 'classic', speakerNorm: 'mean' });
    expect(foldsOnly.classicModel).toBeNull();
    expect(foldsOnly.predictions).toEqual(foldsOnly.conditions.get('new')!.classic);
  }, 120_000);

  it('uses no voice statistics, and says why, where speaker and emotion are confounded', async () => {
    const { bank, clips } = corpus();
    // Three of four speakers keep one emotion only.
    const keep = clips.flatMap((c, i) =>
      c.speaker === 's4' || LABELS.indexOf(c.label) === SPEAKERS.indexOf(c.speaker) ? [i] : [],
    );
    const sub = createFeatureBank(keep.map((i) => bankSpec(bank, i)));
    const r = await runRecipe({
      clips: keep.map((i) => clips[i]),
      bank: sub,
      config: config({ recipe: 'classic', speakerNorm: 'mean' }),
      sourceFor: async (b) => new InlineBatchSource(b),
      backend: 'wasm',
      skipFinal: true,
    });
    expect(r.finalSpeakerNorm).toBe('none');
    expect(r.voiceFolds.every((f) => f.speakerNorm === 'none')).toBe(true);
    expect(r.warnings.join(' ')).toMatch(
      /3 of 4 training speakers show one or two emotions: speaker and emotion are confounded/,
    );
    expect(r.knownPredictions.map((p) => p.probs)).toEqual(r.predictions.map((p) => p.probs));
  }, 120_000);
});

describe("'auto'", () => {
  // The rule is stated against whichever recipe is the default (D); X and Y are the other two.
  const D = AUTO_FALLBACK;
  const [X, Y] = FIXED_RECIPES.filter((r) => r !== D);
  const by = <T>(d: T, x: T, y: T) => ({ [D]: d, [X]: x, [Y]: y }) as Record<FixedRecipe, T>;

  it('leaves the default only for a recipe that beats it by more than the margin in the inner folds', () => {
    expect(pickRecipe(by(0.8, 0.815, 0.79))).toBe(D);
    expect(pickRecipe(by(0.8, 0.79, 0.83))).toBe(Y);
    expect(pickRecipe(by(0.8, 0.8 + AUTO_MARGIN / 2, 0.7))).toBe(D);
  });

  it('leaves the default only for a recipe that also wins every inner fold on its own', () => {
    const pooled = by(0.6, 0.62, 0.7);
    // Y wins the pooled score by 0.1 but loses the second group of speakers: the default stays.
    expect(pickRecipe(pooled, by([0.5, 0.7, 0.6], [0.6, 0.6, 0.6], [0.8, 0.65, 0.7]))).toBe(D);
    expect(pickRecipe(pooled, by([0.5, 0.6, 0.6], [0.6, 0.6, 0.6], [0.8, 0.65, 0.7]))).toBe(Y);
    // X wins every fold but not by the margin over the pool; Y loses a fold: the default stays.
    expect(pickRecipe(by(0.6, 0.61, 0.7), by([0.5, 0.6, 0.6], [0.51, 0.61, 0.61], [0.8, 0.6, 0.7]))).toBe(D);
  });

  it('never lets the outer fold’s test speaker sway its choice', async () => {
    const choose = async (scramble: boolean, events?: TrainEmitter) => {
      const { bank, clips } = corpus();
      const cfg = config({ recipe: 'auto', speakerNorm: 'mean' });
      const held = clips.flatMap((c, i) => (c.speaker === 's1' ? [i] : []));
      if (scramble) {
        // The held-out speaker's labels rotated and their audio replaced: nothing of them may matter.
        for (const i of held) {
          clips[i] = { ...clips[i], label: LABELS[(LABELS.indexOf(clips[i].label) + 1) % 3] };
          bankSpec(bank, i).data.fill(-7 * (i % 5));
        }
      }
      const labels = clips.map((c) => LABELS.indexOf(c.label));
      return chooseRecipes(
        { clips, bank, config: cfg, source: new InlineBatchSource(bank), backend: 'wasm', events },
        { rows: classicRows(bank), speakers: clips.map((c) => c.speaker), labels, classes: 3 },
        new Map([[0, held]]),
        () => 'mean',
      );
    };
    const events = new TrainEmitter();
    const seen: TrainProgress[] = [];
    const epochs: unknown[] = [];
    events.on('progress', (p) => seen.push(p));
    events.on('epoch', (e) => epochs.push(e));
    const plain = await choose(false, events);
    const scrambled = await choose(true);
    // The inner trainings show as the run's 'choosing' phase, moving forward to the end; their epochs are
    // not the run's and are not passed on.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.phase === 'choosing' && p.fold === 0 && p.folds === 1)).toBe(true);
    const shares = seen.map((p) => p.fraction ?? -1);
    expect(shares.every((f, k) => f >= 0 && f <= 1 && (k === 0 || f >= shares[k - 1]))).toBe(true);
    expect(shares[shares.length - 1]).toBeGreaterThan(0.9);
    expect(seen.some((p) => p.etaS !== null && p.etaS > 0)).toBe(true);
    expect(seen[0].message).toMatch(/^choosing the recipe for fold 1: inner fold 1 of 3$/);
    expect(epochs).toEqual([]);
    expect(plain).toHaveLength(1);
    expect(plain[0].innerSplit).toBe('kfold:3');
    expect(plain[0].testSpeakers).toEqual(['s1']);
    expect(plain[0].inner).not.toBeNull();
    expect(plain[0].innerFolds?.classic).toHaveLength(3);
    expect(scrambled).toEqual(plain);
  }, 120_000);

  it('keeps the default recipe, and says why, where too few speakers are left for an inner split', async () => {
    const { bank, clips } = corpus();
    const two = clips.filter((c) => c.speaker === 's1' || c.speaker === 's2' || c.speaker === 's3');
    const choices = await chooseRecipes(
      {
        clips: two,
        bank,
        config: config({ recipe: 'auto' }),
        source: new InlineBatchSource(bank),
        backend: 'wasm',
      },
      {
        rows: classicRows(bank).slice(0, two.length),
        speakers: two.map((c) => c.speaker),
        labels: two.map((c) => LABELS.indexOf(c.label)),
        classes: 3,
      },
      new Map([[0, two.flatMap((c, i) => (c.speaker === 's1' ? [i] : []))]]),
      () => 'none',
    );
    expect(choices[0].chosen).toBe(AUTO_FALLBACK);
    expect(choices[0].inner).toBeNull();
    expect(choices[0].reason).toMatch(/2 training speakers: too few for an inner split/);
  });
});
