import type { Metrics } from '../metrics/index.js';
import type { FoldSummary } from './fold-summary.js';
import type { ReportInput } from './types.js';

/**
 * The caller's warnings plus those the predictions themselves reveal: the report must not present
 * a leaky or degenerate evaluation as a clean speaker-independent result.
 */
export function reportWarnings(input: ReportInput, metrics: Metrics, folds: FoldSummary[]): string[] {
  const warnings = [...(input.warnings ?? [])];
  if (input.split.startsWith('random') && warnings.length === 0) {
    warnings.push(
      'Random split: clips of the same speaker can be in both training and test data, so these scores overstate how the model does on new speakers.',
    );
  }
  const leaked = speakersInSeveralFolds(folds);
  if (leaked.length > 0) {
    warnings.push(
      `Speaker${leaked.length > 1 ? 's' : ''} ${list(leaked)} ${leaked.length > 1 ? 'were' : 'was'} tested in more than one fold, so also trained on: the evaluation is not speaker-independent.`,
    );
  }
  if (metrics.clips === 0) warnings.push('There are no predictions: every score is 0.');
  const absent = metrics.labels.filter((l) => metrics.per_class[l].support === 0);
  if (absent.length > 0 && metrics.clips > 0) {
    const which = absent.length > 1 ? 'these classes have' : 'this class has';
    warnings.push(
      `No test clips of ${list(absent)}: ${which} no recall and ${absent.length > 1 ? 'are' : 'is'} left out of UAR.`,
    );
  }
  const neverPredicted = metrics.labels.filter(
    (l, k) => metrics.per_class[l].support > 0 && metrics.confusion.every((row) => row[k] === 0),
  );
  if (neverPredicted.length > 0) {
    warnings.push(`The model never predicted ${list(neverPredicted)}: precision, recall and F1 count as 0.`);
  }
  return warnings;
}

function speakersInSeveralFolds(folds: FoldSummary[]): string[] {
  const seen = new Map<string, number>();
  for (const f of folds) for (const s of f.speakers) seen.set(s, (seen.get(s) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([s]) => s);
}

function list(items: string[]): string {
  const quoted = items.slice(0, 8).map((s) => `"${s}"`);
  if (items.length > 8) quoted.push(`${items.length - 8} more`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0];
}
