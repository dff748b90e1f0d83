// The Train form's estimate: the trainings a run makes, those 'auto' adds, their clip-epochs and the time
// at this machine's pace (or a typical one before any run).
import { describe, expect, it } from 'vitest';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/model/config.js';
import {
  estimateTraining,
  paceOf,
  parallelSpeedup,
  readPace,
  TYPICAL_CLIPS_PER_S,
  type TrainingPace,
} from '../../../src/core/model/training/estimate.js';
import { TrainRefusal } from '../../../src/core/model/training/refusals.js';

const LABELS = ['happy', 'sad', 'neutral'];

/** `speakers` speakers with six clips of each emotion. */
function clips(speakers: number): Array<{ speaker: string; label: string }> {
  return Array.from({ length: speakers * 18 }, (_, i) => ({
    speaker: `s${Math.floor(i / 18)}`,
    label: LABELS[i % 3],
  }));
}

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return resolveTrainConfig({ labels: LABELS, split: 'loso', epochs: 10, ...overrides });
}

const pace = (clipsPerS: number): TrainingPace => ({
  clipsPerS,
  jobs: 1,
  backend: 'wasm (SIMD, 1 thread)',
  runId: 7,
  measuredAt: '2026-12-02T00:00:00.000Z',
});

describe('estimateTraining', () => {
  it('counts every fold and the final model, each over all its epochs', () => {
    const e = estimateTraining(clips(4), config(), 1, null);
    // Four folds of 54 training clips and a final model on all 72, ten epochs each.
    expect(e).toMatchObject({ split: 'loso', trainings: 5, innerTrainings: 0, clipEpochs: 2880, jobs: 1 });
    expect(e.pace).toBe('typical');
    expect(e.seconds).toBe(Math.round(2880 / TYPICAL_CLIPS_PER_S));
    expect(e.paceNote).toMatch(/no training has run/);
  });

  it("adds the inner trainings 'auto' runs in each fold to choose its recipe", () => {
    const e = estimateTraining(clips(4), config({ recipe: 'auto' }), 1, pace(100));
    // Each fold's 54 clips of three speakers: three inner folds, each clip training in two of them.
    expect(e.innerTrainings).toBe(12);
    expect(e.clipEpochs).toBe(2880 + 4 * 2 * 54 * 10);
    expect(e.seconds).toBe(Math.round(e.clipEpochs / 100));
    expect(e.pace).toBe('measured');
    expect(e.paceNote).toMatch(/run 7/);
    // With two speakers a fold keeps one training speaker: no inner split, so nothing is added.
    expect(estimateTraining(clips(2), config({ recipe: 'auto' }), 1, pace(100)).innerTrainings).toBe(0);
  });

  it('scales with the networks averaged and the trainings side by side', () => {
    const one = estimateTraining(clips(4), config(), 1, pace(100));
    expect(estimateTraining(clips(4), config({ members: 3 }), 1, pace(100)).seconds).toBe(
      Math.round((one.clipEpochs * 3) / 100),
    );
    const two = estimateTraining(clips(4), config(), 2, pace(100));
    expect(two.jobs).toBe(2);
    expect(two.seconds).toBe(Math.round(one.clipEpochs / (100 * parallelSpeedup(2))));
    // More jobs than trainings run no faster than one job per training.
    expect(estimateTraining(clips(4), config(), 64, pace(100)).jobs).toBe(5);
  });

  it('follows the split as the run would settle it, and refuses as the run would', () => {
    const speaker = estimateTraining(clips(4), config({ split: 'speaker' }), 1, null);
    expect(speaker.trainings).toBe(1);
    const unknown = clips(1).map((c) => ({ ...c, speaker: 'unknown' }));
    expect(estimateTraining(unknown, config(), 1, null).split).toBe('random');
    const oneLabel = clips(3).map((c) => ({ ...c, label: 'happy' }));
    expect(() => estimateTraining(oneLabel, config(), 1, null)).toThrow(TrainRefusal);
  });
});

describe('a run’s pace', () => {
  it('is one network’s clips per second, with the side-by-side speed-up taken out', () => {
    expect(paceOf({ clipsSeen: 1000, trainSeconds: 10, members: 1, jobs: 1 })).toBe(100);
    expect(paceOf({ clipsSeen: 1000, trainSeconds: 10, members: 2, jobs: 2 })).toBeCloseTo(
      200 / parallelSpeedup(2),
      9,
    );
    expect(paceOf({ clipsSeen: 0, trainSeconds: 10, members: 1, jobs: 1 })).toBeNull();
  });

  it('is read back only when the stored setting is a pace', () => {
    expect(readPace(pace(120))).toEqual(pace(120));
    expect(readPace(undefined)).toBeNull();
    expect(readPace({ ...pace(120), clipsPerS: -1 })).toBeNull();
    expect(readPace({ ...pace(120), backend: 3 })).toBeNull();
    expect(readPace('fast')).toBeNull();
  });
});
