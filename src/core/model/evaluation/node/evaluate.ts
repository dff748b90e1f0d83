import path from 'node:path';
import { errorMessage } from '../../../../common/error-message.js';
import { recordPredictions, recordRunEnd } from '../../node/run-record.js';
import type { AgreementReport, VoiceScores } from '../../../../common/contract.js';
import { projectAgreementInSlices } from '../../../agreement/node/project-agreement.js';
import { openProject, type Project } from '../../../dataset/node/index.js';
import type { Metrics, PredictionRow } from '../../../metrics/index.js';
import { writeReport } from '../../../report/node/index.js';
import { selectBackend, type BackendPreference } from '../../backend/node/select.js';
import { externalClips, projectClips, type EvaluationClips } from './evaluate-clips.js';
import { loadModelFolder, readModelMeta } from '../../node/model-files.js';
import { latestModelDir } from './current-model.js';
import type { LoadedModel, StudioModelMeta } from '../../model-meta.js';
import { configTable, datasetSummary } from '../run-report.js';
import { scoreClips } from '../../inference/score-clips.js';
import { comparisonOfParts } from '../../recipe/comparison.js';
import type { RecipeComparison } from '../../../../common/contract.js';
import { heldOutRows, runComparison, runVoiceScores, trainingRunOf } from './evaluate-held-out.js';
import { voiceScoresOf } from '../../recipe/voice-scores.js';
import type { Run } from '../../../dataset/node/index.js';

export interface EvaluateOptions {
  projectDir?: string;
  /** Default: the model of the project's latest finished training run. */
  modelDir?: string;
  /** A folder or manifest of another corpus, scored without importing it (labels by the dataset conventions). */
  data?: string;
  reportDir?: string;
  backend?: BackendPreference;
  /**
   * Score every labelled clip of the project with the saved model, the clips it trained on included
   * (optimistic). Without it, a project's own model is judged by its training run's held-out clips only.
   */
  allClips?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What was scored: the held-out clips of the model's training run, every project clip (--all-clips, or a model
 * no run of this project saved), or another corpus.
 */
export type EvaluationScope = 'held-out' | 'all-clips' | 'external';

export interface EvaluateResult {
  runId: number | null;
  modelDir: string;
  reportDir: string;
  /** A new voice's scores (each clip alone), the headline. */
  metrics: Metrics;
  predictions: PredictionRow[];
  /** The same clips with each speaker's voice known, and both scores (null: not measured, or the model uses no voices). */
  known: { predictions: PredictionRow[]; metrics: Metrics; voice: VoiceScores } | null;
  /** The model's CNN, classic baseline and fusion on the same clips (null for models saved before recipes). */
  comparison: RecipeComparison | null;
  /** The backend that scored the clips (for held-out clips: the training run's). */
  backend: string;
  /** Files of --data skipped: no label, or a label the model doesn't know. */
  skipped: number;
  scope: EvaluationScope;
  /** The project's training run that saved the model, if one did. */
  trainingRun: { id: number; split: string | null; macroF1: number | null } | null;
  /** The report's warnings (a class never predicted, training clips scored, ...). */
  warnings: string[];
}

function openIfExists(dir: string | undefined): Project | null {
  if (!dir) return null;
  try {
    return openProject(dir);
  } catch {
    return null;
  }
}

/**
 * `ser evaluate`: on a project, the held-out clips of the run that saved the model, as its folds predicted
 * them (every labelled clip, scored again by the saved model, only with allClips or for a model no run of the
 * project saved); or another corpus given by --data. Writes a report folder; with a project, the evaluation
 * is recorded as a run.
 */
export async function evaluateModel(opts: EvaluateOptions): Promise<EvaluateResult> {
  if (!opts.data && !opts.projectDir)
    throw new Error('nothing to evaluate on: give a project (--project) or --data');
  const project = opts.data ? openIfExists(opts.projectDir) : openProject(opts.projectDir ?? '');
  // The evaluation's run in the project, once recorded: marked failed if anything after throws.
  const run: { id: number | null } = { id: null };
  try {
    const modelDir = modelDirOf(opts, project);
    const meta = await readModelMeta(modelDir);
    const trainRun = project && !opts.data ? (trainingRunOf(project, modelDir) ?? null) : null;
    if (project && trainRun && !opts.allClips) {
      run.id = recordEvaluation(project, opts, meta, modelDir, {
        backend: trainRun.backend ?? '',
        fingerprint: trainRun.datasetFingerprint,
        scope: 'held-out',
      });
      return await evaluateHeldOut(project, run.id, opts, modelDir, meta, trainRun);
    }
    return await evaluateBySavedModel({ project, run, opts, modelDir, meta, trainRun });
  } catch (err) {
    if (project && run.id !== null)
      recordRunEnd(project.runs, run.id, { status: 'failed', error: errorMessage(err) });
    throw err;
  } finally {
    project?.close();
  }
}

/**
 * Every project clip (--all-clips, or a model no run of the project saved) or another corpus (--data), scored
 * by the saved model as a new voice and as a known one; recorded as a run of the project if there is one.
 */
async function evaluateBySavedModel(e: {
  project: Project | null;
  run: { id: number | null };
  opts: EvaluateOptions;
  modelDir: string;
  meta: StudioModelMeta;
  trainRun: Run | null;
}): Promise<EvaluateResult> {
  const { project, opts, modelDir, meta, trainRun } = e;
  const scope: EvaluationScope = opts.data ? 'external' : 'all-clips';
  const source = await clipsOf(opts, meta, project);
  const backend = await selectBackend(opts.backend ?? 'auto');
  const loaded: LoadedModel = await loadModelFolder(modelDir);
  if (project)
    e.run.id = recordEvaluation(project, opts, meta, modelDir, {
      backend: backend.detail,
      fingerprint: source.fingerprint ?? null,
      scope,
    });
  try {
    const scored = scoredResults(
      meta,
      await scoreClips(loaded, source.clips, source.logMelOf, opts.onProgress),
    );
    const reportDir = reportDirOf(opts, project, e.run.id);
    const report = await writeEvaluationReport(reportDir, {
      ...{ opts, modelDir, meta, source, ...scored, backend: backend.detail },
      split: opts.data ? 'external data' : 'project clips',
      warnings: evaluationWarnings(source.skipped, scope, trainRun),
      // The project's clips were scored: its annotators' agreement belongs in the report.
      agreement: project && !opts.data ? await projectAgreementInSlices(project) : undefined,
    });
    return concludeEvaluation(project, e.run.id, {
      ...{ modelDir, reportDir, report, ...scored, labels: meta.labels, backend: backend.detail },
      ...{ skipped: source.skipped, scope, trainRun },
    });
  } finally {
    loaded.model.dispose();
  }
}

/** The saved model's predictions as a new voice, the comparison of its parts, and the known-voice scores. */
function scoredResults(
  meta: StudioModelMeta,
  scored: Awaited<ReturnType<typeof scoreClips>>,
): {
  predictions: PredictionRow[];
  comparison: RecipeComparison | undefined;
  known: { predictions: PredictionRow[]; voice: VoiceScores } | undefined;
} {
  const predictions = scored.newVoice.rows;
  const comparison =
    comparisonOfParts(meta.recipe, scored.newVoice.parts, scored.knownVoice.parts, meta.labels) ?? undefined;
  const voice = voiceScoresOf(
    new Map([
      ['new', predictions],
      ['known', scored.knownVoice.rows],
    ]),
    meta.labels,
    meta.recipe?.speakerNorm ?? 'none',
  );
  return {
    predictions,
    comparison,
    known: voice ? { predictions: scored.knownVoice.rows, voice } : undefined,
  };
}

/** The model to evaluate: the one given, else the project's latest. */
function modelDirOf(opts: EvaluateOptions, project: Project | null): string {
  const dir = opts.modelDir ?? (project ? latestModelDir(project) : null);
  if (dir === null)
    throw new Error('no model given: pass --model DIR (or --project of a project with a trained model)');
  return path.resolve(dir);
}

/** The clips to score: those of --data, else the project's. */
async function clipsOf(
  opts: EvaluateOptions,
  meta: StudioModelMeta,
  project: Project | null,
): Promise<EvaluationClips> {
  if (opts.data) return externalClips(opts.data, meta);
  if (!project) throw new Error('no project to evaluate on');
  return projectClips(project, meta);
}

/** Records the evaluation as a run of the project; its id. */
function recordEvaluation(
  project: Project,
  opts: EvaluateOptions,
  meta: StudioModelMeta,
  modelDir: string,
  scored: { backend: string; fingerprint: string | null; scope: EvaluationScope },
): number {
  return project.runs.create({
    kind: 'evaluate',
    labels: meta.labels,
    config: {
      model: modelDir,
      data: opts.data ? path.resolve(opts.data) : null,
      modelRun: meta.runId,
      scope: scored.scope,
    },
    split: { external: 'external', 'all-clips': 'project', 'held-out': 'held-out' }[scored.scope],
    backend: scored.backend,
    modelDir,
    datasetFingerprint: scored.fingerprint,
  });
}

function trainingRunSummary(run: Run): NonNullable<EvaluateResult['trainingRun']> {
  const m = run.metrics as { macro_f1?: unknown } | null;
  return { id: run.id, split: run.split, macroF1: typeof m?.macro_f1 === 'number' ? m.macro_f1 : null };
}

/** The held-out clips of the model's training run, as its folds predicted them; recorded as this evaluation. */
async function evaluateHeldOut(
  project: Project,
  runId: number,
  opts: EvaluateOptions,
  modelDir: string,
  meta: StudioModelMeta,
  trainRun: Run,
): Promise<EvaluateResult> {
  const { predictions, known: knownRows } = heldOutRows(project, trainRun, meta.labels);
  if (predictions.length === 0)
    throw new Error(
      `run ${trainRun.id} has no held-out predictions (it ended before a fold was scored): pass --data for other speakers, or --all-clips to score every project clip (optimistic)`,
    );
  const comparison = runComparison(trainRun);
  const voice = runVoiceScores(trainRun);
  const known = voice && knownRows ? { predictions: knownRows, voice } : undefined;
  const reportDir = reportDirOf(opts, project, runId);
  const source = {
    clips: predictions.map((p) => ({ file: p.file, clipId: p.clipId, speaker: p.speaker, label: p.label })),
    skipped: 0,
    datasetName: `${path.basename(project.dir)}, held out by run ${trainRun.id}`,
    fingerprint: trainRun.datasetFingerprint ?? undefined,
  };
  const report = await writeEvaluationReport(reportDir, {
    opts,
    modelDir,
    meta,
    source,
    predictions,
    known,
    comparison,
    backend: trainRun.backend ?? '',
    split: `held out by run ${trainRun.id} (${trainRun.split ?? meta.split})`,
    folds: Math.max(1, new Set(predictions.map((p) => p.fold ?? 0)).size),
    warnings: [],
    agreement: await projectAgreementInSlices(project),
  });
  return concludeEvaluation(project, runId, {
    modelDir,
    reportDir,
    report,
    predictions,
    known,
    labels: meta.labels,
    comparison,
    backend: trainRun.backend ?? '',
    skipped: 0,
    scope: 'held-out',
    trainRun,
  });
}

/** Records a finished evaluation's predictions and metrics (the report's) in its run, and says what it found. */
function concludeEvaluation(
  project: Project | null,
  runId: number | null,
  e: {
    modelDir: string;
    reportDir: string;
    report: Awaited<ReturnType<typeof writeReport>>;
    predictions: PredictionRow[];
    known: { predictions: PredictionRow[]; voice: VoiceScores } | undefined;
    labels: readonly string[];
    comparison: RecipeComparison | undefined;
    backend: string;
    skipped: number;
    scope: EvaluationScope;
    trainRun: Run | null;
  },
): EvaluateResult {
  const knownMetrics = e.report.knownMetrics;
  if (project && runId !== null) {
    recordPredictions(project.runs, runId, e.predictions, e.known?.predictions, e.labels);
    recordRunEnd(project.runs, runId, {
      status: 'done',
      metrics: {
        ...e.report.metrics,
        ...(e.comparison ? { comparison: e.comparison } : {}),
        ...(e.known && knownMetrics ? { voice: e.known.voice, known: knownMetrics } : {}),
      },
      reportDir: e.reportDir,
    });
  }
  return {
    runId,
    modelDir: e.modelDir,
    reportDir: e.reportDir,
    metrics: e.report.metrics,
    predictions: e.predictions,
    known:
      e.known && knownMetrics
        ? { predictions: e.known.predictions, metrics: knownMetrics, voice: e.known.voice }
        : null,
    comparison: e.comparison ?? null,
    backend: e.backend,
    skipped: e.skipped,
    scope: e.scope,
    trainingRun: e.trainRun ? trainingRunSummary(e.trainRun) : null,
    warnings: e.report.warnings,
  };
}

function reportDirOf(opts: EvaluateOptions, project: Project | null, runId: number | null): string {
  return path.resolve(
    opts.reportDir ??
      (project
        ? path.join(project.paths.reports, `eval-${runId}`)
        : path.join(process.cwd(), `evaluation-${new Date().toISOString().replace(/[:.]/g, '-')}`)),
  );
}

/** Writes the evaluation's report folder; the report (its metrics). */
function writeEvaluationReport(
  reportDir: string,
  e: {
    opts: EvaluateOptions;
    modelDir: string;
    meta: StudioModelMeta;
    source: Pick<EvaluationClips, 'clips' | 'datasetName' | 'fingerprint'>;
    predictions: PredictionRow[];
    known: { predictions: PredictionRow[]; voice: VoiceScores } | undefined;
    comparison: RecipeComparison | undefined;
    backend: string;
    split: string;
    folds?: number;
    warnings: string[];
    agreement: AgreementReport | undefined;
  },
): ReturnType<typeof writeReport> {
  const { opts, meta, source } = e;
  return writeReport(reportDir, {
    title: `Evaluation of ${path.basename(e.modelDir)} on ${source.datasetName}`,
    labels: meta.labels,
    predictions: e.predictions,
    ...(e.known ? { known: e.known } : {}),
    split: e.split,
    folds: e.folds ?? 1,
    backend: e.backend,
    curves: [],
    config: configTable(meta.training, {
      'model folder': e.modelDir,
      data: opts.data ? path.resolve(opts.data) : '(project)',
    }),
    dataset: datasetSummary(source.clips, source.datasetName, source.fingerprint),
    createdAt: new Date().toISOString(),
    warnings: e.warnings,
    comparison: e.comparison,
    agreement: e.agreement,
  });
}

function evaluationWarnings(skipped: number, scope: EvaluationScope, trainRun: Run | null): string[] {
  const warnings: string[] = [];
  if (skipped > 0)
    warnings.push(`${skipped} file(s) skipped: unlabelled, or labelled outside the model's labels`);
  if (scope === 'all-clips' && trainRun) {
    const heldOut = trainingRunSummary(trainRun).macroF1;
    warnings.push(
      `scored on every project clip, the clips the model trained on included (after a loso or kfold run, all of them): these scores are optimistic.` +
        ` Run ${trainRun.id}'s held-out scores are the speaker-independent ones${heldOut === null ? '' : ` (macro F1 ${heldOut.toFixed(3)})`}.`,
    );
  } else if (scope === 'all-clips') {
    warnings.push(
      'scored on every project clip; no run of this project saved this model, so which clips it trained on is unknown: any it trained on score optimistically',
    );
  }
  return warnings;
}
