/** Turns the dataset layer's run rows into the contract's shapes (metrics and config arrive as JSON). */
import fs from 'node:fs';
import type {
  CurrentModel,
  EpochRecord,
  FoldSpread,
  RunDetail,
  RunMetrics,
  RunSummary,
} from '../../common/contract.js';
import type { PredictionRow } from '../metrics/index.js';
import { meanAndSd, summariseFolds } from '../report/fold-summary.js';
import type { Project } from '../dataset/node/project.js';
import type { Run, RunEpoch } from '../dataset/types.js';
import { currentModel, hasSavedModel, isEvaluatedModel } from '../model/evaluation/node/current-model.js';
import { evaluationWarnings, weakModelWarnings } from '../report/derived-warnings.js';
import { groupBy } from '../util/group-by.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function metricsOf(run: Run): RunMetrics | null {
  const m = run.metrics;
  if (!isRecord(m) || typeof m.accuracy !== 'number' || typeof m.macro_f1 !== 'number') return null;
  return m as unknown as RunMetrics;
}

/** The model in use (current-model.ts), as Predict's badge and the sidebar show it. */
export function currentModelView(project: Project): CurrentModel | null {
  const current = currentModel(project);
  const metrics = current ? metricsOf(current.run) : null;
  if (!current || !metrics) return null;
  const { run, chosen } = current;
  return {
    runId: run.id,
    chosen,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    recipe: recipeOf(run),
    split: run.split ?? '',
    labels: run.labels,
    macroF1: metrics.macro_f1,
    accuracy: metrics.accuracy,
    voice: metrics.voice ?? null,
    warnings: weakModelWarnings(metrics),
  };
}

/** What the saved model combines: the comparison's final recipe (auto's choice), else the config's. */
function recipeOf(run: Run): string | null {
  const final = metricsOf(run)?.comparison?.finalRecipe;
  const asked = isRecord(run.config) && typeof run.config.recipe === 'string' ? run.config.recipe : null;
  if (asked === 'auto' && final) return `auto (${final})`;
  return final ?? asked;
}

/** The warnings the run's report shows, from its recorded metrics, split warnings and folds. */
export function runWarnings(project: Project, run: Run): string[] {
  const metrics = metricsOf(run);
  if (!metrics) return [];
  const rows = project.db
    .prepare(
      `SELECT p.fold AS fold, c.speaker AS speaker FROM predictions p JOIN clips c ON c.id = p.clip_id
       WHERE p.run_id = ? GROUP BY p.fold, c.speaker`,
    )
    .all(run.id) as Array<{ fold: number; speaker: string | null }>;
  const folds = groupBy(rows, (r) => r.fold);
  return evaluationWarnings(
    {
      split: run.split ?? '',
      warnings: Array.isArray(metrics.split_warnings) ? metrics.split_warnings : [],
      foldSpeakers: [...folds.values()].map((fold) => fold.map((r) => r.speaker ?? '')),
    },
    metrics,
  );
}

/**
 * The spread of a run's scores over its folds (each scored on speakers its training never heard), from its
 * held-out predictions as a new voice: the report's "mean ± SD over folds". Null with fewer than two folds.
 */
export function runFoldSpread(project: Project, run: Run): FoldSpread | null {
  const metrics = metricsOf(run);
  if (!metrics) return null;
  const rows = project.db
    .prepare(
      `SELECT p.fold AS fold, c.speaker AS speaker, coalesce(p.label, c.label) AS label, p.predicted AS predicted
       FROM predictions p JOIN clips c ON c.id = p.clip_id WHERE p.run_id = ? AND p.fold IS NOT NULL`,
    )
    .all(run.id) as Array<{ fold: number; speaker: string | null; label: string | null; predicted: string }>;
  const predictions: PredictionRow[] = rows.flatMap((r) =>
    r.label === null
      ? []
      : [
          {
            file: '',
            speaker: r.speaker ?? '',
            label: r.label,
            predicted: r.predicted,
            confidence: 0,
            probs: [],
            fold: r.fold,
          },
        ],
  );
  const folds = summariseFolds(predictions, metrics.labels);
  if (folds.length < 2) return null;
  const spread = (pick: (m: (typeof folds)[number]['metrics']) => number) =>
    meanAndSd(folds.map((f) => pick(f.metrics)));
  return {
    folds: folds.length,
    accuracy: spread((m) => m.accuracy),
    macro_f1: spread((m) => m.macro_f1),
    uar: spread((m) => m.uar),
  };
}

export function hasReport(run: Run): boolean {
  return run.reportDir !== null && fs.existsSync(run.reportDir);
}

export function runSummary(run: Run): RunSummary {
  const metrics = metricsOf(run);
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    labels: run.labels,
    split: run.split ?? '',
    backend: run.backend,
    accuracy: metrics?.accuracy ?? null,
    macroF1: metrics?.macro_f1 ?? null,
    knownMacroF1: metrics?.voice?.knownVoice.macro_f1 ?? null,
    uar: typeof metrics?.uar === 'number' ? metrics.uar : null,
    error: run.error,
    hasModel: hasSavedModel(run),
    hasReport: hasReport(run),
    evaluated: isEvaluatedModel(run),
    recipe: recipeOf(run),
  };
}

export function epochRecord(e: RunEpoch): EpochRecord {
  return {
    fold: e.fold,
    epoch: e.epoch,
    loss: e.loss ?? Number.NaN,
    accuracy: e.accuracy ?? Number.NaN,
    valLoss: e.valLoss,
    valAccuracy: e.valAccuracy,
    valMacroF1: e.valMacroF1,
    lr: e.lr ?? 0,
    clipsPerS: e.clipsPerS ?? 0,
  };
}

export function runDetail(run: Run, epochs: RunEpoch[], warnings: string[]): RunDetail {
  return {
    ...runSummary(run),
    config: isRecord(run.config) ? run.config : {},
    metrics: metricsOf(run),
    epochs: epochs.map(epochRecord),
    warnings,
  };
}
