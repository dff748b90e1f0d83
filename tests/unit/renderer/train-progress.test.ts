import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../../../src/common/contract.js';
import {
  foldText,
  overallFraction,
  shownFold,
  stepText,
} from '../../../src/renderer/screens/train/progress.js';

const base: TrainProgress = {
  runId: 1,
  phase: 'training',
  fold: 0,
  folds: 1,
  epoch: 0,
  epochs: 10,
  batch: 0,
  batches: 4,
  loss: 1,
  accuracy: 0.5,
  valLoss: null,
  valAccuracy: null,
  valMacroF1: null,
  lr: 0.001,
  clipsPerS: 100,
  etaS: 60,
  backend: 'wasm',
};

describe('training progress as shown on the Train screen', () => {
  it('counts epochs and batches from 0 as the engine does, and shows them from 1', () => {
    expect(overallFraction({ ...base, epoch: 0, batch: 0 })).toBeCloseTo(0.025);
    expect(overallFraction({ ...base, epoch: 4, batch: 3 })).toBeCloseTo(0.5);
    expect(overallFraction({ ...base, epoch: 9, batch: 3 })).toBeCloseTo(1);
    expect(stepText({ ...base, epoch: 4, batch: 3 })).toBe('epoch 5 of 10 · batch 4 of 4');
  });

  it('spreads several folds plus the final model over the bar', () => {
    const loso = { ...base, folds: 4 };
    expect(overallFraction({ ...loso, fold: 0, epoch: 9, batch: 3 })).toBeCloseTo(1 / 5);
    expect(overallFraction({ ...loso, fold: 2, epoch: 0, batch: 3 })).toBeCloseTo((2 + 0.1) / 5);
    expect(overallFraction({ ...loso, phase: 'final', fold: 4, epoch: 9, batch: 3 })).toBeCloseTo(1);
    expect(foldText({ ...loso, fold: 2 })).toBe('fold 3 of 4');
    expect(foldText({ ...loso, phase: 'final', fold: 4 })).toBe('final model on all speakers');
    expect(foldText(base)).toBe('');
  });

  it('has no fraction while features are computed or the model is evaluated', () => {
    expect(overallFraction({ ...base, phase: 'features' })).toBeNull();
    expect(overallFraction({ ...base, phase: 'evaluating' })).toBeNull();
    expect(stepText({ ...base, phase: 'evaluating' })).toBe('');
  });

  it('shows the pool with folds side by side: which train, how many are done and waiting, one bar', () => {
    const loso = { ...base, folds: 4, epoch: 4, batch: 3 };
    const pool = { jobs: 2, running: [2, 3], done: 2, queued: 1 };
    expect(foldText({ ...loso, fold: 3, pool })).toBe('folds 3, 4 of 4 at once · 2 done · 1 waiting');
    expect(foldText({ ...loso, pool: { ...pool, running: [3, 4], queued: 0 } })).toBe(
      'fold 4 and the final model of 4 at once · 2 done · 0 waiting',
    );
    // Each running fold halfway: two done plus two halves, of five trainings.
    expect(overallFraction({ ...loso, fold: 3, pool })).toBeCloseTo(3 / 5);
    expect(overallFraction({ ...loso, phase: 'evaluating', fold: 2, pool })).toBeCloseTo(4 / 5);
    // The step belongs to one of several folds, so it is not shown as the run's.
    expect(stepText({ ...loso, pool })).toBe('');
  });

  it('draws the curves of one fold to its end while folds train side by side', () => {
    const epoch = (fold: number, e: number) => ({
      fold,
      epoch: e,
      loss: 1,
      accuracy: 0.5,
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
      lr: 0.001,
      clipsPerS: 10,
    });
    // Folds 1 and 2 (0 and 1 in the engine) alternate their epochs; the latest record is fold 2's.
    const epochs = [epoch(0, 0), epoch(1, 0), epoch(0, 1), epoch(1, 1)];
    const loso = { ...base, folds: 4 };
    expect(shownFold(epochs, loso)).toBe(1);
    expect(shownFold(epochs, { ...loso, pool: { jobs: 2, running: [0, 1], done: 0, queued: 3 } })).toBe(0);
    // Once fold 1 is done, the chart moves on to the lowest fold still training.
    expect(shownFold(epochs, { ...loso, pool: { jobs: 2, running: [1, 2], done: 1, queued: 2 } })).toBe(1);
    expect(shownFold([], loso)).toBeNull();
  });
});
