import fs from 'node:fs';
import path from 'node:path';
import { openProject, planImport, resolveOrigin, type Project } from '../../dataset/node/index.js';
import { featureConfigKey, type Spectrogram } from '../../features/index.js';
import type { Metrics, PredictionRow } from '../../metrics/index.js';
import { writeReport } from '../../report/node/index.js';
import { selectBackend, type BackendInfo, type BackendPreference } from '../backend/node/select.js';
import { computeClipFeatures } from './clip-features.js';
import { loadModelFolder, readModelMeta } from './model-files.js';
import { assertSameLabels, type LoadedModel } from '../model-meta.js';
import { configTable, datasetSummary } from '../run-report.js';
import { scoreClips, type ScoredClip } from '../score-clips.js';
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
    const modelDir = path.resolve(
      opts.modelDir ??
        (project
          ? latestModelDir(project)
          : (() => {
              throw new Error(
                'no model given: pass --model DIR (or --project of a project with a trained model)',
              );
            })()),
    );
    const meta = await readModelMeta(modelDir);
    let clips: ScoredClip[];
    let skipped = 0;
    let logMelOf: (clip: ScoredClip) => Promise<Spectrogram>;
    let datasetName: string;
    let fingerprint: string | undefined;
    if (opts.data) {
      const plan = await planImport(opts.data);
      const all = plan.files.map((f) => {
        const origin = resolveOrigin(f.path, plan.root, f.manifest);
        return { file: f.path, speaker: origin.speaker, label: origin.label };
      });
      clips = all.filter((c): c is ScoredClip => c.label !== null && meta.labels.includes(c.label));
      skipped = all.length - clips.length;
      if (clips.length === 0) {
        const found = [...new Set(all.map((c) => c.label ?? 'unlabelled'))].join(', ') || 'no audio files';
        throw new Error(
          `none of the ${all.length} files in ${opts.data} has a label the model knows (${meta.labels.join(', ')}); found: ${found}`,
        );
      }
      logMelOf = (c) => computeClipFeatures(c.file, meta.featureConfig);
      datasetName = path.basename(path.resolve(opts.data));
    } else {
      if (!project) throw new Error('no project to evaluate on');
      assertSameLabels(meta, project.settings.labelSet(), `the project ${project.dir}`);
      const labelled = project.clips.labelled(meta.labels);
      if (labelled.length === 0)
        throw new Error(`the project has no clips labelled ${meta.labels.join(', ')}`);
      clips = labelled.map((c) => ({ file: c.path, clipId: c.id, speaker: c.speaker, label: c.label }));
      const bySha = new Map(labelled.map((c) => [c.id, c]));
      const key = featureConfigKey(meta.featureConfig);
      const store = project.featureStore;
      logMelOf = async (c) => {
        const clip = bySha.get(c.clipId ?? -1);
        const cached = clip ? store.get(clip.sha256, key) : undefined;
        if (cached) return cached;
        const spec = await computeClipFeatures(c.file, meta.featureConfig);
        if (clip) store.put(clip.sha256, key, spec);
        return spec;
      };
      datasetName = path.basename(project.dir);
      fingerprint = project.datasetFingerprint(meta.labels);
    }
    const backend = await selectBackend(opts.backend ?? 'auto');
    const loaded: LoadedModel = await loadModelFolder(modelDir);
    if (project) {
      runId = project.runs.create({
        kind: 'evaluate',
        labels: meta.labels,
        config: { model: modelDir, data: opts.data ? path.resolve(opts.data) : null, modelRun: meta.runId },
        split: opts.data ? 'external' : 'project',
        backend: backend.detail,
        modelDir,
        datasetFingerprint: fingerprint ?? null,
      });
    }
    try {
      const scored = await scoreClips(loaded, clips, logMelOf, opts.onProgress);
      const predictions = scored.rows;
      const comparison = comparisonOfParts(meta.recipe, scored.parts, meta.labels) ?? undefined;
      const reportDir = path.resolve(
        opts.reportDir ??
          (project
            ? path.join(project.paths.reports, `eval-${runId}`)
            : path.join(process.cwd(), `evaluation-${new Date().toISOString().replace(/[:.]/g, '-')}`)),
      );
      const warnings: string[] = [];
      if (skipped > 0)
        warnings.push(`${skipped} file(s) skipped: unlabelled, or labelled outside the model's labels`);
      if (!opts.data) {
        warnings.push(
          "scored on the project clips; any clip the model was trained on scores optimistically (the training run's own report has the speaker-independent scores)",
        );
      }
      const report = await writeReport(reportDir, {
        title: `Evaluation of ${path.basename(modelDir)} on ${datasetName}`,
        labels: meta.labels,
        predictions,
        split: opts.data ? 'external data' : 'project clips',
        folds: 1,
        backend: backend.detail,
        curves: [],
        config: configTable(meta.training, {
          'model folder': modelDir,
          data: opts.data ? path.resolve(opts.data) : '(project)',
        }),
        dataset: datasetSummary(clips, datasetName, fingerprint),
        createdAt: new Date().toISOString(),
        warnings,
        comparison,
      });
      if (project && runId !== null) {
        const withIds = predictions.filter((p) => p.clipId !== undefined);
        if (withIds.length > 0) {
          project.runs.addPredictions(
            runId,
            withIds.map((p) => ({
              clipId: p.clipId ?? 0,
              label: p.label,
              predicted: p.predicted,
              confidence: p.confidence,
              probs: Object.fromEntries(meta.labels.map((l, i) => [l, p.probs[i]])),
            })),
          );
        }
        project.runs.update(runId, {
          status: 'done',
          metrics: { ...report.metrics, ...(comparison ? { comparison } : {}) },
          reportDir,
        });
      }
      return {
        runId,
        modelDir,
        reportDir,
        metrics: report.metrics,
        predictions,
        comparison: comparison ?? null,
        backend,
        skipped,
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
