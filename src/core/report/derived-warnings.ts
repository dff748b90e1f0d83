import { RANDOM_SPLIT_WARNING } from '../dataset/splits.js';
import type { Metrics } from '../metrics/index.js';
import type { FoldSummary } from './fold-summary.js';
import type { ReportInput } from './types.js';

/** What the warnings read of a run's held-out scores. */
export type WarnedMetrics = Pick<Metrics, 'labels' | 'per_class' | 'confusion' | 'clips' | 'macro_f1'>;

/** What the warnings need of an evaluation beside its scores. */
export interface EvaluationFacts {
  /** 'loso' | 'kfold:5' | 'speaker' | 'random' ... */
  split: string;
  /** The caller's own warnings (a degenerate split...), kept first. */
  warnings?: string[];
  /** The speakers each fold scored, i.e. held out of its training. */
  foldSpeakers: string[][];
}

/**
 * The caller's warnings plus those the predictions themselves reveal: the report must not present
 * a leaky or degenerate evaluation as a clean speaker-independent result.
 */
export function reportWarnings(input: ReportInput, metrics: Metrics, folds: FoldSummary[]): string[] {
  return evaluationWarnings(
    { split: input.split, warnings: input.warnings, foldSpeakers: folds.map((f) => f.speakers) },
    metrics,
  );
}

/** The report's warnings, from what a run recorded: the Evaluate screen shows the same list as the report. */
export function evaluationWarnings(facts: EvaluationFacts, metrics: WarnedMetrics): string[] {
  const warnings = [...(facts.warnings ?? [])];
  if (facts.split.startsWith('random') && warnings.length === 0) {
    warnings.push(RANDOM_SPLIT_WARNING);
  }
  const leaked = speakersInSeveralFolds(facts.foldSpeakers);
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
  return [...warnings, ...weakModelWarnings(metrics)];
}

/** Macro F1 this close above chance (1 / classes) means the model barely tells the classes apart. */
export const NEAR_CHANCE_MARGIN = 0.1;

/**
 * What makes a model weak to predict with, from its held-out scores: a class it never predicted, or a
 * macro F1 near what guessing gets. Predict warns with these beside the model's name.
 */
export function weakModelWarnings(metrics: WarnedMetrics): string[] {
  const warnings: string[] = [];
  if (metrics.clips === 0) return warnings;
  const neverPredicted = metrics.labels.filter(
    (l, k) => metrics.per_class[l].support > 0 && metrics.confusion.every((row) => row[k] === 0),
  );
  if (neverPredicted.length > 0) {
    warnings.push(`The model never predicted ${list(neverPredicted)}: precision, recall and F1 count as 0.`);
  }
  const present = metrics.labels.filter((l) => metrics.per_class[l].support > 0).length;
  const chance = present > 0 ? 1 / present : 0;
  if (present >= 2 && metrics.macro_f1 < chance + NEAR_CHANCE_MARGIN) {
    warnings.push(
      `Macro F1 ${metrics.macro_f1.toFixed(3)} is near chance (${chance.toFixed(3)} for ${present} classes): the model barely tells the emotions apart.`,
    );
  }
  return warnings;
}

function speakersInSeveralFolds(foldSpeakers: string[][]): string[] {
  const seen = new Map<string, number>();
  for (const speakers of foldSpeakers) for (const s of new Set(speakers)) seen.set(s, (seen.get(s) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([s]) => s);
}

function list(items: string[]): string {
  const quoted = items.slice(0, 8).map((s) => `"${s}"`);
  if (items.length > 8) quoted.push(`${items.length - 8} more`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0];
}
