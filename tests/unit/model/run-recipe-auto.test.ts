/**
 * runRecipe with recipe 'auto': each fold's held-out predictions are its chosen recipe's, and the saved model
 * combines the choice most folds made, a tie with the default recipe going to the default. The fold choices are planned (the
 * inner cross-validation is tested in recipe.test.ts and auto-choice.test.ts); the CNN, the classic baseline
 * and the fusion are trained and scored for real on a small synthetic corpus.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { resolveTrainConfig } from '../../../src/core/model/config.js';
import { AUTO_FALLBACK } from '../../../src/core/model/recipe/auto-rule.js';
import type { FoldChoice } from '../../../src/core/model/recipe/node/auto-choice.js';
import { runRecipe, type RecipeResult } from '../../../src/core/model/recipe/node/run-recipe.js';
import { FIXED_RECIPES, type FixedRecipe } from '../../../src/core/model/recipe/side-predictions.js';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { createFeatureBank } from '../../../src/core/model/feature-bank.js';
import { FRAMES, MELS, syntheticClip } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
const SPEAKERS = ['s1', 's2', 's3', 's4'];
const [OTHER, THIRD] = FIXED_RECIPES.filter((r) => r !== AUTO_FALLBACK) as [FixedRecipe, FixedRecipe];

/** What each outer fold (in fold order) chooses. */
let plan: FixedRecipe[] = [];

vi.mock('../../../src/core/model/recipe/node/auto-choice.js', () => ({
  chooseRecipes: vi.fn(
    async (
      _input: unknown,
      _data: unknown,
      folds: ReadonlyMap<number, readonly number[]>,
    ): Promise<FoldChoice[]> =>
      [...folds.keys()]
        .sort((a, b) => a - b)
        .map((fold, k) => ({
          fold,
          testSpeakers: [SPEAKERS[fold]],
          chosen: plan[k],
          inner: null,
          innerFolds: null,
          innerSplit: null,
          reason: 'planned by the test',
        })),
  ),
}));

beforeAll(async () => {
  await selectBackend('wasm');
});

async function runAuto(choices: FixedRecipe[]): Promise<RecipeResult> {
  plan = choices;
  const specs = [];
  const clips = [];
  for (let i = 0; i < 6 * SPEAKERS.length; i++) {
    const s = Math.floor(i / 6);
    specs.push(syntheticClip(i % 3, 20000 + i));
    clips.push({ id: i + 1, file: `clip${i}.wav`, speaker: SPEAKERS[s], label: LABELS[i % 3] });
  }
  const r = await runRecipe({
    clips,
    bank: createFeatureBank(specs),
    config: resolveTrainConfig({
      labels: LABELS,
      split: 'loso',
      epochs: 1,
      size: 'small',
      cropFrames: FRAMES,
      windowHopFrames: 12,
      augment: [],
      recipe: 'auto',
      speakerNorm: 'none',
      featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
    }),
    sourceFor: async (b) => new InlineBatchSource(b),
    backend: 'wasm',
    skipFinal: true,
  });
  r.experiment.model?.dispose();
  return r;
}

describe("runRecipe with 'auto'", () => {
  it('saves the default recipe where as many folds chose it as another, and the choice most folds made', async () => {
    // two folds for the default, two for another recipe, in any order
    for (const plan of [
      [AUTO_FALLBACK, OTHER, AUTO_FALLBACK, OTHER],
      [OTHER, OTHER, AUTO_FALLBACK, AUTO_FALLBACK],
      [THIRD, AUTO_FALLBACK, AUTO_FALLBACK, THIRD],
    ])
      expect((await runAuto(plan)).finalRecipe, plan.join()).toBe(AUTO_FALLBACK);
    // a majority does leave the default
    const r = await runAuto([OTHER, OTHER, OTHER, AUTO_FALLBACK]);
    expect(r.finalRecipe).toBe(OTHER);
    // and each fold's held-out predictions are its chosen recipe's
    const side = r.conditions.get('new')!;
    for (const p of r.predictions) {
      const chosen = plan[p.fold ?? 0];
      expect(side[chosen].some((q) => q.clipId === p.clipId && q.probs.join() === p.probs.join())).toBe(true);
    }
    expect(r.choices.map((c) => c.chosen)).toEqual(plan);
  }, 120_000);
});
