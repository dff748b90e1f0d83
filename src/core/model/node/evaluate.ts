import fs from 'node:fs';
import path from 'node:path';
import type { AgreementReport } from '../../../common/contract.js';
import { projectAgreement } from '../../agreement/node/project-agreement.js';
import { openProject, type Project } from '../../dataset/node/index.js';
import type { Metrics, PredictionRow } from '../../metrics/index.js';
import { writeReport } from '../../report/node/index.js';
import { selectBackend, type BackendInfo, type BackendPreference } from '../backend/node/select.js';
import { externalClips, projectClips, type EvaluationClips } from './evaluate-clips.js';
import { loadModelFolder, readModelMeta } from './model-files.js';
import type { LoadedModel, StudioModelMeta } from '../model-meta.js';
import { configTable, datasetSummary } from '../run-report.js';
import { scoreClips } from '../score-clips.js';
import { comparisonOfParts } from '../recipe/comparison.js';
import type { RecipeComparison } from '../../../common/contract.js';

export interface EvaluateOptions {
  projectDir?: string;
  /** Default: the model of the project's latest finished training run. */
  modelDir?: string;
  /** A folder or manifest of another corpus, scored without importing it (labels by the dataset conventions). */
  data?: string;
  reportDir?: string;
  backend?: BackendPreference;
  onProgress?: (done: number, total: number) => void;
}

export interface EvaluateResult {
  runId: number | null;
  modelDir: string;
  reportDir: string;
  metrics: Metrics;
  predictions: PredictionRow[];
  /** The model's CNN, classic baseline and fusion on the same clips (null for models saved before recipes). */
  comparison: RecipeComparison | null;
  backend: BackendInfo;
  /** Files of --data skipped: no label, or a label the model doesn't know. */
  skipped: number;
}

/** The model folder of the latest finished training run of a project. */
export function latestModelDir(project: Project): string {
  const run = project.runs
    .list({ kind: 'train' })
    .find(
      (r) => r.modelDir && (r.status === 'done' || r.status === 'cancelled') && fs.existsSync(r.modelDir),
    );
  if (!run?.modelDir)
    throw new Error(
      `no trained model in project ${project.dir}; run \`ser train\` first, or pass --model DIR`,
    );
  return run.modelDir;
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
 * `ser evaluate`: scores a saved model on the project's labelled clips (which must use the model's label
 * set) or on another corpus given by --data, and writes a report folder. With a project, the evaluation is
 * recorded as a run.
 */
export async function evaluateModel(opts: EvaluateOptions): Promise<EvaluateResult> {
  if (!opts.data && !opts.projectDir)
    throw new Error('nothing to evaluate on: give a project (--project) or --data');
  const project = opts.data ? openIfExists(opts.projectDir) : openProject(opts.projectDir ?? '');
  let runId: number | null = null;
  try {
    const modelDir = modelDirOf(opts, project);
    const meta = await readModelMeta(modelDir);
    const source = await clipsOf(opts, meta, project);
    const backend = await selectBackend(opts.backend ?? 'auto');
    const loaded: LoadedModel = await loadModelFolder(modelDir);
    if (project) runId = recordEvaluation(project, opts, meta, modelDir, backend, source.fingerprint);
    try {
      const scored = await scoreClips(loaded, source.clips, source.logMelOf, opts.onProgress);
      const predictions = scored.rows;
      const comparison = comparisonOfParts(meta.recipe, scored.parts, meta.labels) ?? undefined;
      const reportDir = reportDirOf(opts, project, runId);
      const report = await writeEvaluationReport(reportDir, {
        opts,
        modelDir,
        meta,
        source,
        predictions,
        comparison,
        backend,
        // The project's clips were scored: its annotators' agreement belongs in the report.
        agreement: project && !opts.data ? projectAgreement(project) : undefined,
      });
      if (project && runId !== null)
        recordResults(project, runId, predictions, meta.labels, {
          status: 'done',
          metrics: { ...report.metrics, ...(comparison ? { comparison } : {}) },
          reportDir,
        });
      return {
        runId,
        modelDir,
        reportDir,
        metrics: report.metrics,
        predictions,
        comparison: comparison ?? null,
        backend,
        skipped: source.skipped,
      };
    } finally {
      loaded.model.dispose();
    }
  } catch (err) {
    if (project && runId !== null)
      project.runs.update(runId, {
        status: 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
    throw err;
  } finally {
    project?.close();
  }
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
  backend: BackendInfo,
  fingerprint: string | undefined,
): number {
  return project.runs.create({
    kind: 'evaluate',
    labels: meta.labels,
    config: { model: modelDir, data: opts.data ? path.resolve(opts.data) : null, modelRun: meta.runId },
    split: opts.data ? 'external' : 'project',
    backend: backend.detail,
    modelDir,
    datasetFingerprint: fingerprint ?? null,
  });
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
    source: EvaluationClips;
    predictions: PredictionRow[];
    comparison: RecipeComparison | undefined;
    backend: BackendInfo;
    agreement: AgreementReport | undefined;
  },
): ReturnType<typeof writeReport> {
  const { opts, meta, source } = e;
  return writeReport(reportDir, {
    title: `Evaluation of ${path.basename(e.modelDir)} on ${source.datasetName}`,
    labels: meta.labels,
    predictions: e.predictions,
    split: opts.data ? 'external data' : 'project clips',
    folds: 1,
    backend: e.backend.detail,
    curves: [],
    config: configTable(meta.training, {
      'model folder': e.modelDir,
      data: opts.data ? path.resolve(opts.data) : '(project)',
    }),
    dataset: datasetSummary(source.clips, source.datasetName, source.fingerprint),
    createdAt: new Date().toISOString(),
    warnings: evaluationWarnings(source.skipped, opts.data),
    comparison: e.comparison,
    agreement: e.agreement,
  });
}

function evaluationWarnings(skipped: number, data: string | undefined): string[] {
  const warnings: string[] = [];
  if (skipped > 0)
    warnings.push(`${skipped} file(s) skipped: unlabelled, or labelled outside the model's labels`);
  if (!data) {
    warnings.push(
      "scored on the project clips; any clip the model was trained on scores optimistically (the training run's own report has the speaker-independent scores)",
    );
  }
  return warnings;
}

/** Records the predictions of the project's clips (those with an id) and how the run ended. */
function recordResults(
  project: Project,
  runId: number,
  predictions: readonly PredictionRow[],
  labels: readonly string[],
  end: Parameters<Project['runs']['update']>[1],
): void {
  const withIds = predictions.filter((p) => p.clipId !== undefined);
  if (withIds.length > 0) {
    project.runs.addPredictions(
      runId,
      withIds.map((p) => ({
        clipId: p.clipId ?? 0,
        label: p.label,
        predicted: p.predicted,
        confidence: p.confidence,
        probs: Object.fromEntries(labels.map((l, i) => [l, p.probs[i]])),
      })),
    );
  }
  project.runs.update(runId, end);
}
