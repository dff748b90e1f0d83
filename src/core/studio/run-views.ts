/** Turns the dataset layer's run rows into the contract's shapes (metrics and config arrive as JSON). */
import fs from 'node:fs';
import path from 'node:path';
import type { EpochRecord, RunDetail, RunMetrics, RunSummary } from '../../common/contract.js';
import type { Project } from '../dataset/node/project.js';
import type { Run, RunEpoch } from '../dataset/types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function metricsOf(run: Run): RunMetrics | null {
  const m = run.metrics;
  if (!isRecord(m) || typeof m.accuracy !== 'number' || typeof m.macro_f1 !== 'number') return null;
  return m as unknown as RunMetrics;
}

export function hasModel(run: Run): boolean {
  return run.modelDir !== null && fs.existsSync(path.join(run.modelDir, 'model.json'));
}

/**
 * The newest training run whose saved model can predict: a finished one, or a cancelled one that kept its
 * best model so far (the model `ser predict` picks too). Its held-out predictions may not exist: the clip
 * table joins those of the latest finished run instead (latestModelRunId in clip-table.ts).
 */
export function latestUsableModelRunId(project: Project): number | null {
  const run = project.runs
    .list({ kind: 'train' })
    .find((r) => (r.status === 'done' || r.status === 'cancelled') && hasModel(r));
  return run?.id ?? null;
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
    uar: typeof metrics?.uar === 'number' ? metrics.uar : null,
    error: run.error,
    hasModel: hasModel(run),
    hasReport: hasReport(run),
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

export function runDetail(run: Run, epochs: RunEpoch[]): RunDetail {
  return {
    ...runSummary(run),
    config: isRecord(run.config) ? run.config : {},
    metrics: metricsOf(run),
    epochs: epochs.map(epochRecord),
  };
}
