// What a project's training run leaves behind: the machine's pace, the model folder, the predictions
// and the report folder.
import path from 'node:path';
import type { RunMetrics } from '../../../../common/contract.js';
import { writeReport } from '../../../report/node/index.js';
import { projectAgreementInSlices } from '../../../agreement/node/project-agreement.js';
import { paceOf, PACE_SETTING, type TrainingPace } from '../estimate.js';
import type { ExperimentResult } from './experiment.js';
import { saveModelFolder } from '../../node/model-files.js';
import { MODEL_FORMAT, MODEL_VERSION, type StudioModelMeta } from '../../model-meta.js';
import type { RecipeResult } from '../../recipe/node/run-recipe.js';
import { configTable, datasetSummary, toFoldCurves } from '../../evaluation/run-report.js';
import { CNN_FUSION_TEMPERATURE } from '../../recipe/fuse.js';
import { emitStep, type TrainRun } from './train-project-run.js';
import { recordPredictions } from '../../node/run-record.js';

/** The next Train form estimates its time from this machine's own pace: keeps the run's (none if cancelled). */
export function recordPace(run: TrainRun, experiment: ExperimentResult, sideBySide: number): void {
  const pace = experiment.cancelled
    ? null
    : paceOf({
        clipsSeen: experiment.clipsSeen,
        trainSeconds: experiment.trainSeconds,
        members: run.config.members,
        jobs: sideBySide,
      });
  if (pace !== null)
    run.project.settings.set(PACE_SETTING, {
      clipsPerS: pace,
      jobs: sideBySide,
      backend: run.backend.detail,
      runId: run.id,
      measuredAt: new Date().toISOString(),
    } satisfies TrainingPace);
}

/** Saves the model to keep with what it needs to predict; the folder, or null when there is none. */
export async function saveRunModel(
  run: TrainRun,
  recipe: RecipeResult,
  modelDir: string,
  createdAt: string,
): Promise<string | null> {
  const { model, norm } = recipe.experiment;
  if (!model || !norm) return null;
  emitStep(run, 'report', 'saving the model');
  await saveModelFolder(modelDir, model, modelMetaOf(run, recipe, norm, createdAt));
  return modelDir;
}

function modelMetaOf(
  run: TrainRun,
  recipe: RecipeResult,
  norm: StudioModelMeta['norm'],
  createdAt: string,
): StudioModelMeta {
  const { config, id } = run;
  const experiment = recipe.experiment;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    labels: config.labels,
    featureConfig: config.featureConfig,
    cropFrames: config.cropFrames,
    windowHopFrames: config.windowHopFrames,
    shortClipFill: config.shortClipFill,
    evalWindows: config.evalWindows,
    norm,
    training: config,
    recipe: {
      kind: recipe.finalRecipe,
      speakerNorm: recipe.finalSpeakerNorm,
      instance: config.instanceNorm,
      populationBands: null,
      classic: recipe.classicModel,
      cnnTemperature: CNN_FUSION_TEMPERATURE,
    },
    split: experiment.split,
    folds: experiment.folds,
    backend: run.backend.detail,
    datasetFingerprint: run.fingerprint,
    metrics: recipe.metrics,
    runId: id,
    createdAt,
  };
}

/** Records the held-out predictions and writes the report folder; the folder, or null with no predictions. */
export async function reportRun(
  run: TrainRun,
  recipe: RecipeResult,
  metrics: RunMetrics | null,
  savedModel: string | null,
  reportDir: string,
  createdAt: string,
): Promise<string | null> {
  if (recipe.predictions.length === 0) return null;
  const { config, id } = run;
  recordPredictions(run.project.runs, id, recipe.predictions, recipe.knownPredictions, config.labels);
  emitStep(run, 'report', 'writing the report');
  const experiment = recipe.experiment;
  await writeReport(reportDir, {
    title: `Emotion Studio run ${id}`,
    labels: config.labels,
    predictions: recipe.predictions,
    ...(recipe.voice ? { known: { predictions: recipe.knownPredictions, voice: recipe.voice } } : {}),
    comparison: metrics?.comparison,
    split: experiment.split,
    folds: experiment.folds,
    backend: run.backend.detail,
    curves: toFoldCurves(experiment.curves),
    config: configTable(config, {
      'model folder': savedModel ?? '(none)',
      'train seconds': Math.round(experiment.trainSeconds),
    }),
    dataset: datasetSummary(run.clips, path.basename(run.project.dir), run.fingerprint),
    createdAt,
    warnings: [...experiment.warnings, ...recipe.warnings],
    agreement: await projectAgreementInSlices(run.project),
  });
  return reportDir;
}
