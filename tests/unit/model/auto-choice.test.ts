/**
 * 'auto' chooses a fold's recipe on its inner folds one by one, not only on their pooled score: a recipe that
 * wins the pool by more than the margin but loses one group of speakers to the default is not chosen. The
 * inner CNN training and the side predictions are replaced by planned predictions, so the inner scores are
 * known exactly and the rule of chooseRecipes is what is tested.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PredictionRow } from '../../../src/core/metrics/index.js';
import { resolveTrainConfig } from '../../../src/core/model/config.js';
import { AUTO_FALLBACK, AUTO_MARGIN } from '../../../src/core/model/recipe/auto-rule.js';
import { chooseRecipes } from '../../../src/core/model/recipe/node/auto-choice.js';
import { FIXED_RECIPES, type FixedRecipe } from '../../../src/core/model/recipe/side-predictions.js';
import type { ExperimentInput } from '../../../src/core/model/training/node/experiment.js';
import type { FeatureBank } from '../../../src/core/model/feature-bank.js';

const LABELS = ['happy', 'sad'];
const CHALLENGER = FIXED_RECIPES.find((r) => r !== AUTO_FALLBACK) as FixedRecipe;

/** Ten clips of an inner fold, `right` of them predicted correctly. */
function foldRows(fold: number, right: number): PredictionRow[] {
  return Array.from({ length: 10 }, (_, i) => {
    const label = LABELS[i % 2];
    const predicted = i < right ? label : LABELS[(i + 1) % 2];
    return { file: `f${fold}-${i}`, speaker: `s${fold}`, label, predicted, confidence: 1, probs: [], fold };
  });
}

/** Per recipe, how many of each inner fold's ten clips it gets right. */
let plan: Record<FixedRecipe, number[]>;

vi.mock('../../../src/core/model/training/node/experiment.js', () => ({
  runExperiment: vi.fn(async () => ({ cancelled: false, predictions: [] })),
}));
vi.mock('../../../src/core/model/recipe/side-predictions.js', async (importOriginal) => {
  const original =
    await importOriginal<typeof import('../../../src/core/model/recipe/side-predictions.js')>();
  const planned = () =>
    Object.fromEntries(
      original.FIXED_RECIPES.map((r) => [r, plan[r].flatMap((right, fold) => foldRows(fold, right))]),
    );
  return {
    ...original,
    sidePredictions: vi.fn(() => ({
      conditions: new Map([
        ['new', planned()],
        ['known', planned()],
      ]),
      folds: [],
    })),
  };
});

/** One outer fold (speaker s0's clips held out) over four speakers: three left for the inner folds. */
async function choose(): Promise<FixedRecipe> {
  const speakers = ['s0', 's1', 's2', 's3'].flatMap((s) => [s, s]);
  const clips = speakers.map((speaker, i) => ({ id: i + 1, file: `c${i}`, speaker, label: LABELS[i % 2] }));
  const input = {
    clips,
    bank: {} as FeatureBank,
    config: resolveTrainConfig({ labels: LABELS, recipe: 'auto' }),
    backend: 'cpu',
  } as unknown as ExperimentInput;
  const data = { rows: [], speakers, labels: clips.map((_, i) => i % 2), classes: 2 };
  const [choice] = await chooseRecipes(input, data as never, new Map([[0, [0, 1]]]), () => 'none');
  return choice!.chosen;
}

describe("'auto' in chooseRecipes", () => {
  it('keeps the default when another recipe wins the pooled inner score but loses one inner fold', async () => {
    const others = Object.fromEntries(FIXED_RECIPES.map((r) => [r, [6, 6, 10]])) as Record<
      FixedRecipe,
      number[]
    >;
    // The challenger: 28 of 30 pooled against the default's 22, far over the margin; but 8 against 10 in fold 3.
    plan = { ...others, [AUTO_FALLBACK]: [6, 6, 10], [CHALLENGER]: [10, 10, 8] };
    expect(AUTO_MARGIN).toBeLessThan(0.1);
    expect(await choose()).toBe(AUTO_FALLBACK);
  });

  it('takes the other recipe when it wins the pool by the margin and every inner fold', async () => {
    const others = Object.fromEntries(FIXED_RECIPES.map((r) => [r, [6, 6, 6]])) as Record<
      FixedRecipe,
      number[]
    >;
    plan = { ...others, [AUTO_FALLBACK]: [6, 6, 6], [CHALLENGER]: [10, 10, 8] };
    expect(await choose()).toBe(CHALLENGER);
  });
});
