import path from 'node:path';
import { openProject } from '../../dataset/node/index.js';
import { writeReport } from '../../report/node/index.js';
import { selectBackend, type BackendInfo, type BackendPreference } from '../backend/node/select.js';
import { createBatchSource } from './worker-batch-source.js';
import { comparisonOf } from '../recipe/comparison.js';
import { paceOf, PACE_SETTING, type TrainingPace } from '../estimate.js';
import { runRecipe, type RecipeResult } from '../recipe/node/run-recipe.js';
import { estimateBankFrames, loadFeatureBank } from './clip-features.js';
import { modelSpecOf, resolveTrainConfig, type TrainConfig } from '../config.js';
import type { ExperimentResult } from './experiment.js';
import { saveModelFolder } from './model-files.js';
import { MODEL_FORMAT, type StudioModelMeta } from '../model-meta.js';
import { planPool } from './pool-size.js';
import { decideSplit } from '../refusals.js';
import { TrainingPool } from './train-pool.js';
import { configTable, datasetSummary, toFoldCurves } from '../run-report.js';
import type { TrainEmitter } from '../train-events.js';

export interface TrainProjectOptions {
  projectDir: string;
  /** Settings to change from the defaults; labels default to the project's label set. */
  config?: Partial<TrainConfig>;
  backend?: BackendPreference;
  modelDir?: string;
  reportDir?: string;
  events?: TrainEmitter;
  signal?: AbortSignal;
  /** 'inline' makes batches on the training's own thread (a batch worker beside it is the default). */
  batches?: 'worker' | 'inline';
  /**
   * Trainings at once (folds side by side, each in a worker thread); default: the machine's cores less
   * one, as many as memory allows (see planPool). The results are the same for any value.
   */
  jobs?: number;
}

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
    const labels = opts.config?.labels ?? project.settings.labelSet();
    const config = resolveTrainConfig({ ...opts.config, labels: [...labels] });
    const clips = project.clips.labelled(config.labels);
    const decision = decideSplit(clips, config.labels, config.split);
    const backend = await selectBackend(opts.backend ?? 'auto');
    for (const reason of backend.fallbacks)
      opts.events?.emit('message', { level: 'info', text: `backend: ${reason}` });
    opts.events?.emit('message', { level: 'info', text: `backend: ${backend.detail}` });
    const fingerprint = project.datasetFingerprint(config.labels);
    runId = project.runs.create({
      kind: 'train',
      labels: config.labels,
      config,
      split: decision.split,
      backend: backend.detail,
      datasetFingerprint: fingerprint,
    });
    const id = runId;
    const modelDir = path.resolve(opts.modelDir ?? path.join(project.paths.models, `run-${id}`));
    const reportDir = path.resolve(opts.reportDir ?? path.join(project.paths.reports, `run-${id}`));
    const progressBase = {
      runId: id,
      fold: 0,
      folds: 0,
      epoch: 0,
      epochs: config.epochs,
      batch: 0,
      batches: 0,
      loss: null,
      accuracy: null,
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
      lr: null,
      clipsPerS: null,
      backend: backend.detail,
    };
    opts.events?.emit('progress', {
      ...progressBase,
      phase: 'features',
      etaS: null,
      message: `features of ${clips.length} clips`,
    });
    const trainings = trainingsOf(decision.split, clips);
    const poolPlan = planPool({
      requested: opts.jobs,
      trainings,
      backend: backend.name,
      spec: modelSpecOf(config, config.featureConfig.nMels, config.labels.length, config.seed),
      batchSize: config.batchSize,
      // With per-speaker standardisation the CNN trains on a standardised copy of the bank.
      sharedBytes:
        estimateBankFrames(clips, config.featureConfig) *
        config.featureConfig.nMels *
        4 *
        (config.speakerNorm ? 2 : 1),
    });
    // A run of a single training (a speaker or random split) has no pool to speak of.
    if (trainings > 1) opts.events?.emit('message', { level: 'info', text: `pool: ${poolPlan.note}` });
    // The pool's workers start (load tfjs, set up their backend) while the features load.
    poolStart =
      poolPlan.jobs > 1
        ? TrainingPool.start(poolPlan.jobs, { backend: backend.name, batches: opts.batches }).catch(
            (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
          )
        : null;
    const featureStart = performance.now();
    const bank = await loadFeatureBank(clips, project.featureStore, config.featureConfig, config, (p) =>
      opts.events?.emit('progress', {
        ...progressBase,
        phase: 'features',
        batch: p.done,
        batches: p.total,
        etaS: featureEta(p.done, p.total, (performance.now() - featureStart) / 1000),
        message: `features ${p.done}/${p.total}`,
      }),
    );
    const featureSeconds = (performance.now() - featureStart) / 1000;
    const started = await poolStart;
    const pool = started instanceof TrainingPool ? started : null;
    if (started instanceof Error)
      opts.events?.emit('message', {
        level: 'warn',
        text: `training pool unavailable (${started.message}); training one fold at a time`,
      });
    const unsubscribe = opts.events?.on('epoch', (e) => project.runs.addEpoch(id, { runId: id, ...e }));
    const recipe = await runRecipe({
      clips: clips.map((c) => ({ id: c.id, file: c.path, speaker: c.speaker, label: c.label })),
      bank,
      config: { ...config, split: decision.split },
      // With a pool the trainings make their own batches; this thread needs a batch worker only without one.
      sourceFor: async (b) => {
        const { source, note } = await createBatchSource(b, pool ? 'inline' : (opts.batches ?? 'worker'));
        if (note) opts.events?.emit('message', { level: 'warn', text: note });
        return source;
      },
      backend: backend.detail,
      runId: id,
      events: opts.events,
      signal: opts.signal,
      jobs: pool?.size ?? 1,
      pool: pool ?? undefined,
      backendName: backend.name,
    });
    unsubscribe?.();
    const experiment = recipe.experiment;
    const sideBySide = Math.min(pool?.size ?? 1, trainings);
    const pace = experiment.cancelled
      ? null
      : paceOf({
          clipsSeen: experiment.clipsSeen,
          trainSeconds: experiment.trainSeconds,
          members: config.members,
          jobs: sideBySide,
        });
    // The next Train form estimates its time from this machine's own pace.
    if (pace !== null)
      project.settings.set(PACE_SETTING, {
        clipsPerS: pace,
        jobs: sideBySide,
        backend: backend.detail,
        runId: id,
        measuredAt: new Date().toISOString(),
      } satisfies TrainingPace);
    const createdAt = new Date().toISOString();
    let savedModel: string | null = null;
    if (experiment.model && experiment.norm) {
      opts.events?.emit('progress', {
        ...progressBase,
        phase: 'report',
        etaS: null,
        message: 'saving the model',
      });
      const meta: StudioModelMeta = {
        format: MODEL_FORMAT,
        version: 1,
        labels: config.labels,
        featureConfig: config.featureConfig,
        cropFrames: config.cropFrames,
        windowHopFrames: config.windowHopFrames,
        shortClipFill: config.shortClipFill,
        norm: experiment.norm,
        training: config,
        recipe: {
          kind: recipe.finalRecipe,
          speakerNorm: config.speakerNorm,
          instance: config.instanceNorm,
          populationBands: recipe.populationBands,
          classic: recipe.classicModel,
        },
        split: experiment.split,
        folds: experiment.folds,
        backend: backend.detail,
        datasetFingerprint: fingerprint,
        metrics: recipe.metrics,
        runId: id,
        createdAt,
      };
      await saveModelFolder(modelDir, experiment.model, meta);
      savedModel = modelDir;
    }
    let savedReport: string | null = null;
    if (recipe.predictions.length > 0) {
      project.runs.addPredictions(
        id,
        recipe.predictions.map((p) => ({
          clipId: p.clipId ?? 0,
          fold: p.fold ?? 0,
          label: p.label,
          predicted: p.predicted,
          confidence: p.confidence,
          probs: Object.fromEntries(config.labels.map((l, i) => [l, p.probs[i]])),
        })),
      );
      opts.events?.emit('progress', {
        ...progressBase,
        phase: 'report',
        etaS: null,
        message: 'writing the report',
      });
      await writeReport(reportDir, {
        title: `Emotion Studio run ${id}`,
        labels: config.labels,
        predictions: recipe.predictions,
        comparison: comparisonOf(recipe),
        split: experiment.split,
        folds: experiment.folds,
        backend: backend.detail,
        curves: toFoldCurves(experiment.curves),
        config: configTable(config, {
          'model folder': savedModel ?? '(none)',
          'train seconds': Math.round(experiment.trainSeconds),
        }),
        dataset: datasetSummary(clips, path.basename(project.dir), fingerprint),
        createdAt,
        warnings: experiment.warnings,
      });
      savedReport = reportDir;
    }
    const status = experiment.cancelled ? 'cancelled' : 'done';
    project.runs.update(id, {
      status,
      metrics: recipe.metrics ? { ...recipe.metrics, comparison: comparisonOf(recipe) } : null,
      modelDir: savedModel,
      reportDir: savedReport,
    });
    experiment.model?.dispose();
    return {
      runId: id,
      status,
      backend,
      config,
      modelDir: savedModel,
      reportDir: savedReport,
      experiment,
      recipe,
      featureSeconds,
    };
  } catch (err) {
    if (runId !== null)
      project.runs.update(runId, {
        status: 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
    throw err;
  } finally {
    const pool = await poolStart;
    if (pool instanceof TrainingPool) await pool.close();
    project.close();
  }
}

/** How many trainings a split makes: one per fold plus the final model for loso and kfold, else one. */
function trainingsOf(split: string, clips: ReadonlyArray<{ speaker: string }>): number {
  const speakers = new Set(clips.map((c) => c.speaker)).size;
  if (split === 'loso') return speakers + 1;
  const k = /^kfold:(\d+)$/.exec(split);
  return k ? Math.min(Number(k[1]), speakers) + 1 : 1;
}

/** Seconds until every clip has its features, at the pace so far (none until a few are done). */
function featureEta(done: number, total: number, elapsed: number): number | null {
  if (done < Math.min(5, total) || elapsed <= 0) return null;
  return (elapsed / done) * (total - done);
}
