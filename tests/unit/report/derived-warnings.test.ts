import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { reportWarnings } from '../../../src/core/report/derived-warnings.js';
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
