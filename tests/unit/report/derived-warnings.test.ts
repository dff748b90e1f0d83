import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import {
  evaluationWarnings,
  NEAR_CHANCE_MARGIN,
  reportWarnings,
  weakModelWarnings,
} from '../../../src/core/report/derived-warnings.js';
import { summariseFolds } from '../../../src/core/report/fold-summary.js';
import type { ReportInput } from '../../../src/core/report/node/index.js';
import { emodbReportInput } from './fixture.js';

function warningsOf(input: ReportInput): string[] {
  const metrics = computeMetrics(input.predictions, input.labels);
  return reportWarnings(input, metrics, summariseFolds(input.predictions, input.labels));
}

describe('report warnings', () => {
  it('has none for a clean leave-one-speaker-out run', () => {
    expect(warningsOf(emodbReportInput())).toEqual([]);
  });

  it('keeps the caller warnings first', () => {
    expect(warningsOf(emodbReportInput({ warnings: ['mine'] }))[0]).toBe('mine');
  });

  it('warns about speaker leakage on a random split the caller did not warn about', () => {
    const w = warningsOf(emodbReportInput({ split: 'random' }));
    expect(w.join(' ')).toMatch(/Random split.*same speaker/);
    expect(warningsOf(emodbReportInput({ split: 'random', warnings: ['leak!'] }))).toEqual(['leak!']);
  });

  it('catches a speaker tested in two folds', () => {
    const base = emodbReportInput();
    const predictions = base.predictions.map((r, i) => (i === 0 ? { ...r, fold: (r.fold! + 1) % 10 } : r));
    const w = warningsOf({ ...base, predictions });
    expect(w.join(' ')).toMatch(/Speaker "03" was tested in more than one fold/);
  });

  it('names classes never predicted and classes without test clips', () => {
    const base = emodbReportInput();
    const predictions = base.predictions
      .filter((r) => r.label !== 'fear')
      .map((r) => (r.predicted === 'disgust' ? { ...r, predicted: 'sad' } : r));
    const w = warningsOf({ ...base, predictions });
    expect(w).toContain('No test clips of "fear": this class has no recall and is left out of UAR.');
    expect(w.join(' ')).toMatch(/never predicted "disgust"/);
  });
});

describe('weak-model warnings', () => {
  const labels = ['angry', 'happy', 'sad'];
  const metricsOf = (confusion: number[][]) =>
    computeMetrics(
      confusion.flatMap((row, t) =>
        row.flatMap((n, p) =>
          Array.from({ length: n }, (_, k) => ({
            file: `${t}-${p}-${k}.wav`,
            speaker: String(k % 3),
            label: labels[t],
            predicted: labels[p],
            confidence: 0.5,
            probs: [1 / 3, 1 / 3, 1 / 3],
          })),
        ),
      ),
      labels,
    );

  it('has none for a model that predicts every class well', () => {
    expect(
      weakModelWarnings(
        metricsOf([
          [9, 1, 0],
          [1, 8, 1],
          [0, 1, 9],
        ]),
      ),
    ).toEqual([]);
  });

  it('names a class the model never predicted on held-out clips', () => {
    const w = weakModelWarnings(
      metricsOf([
        [9, 1, 0],
        [2, 8, 0],
        [3, 7, 0],
      ]),
    );
    expect(w[0]).toBe('The model never predicted "sad": precision, recall and F1 count as 0.');
  });

  it('says so when macro F1 is near chance', () => {
    const m = metricsOf([
      [4, 3, 3],
      [3, 4, 3],
      [3, 3, 4],
    ]);
    expect(m.macro_f1).toBeLessThan(1 / 3 + NEAR_CHANCE_MARGIN);
    expect(weakModelWarnings(m).join(' ')).toMatch(/near chance \(0\.333 for 3 classes\)/);
  });

  it('is part of the report warnings and of the warnings shown beside a recorded run', () => {
    const m = metricsOf([
      [9, 1, 0],
      [2, 8, 0],
      [3, 7, 0],
    ]);
    const fromRun = evaluationWarnings({ split: 'loso', foldSpeakers: [['0'], ['1'], ['2']] }, m);
    expect(fromRun).toEqual(weakModelWarnings(m));
    expect(evaluationWarnings({ split: 'loso', foldSpeakers: [['0', '1'], ['1']] }, m)[0]).toMatch(
      /Speaker "1" was tested in more than one fold/,
    );
  });
});
