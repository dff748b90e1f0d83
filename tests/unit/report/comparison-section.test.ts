// What chose each fold's recipe, as the report, the Evaluate screen and the terminal show it.
import { describe, expect, it } from 'vitest';
import type { RecipeChoice, RecipeComparison } from '../../../src/common/contract.js';
import { innerScoresText } from '../../../src/common/recipe-choice.js';
import { comparisonSection } from '../../../src/core/report/comparison-section.js';

const scores = (model: 'cnn' | 'classic' | 'fusion', f1: number) => ({
  model,
  macro_f1: f1,
  uar: f1,
  accuracy: f1,
  per_class: { happy: { precision: f1, recall: f1, f1, support: 4 } },
});

const chosen: RecipeChoice = {
  fold: 0,
  testSpeakers: ['03'],
  chosen: 'fusion',
  inner: { cnn: 0.61, classic: 0.7, fusion: 0.745 },
  innerFolds: { cnn: [0.6, 0.62, 0.61], classic: [0.7, 0.69, 0.71], fusion: [0.75, 0.74, 0.73] },
  innerSplit: 'kfold:3',
  reason: 'best inner macro F1 over 5 training speakers',
};
const tooFew: RecipeChoice = {
  fold: 1,
  testSpeakers: ['08'],
  chosen: 'classic',
  inner: null,
  innerFolds: null,
  innerSplit: null,
  reason: '2 training speakers: too few for an inner split, so the default recipe',
};

describe('the inner scores behind a fold’s recipe', () => {
  it('lists each recipe over the inner folds and in each of them, or why there were none', () => {
    expect(innerScoresText(chosen)).toBe(
      'cnn 0.610 (0.60 0.62 0.61) · classic 0.700 (0.70 0.69 0.71) · fusion 0.745 (0.75 0.74 0.73)',
    );
    expect(innerScoresText(tooFew)).toBe(tooFew.reason);
    // A run saved before the every-fold rule has only the pooled scores.
    expect(innerScoresText({ ...chosen, innerFolds: undefined }, ', ')).toBe(
      'cnn 0.610, classic 0.700, fusion 0.745',
    );
  });

  it('reach the report with the choice of every fold', () => {
    const comparison: RecipeComparison = {
      recipe: 'auto',
      finalRecipe: 'classic',
      speakerNorm: true,
      models: [scores('cnn', 0.6), scores('classic', 0.7), scores('fusion', 0.72)],
      choices: [chosen, tooFew],
    };
    const html = comparisonSection(comparison, ['happy']);
    expect(html).toContain('<td>1</td><td>03</td><td>fusion</td><td>cnn 0.610 (0.60 0.62 0.61)');
    expect(html).toContain(`<td>2</td><td>08</td><td>classic</td><td>${tooFew.reason}</td>`);
    expect(html).toContain('the saved model uses <b>classic</b>');
  });
});
