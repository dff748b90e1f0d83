import { describe, expect, it } from 'vitest';
import { parseParams, TrainRequestSchema } from '../../../src/common/contract.js';
import { TRAINING_DEFAULTS } from '../../../src/common/options.js';
import { resolveTrainConfig } from '../../../src/core/model/config.js';
import { trainConfigOf } from '../../../src/core/model/training/train-request.js';
import {
  defaultFormValues,
  formValuesOf,
  labelsOf,
  requestOf,
} from '../../../src/renderer/screens/train/form-values.js';

const LABELS = ['happy', 'sad', 'neutral'] as const;

describe('the Train form', () => {
  it('asks for leave-one-speaker-out by default, the split `ser train` and the engine default to', () => {
    const request = requestOf(defaultFormValues(), [...LABELS]);
    expect(TRAINING_DEFAULTS.split).toBe('loso');
    expect(request.split).toBe('loso');
    expect(resolveTrainConfig().split).toBe('loso');
  });

  it('sends nothing for an empty numeric field, so the engine applies the same default', () => {
    const request = requestOf(defaultFormValues(), [...LABELS]);
    expect(TrainRequestSchema.parse(request)).toEqual(request);
    for (const key of ['epochs', 'members', 'statsRateScale', 'jobs', 'recipe'] as const)
      expect(request, key).not.toHaveProperty(key);
    const config = resolveTrainConfig({ ...trainConfigOf(request), labels: [...LABELS] });
    expect(config.epochs).toBe(TRAINING_DEFAULTS.epochs);
    expect(config.members).toBe(TRAINING_DEFAULTS.members);
    expect(config.statsRateScale).toBe(TRAINING_DEFAULTS.statsRateScale);
    // k-fold needs its K: an empty Folds field asks for the default
    const kfold = requestOf({ ...defaultFormValues(), split: 'kfold' }, [...LABELS]);
    expect(kfold.split).toBe(`kfold:${TRAINING_DEFAULTS.kfold}`);
  });

  it('sends an out-of-range number as typed, for the engine to refuse with its message', () => {
    const request = requestOf({ ...defaultFormValues(), epochs: -3, members: 0, jobs: 2.4 }, [...LABELS]);
    expect([request.epochs, request.members, request.jobs]).toEqual([-3, 0, 2]);
    expect(() => parseParams('train.estimate', request)).toThrow(/\(epochs\): .*1/);
    expect(() => parseParams('train.estimate', { ...request, epochs: 3 })).toThrow(/\(members\)/);
    expect(parseParams('train.estimate', { ...request, epochs: 3, members: 1 })).toMatchObject({ epochs: 3 });
  });

  it('sends what is typed in', () => {
    const request = requestOf(
      { ...defaultFormValues(), epochs: 3, members: 2, statsRate: 7.5, jobs: 1, split: 'kfold', kfold: 4 },
      [...LABELS],
    );
    expect(request).toMatchObject({ epochs: 3, members: 2, statsRateScale: 7.5, jobs: 1, split: 'kfold:4' });
  });

  it("shows a run's stored settings: what the run does, not the form's defaults", () => {
    const config = resolveTrainConfig({
      labels: ['happy', 'sad'],
      split: 'kfold:3',
      epochs: 3,
      head: 'attention',
      size: 'small',
      augment: ['pitch', 'noise'],
      members: 2,
      statsRateScale: 4,
      recipe: 'cnn',
      speakerNorm: 'none',
      foldValidation: true,
    });
    const values = formValuesOf(JSON.parse(JSON.stringify(config)) as Record<string, unknown>);
    expect(values).toMatchObject({
      split: 'kfold',
      kfold: 3,
      epochs: 3,
      head: 'attention',
      size: 'small',
      augment: { pitch: true, stretch: false, noise: true, mask: false },
      members: 2,
      statsRate: 4,
      recipe: 'cnn',
      speakerNorm: 'none',
      foldValidation: true,
      jobs: null,
    });
    expect(labelsOf(config as unknown as Record<string, unknown>)).toEqual(['happy', 'sad']);
    // and sending them again asks for the same run
    expect(trainConfigOf(requestOf(values, ['happy', 'sad']))).toMatchObject({
      split: 'kfold:3',
      epochs: 3,
      head: 'attention',
      members: 2,
      statsRateScale: 4,
      recipe: 'cnn',
      speakerNorm: 'none',
    });
  });

  it('reads the voice standardisation of runs made before its modes (true: the default then; false: none)', () => {
    expect(formValuesOf({ speakerNorm: false }).speakerNorm).toBe('none');
    expect(formValuesOf({ speakerNorm: true }).speakerNorm).toBe('');
    expect(formValuesOf({ speakerNorm: 'shrink' }).speakerNorm).toBe('shrink');
    expect(trainConfigOf({ speakerNorm: false })).toEqual({ speakerNorm: 'none' });
    expect(trainConfigOf({ speakerNorm: true })).toEqual({ speakerNorm: 'mean' });
  });

  it('keeps the form value where stored settings say nothing usable', () => {
    const values = formValuesOf({ split: 'sideways', head: 'nonsense', epochs: 'many' });
    expect(values).toMatchObject({ split: 'loso', head: TRAINING_DEFAULTS.head, epochs: null });
  });
});
