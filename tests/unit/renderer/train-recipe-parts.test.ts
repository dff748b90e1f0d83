import { describe, expect, it } from 'vitest';
import type { RunMetrics, TrainProgress } from '../../../src/common/contract.js';
import {
  hasValidation,
  modelFigures,
  recipeName,
  recipeParts,
  recipeSummary,
} from '../../../src/renderer/screens/train/recipe-parts.js';

const at = (phase: TrainProgress['phase']) => ({ phase });
const states = (parts: ReturnType<typeof recipeParts>) =>
  parts.map((p) => `${p.name}: ${p.role}, ${p.state}`);

describe('the recipe in the Train screen’s words', () => {
  it('the subtitle names the model that scores, and the other as what it is there for', () => {
    expect(recipeSummary('classic')).toMatch(/^Recipe: the classic baseline .*CNN .* for comparison\.$/);
    expect(recipeSummary('cnn')).toMatch(/^Recipe: a CNN .*classic baseline .* for comparison\.$/);
    expect(recipeSummary('fusion')).toContain('averaged');
    expect(recipeSummary('auto')).toContain('chosen in each fold');
    expect(recipeName('classic')).toBe('Classic baseline');
    expect(recipeName('fusion')).toBe('Fusion (CNN + classic)');
  });

  it('shows each part as it trains: the CNN over the folds, then the classic baseline', () => {
    expect(states(recipeParts('classic', null))).toEqual([
      'Classic baseline: scores and predicts, waiting',
      'CNN: for comparison, waiting',
    ]);
    expect(states(recipeParts('classic', at('training')))).toEqual([
      'Classic baseline: scores and predicts, waiting',
      'CNN: for comparison, training',
    ]);
    expect(states(recipeParts('classic', at('classic')))).toEqual([
      'Classic baseline: scores and predicts, training',
      'CNN: for comparison, done',
    ]);
    expect(states(recipeParts('cnn', at('final')))).toEqual([
      'CNN: scores and predicts, training',
      'Classic baseline: for comparison, waiting',
    ]);
    expect(states(recipeParts('fusion', at('report')))).toEqual([
      'CNN: half of the fusion, done',
      'Classic baseline: half of the fusion, done',
    ]);
    // a run that ended (cancelled during the CNN's folds too) has no part still training
    expect(recipeParts('auto', at('training'), true).map((p) => p.state)).toEqual(['done', 'done']);
  });

  it('gives one figure per model, under the names Evaluate uses, the run’s own model first', () => {
    const metrics = {
      accuracy: 0.78,
      macro_f1: 0.79,
      comparison: {
        recipe: 'classic',
        finalRecipe: 'classic',
        models: [
          { model: 'cnn', macro_f1: 0.31, accuracy: 0.4 },
          { model: 'classic', macro_f1: 0.79, accuracy: 0.78 },
          { model: 'fusion', macro_f1: 0.73, accuracy: 0.71 },
        ],
      },
    } as unknown as RunMetrics;
    expect(modelFigures(metrics, 'classic').map((f) => [f.name, f.macroF1, f.used])).toEqual([
      ['Classic baseline', 0.79, true],
      ['CNN', 0.31, false],
      ['Fusion (CNN + classic)', 0.73, false],
    ]);
    // auto: the model its folds chose most
    const auto = {
      ...metrics,
      comparison: { ...metrics.comparison!, recipe: 'auto', finalRecipe: 'fusion' },
    };
    expect(modelFigures(auto as RunMetrics, 'auto')[0]).toMatchObject({ model: 'fusion', used: true });
    // a run from before comparisons: its one model
    const old = { accuracy: 0.6, macro_f1: 0.5 } as RunMetrics;
    expect(modelFigures(old, 'cnn')).toEqual([
      { model: 'cnn', name: 'CNN', macroF1: 0.5, accuracy: 0.6, used: true },
    ]);
  });

  it('has validation numbers only where the split holds validation speakers', () => {
    const trainOnly = [{ valLoss: null, valAccuracy: null }];
    expect(hasValidation(trainOnly, { valLoss: null, valAccuracy: null })).toBe(false);
    expect(hasValidation([], null)).toBe(false);
    expect(hasValidation([...trainOnly, { valLoss: 0.9, valAccuracy: 0.5 }], null)).toBe(true);
    expect(hasValidation([], { valLoss: null, valAccuracy: 0.4 })).toBe(true);
  });
});
