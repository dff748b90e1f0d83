import path from 'node:path';
import { errorMessage } from '../../../../common/error-message.js';
import { openProject } from '../../../dataset/node/index.js';
import type { BackendInfo } from '../../backend/node/select.js';
import { loadFeatureBank } from '../../node/clip-features.js';
import type { RunMetrics } from '../../../../common/contract.js';
import type { TrainConfig } from '../../config.js';
import type { ExperimentResult } from './experiment.js';
import type { FeatureBank } from '../../feature-bank.js';
import { runMetricsOf } from '../../recipe/run-metrics.js';
import { runRecipe, type RecipeResult } from '../../recipe/node/run-recipe.js';
import { TrainingPool } from './train-pool.js';
import { recordPace, reportRun, saveRunModel } from './train-project-output.js';
import { poolOf, startPool, trainingsOf } from './train-project-pool.js';
import { emitStep, openRun, type TrainProjectOptions, type TrainRun } from './train-project-run.js';
import { recordRunEnd } from '../../node/run-record.js';
import { createBatchSource } from './worker-batch-source.js';

export interface TrainProjectResult {
  runId: number;
  status: 'done' | 'cancelled';
  backend: BackendInfo;
  config: TrainConfig;
  modelDir: string | null;
  reportDir: string | null;
  experiment: ExperimentResult;
  /** The recipe's scores (the run's headline) beside the CNN's, the classic baseline's and their fusion's. */
  recipe: RecipeResult;
  /** What the run recorded as its metrics (runMetricsOf: the comparison of the models among them); null without scores. */
  metrics: RunMetrics | null;
  featureSeconds: number;
}

/**
 * `ser train` and the app's Train button: trains on a project's labelled clips as the split asks, records
 * the run (config, backend, per-epoch numbers, held-out predictions) in the project database, saves the
 * model folder and writes the report folder. Refuses (TrainRefusal) before recording anything when the
 * data cannot train a classifier.
 */
export async function trainProject(opts: TrainProjectOptions): Promise<TrainProjectResult> {
  const project = openProject(opts.projectDir);
  let runId: number | null = null;
  let poolStart: Promise<TrainingPool | Error> | null = null;
  try {
    const run = await openRun(project, opts);
    runId = run.id;
    const id = run.id;
    const modelDir = path.resolve(opts.modelDir ?? path.join(project.paths.models, `run-${id}`));
    const reportDir = path.resolve(opts.reportDir ?? path.join(project.paths.reports, `run-${id}`));
    emitStep(run, 'features', `features of ${run.clips.length} clips`);
    const trainings = trainingsOf(run.split, run.clips);
    poolStart = startPool(run, trainings);
    const { bank, featureSeconds } = await loadBank(run);
    const pool = poolOf(run, await poolStart);
    const recipe = await trainRecipe(run, bank, pool);
    const experiment = recipe.experiment;
    recordPace(run, experiment, Math.min(pool?.size ?? 1, trainings));
    const createdAt = new Date().toISOString();
    // The split's warnings too, so Evaluate shows the report's list (derived-warnings.ts) from the run.
    const metrics = runMetricsOf(recipe);
    const savedModel = await saveRunModel(run, recipe, modelDir, createdAt);
    const savedReport = await reportRun(run, recipe, metrics, savedModel, reportDir, createdAt);
    const status = experiment.cancelled ? 'cancelled' : 'done';
    recordRunEnd(project.runs, id, { status, metrics, modelDir: savedModel, reportDir: savedReport });
    experiment.model?.dispose();
    const { config, backend } = run;
    return {
      runId: id,
      status,
      backend,
      config,
      modelDir: savedModel,
      reportDir: savedReport,
      experiment,
      recipe,
      metrics,
      featureSeconds,
    };
  } catch (err) {
    if (runId !== null) recordRunEnd(project.runs, runId, { status: 'failed', error: errorMessage(err) });
    throw err;
  } finally {
    const pool = await poolStart;
    if (pool instanceof TrainingPool) await pool.close();
    project.close();
  }
}

/** The log-mel of every clip (from the project's feature store where it has them), with progress. */
async function loadBank(run: TrainRun): Promise<{ bank: FeatureBank; featureSeconds: number }> {
  const { config, opts } = run;
  const started = performance.now();
  const bank = await loadFeatureBank(run.clips, run.project.featureStore, config.featureConfig, config, (p) =>
    opts.events?.emit('progress', {
      ...run.progress,
      phase: 'features',
      batch: p.done,
      batches: p.total,
      etaS: featureEta(p.done, p.total, (performance.now() - started) / 1000),
      message: `features ${p.done}/${p.total}`,
    }),
  );
  return { bank, featureSeconds: (performance.now() - started) / 1000 };
}

/** Seconds until every clip has its features, at the pace so far (none until a few are done). */
function featureEta(done: number, total: number, elapsed: number): number | null {
  if (done < Math.min(5, total) || elapsed <= 0) return null;
  return (elapsed / done) * (total - done);
}

/** Trains and scores the run's recipe, recording every epoch in the project as it ends. */
async function trainRecipe(
  run: TrainRun,
  bank: FeatureBank,
  pool: TrainingPool | null,
): Promise<RecipeResult> {
  const { config, opts, id } = run;
  const unsubscribe = opts.events?.on('epoch', (e) => run.project.runs.addEpoch(id, { runId: id, ...e }));
  const recipe = await runRecipe({
    clips: run.clips.map((c) => ({ id: c.id, file: c.path, speaker: c.speaker, label: c.label })),
    bank,
    config: { ...config, split: run.split },
    // With a pool the trainings make their own batches; this thread needs a batch worker only without one.
    sourceFor: async (b) => {
      const { source, note } = await createBatchSource(b, pool ? 'inline' : (opts.batches ?? 'worker'));
      if (note) opts.events?.emit('message', { level: 'warn', text: note });
      return source;
    },
    backend: run.backend.detail,
    runId: id,
    events: opts.events,
    signal: opts.signal,
    jobs: pool?.size ?? 1,
    pool: pool ?? undefined,
    backendName: run.backend.name,
  });
  unsubscribe?.();
  return recipe;
}

export type { TrainProjectOptions };
