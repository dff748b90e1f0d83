// The honest default of `ser evaluate` on a project: the clips a model's training run held out, as that run's
// folds predicted them while those speakers were unseen. After loso or kfold the saved model trained on every
// speaker, so scoring the project's clips with it again would score its own training data.
import path from 'node:path';
import type { RecipeComparison, VoiceScores } from '../../../../common/contract.js';
import type { Project, Run } from '../../../dataset/node/index.js';
import type { PredictionRow } from '../../../metrics/index.js';

/** The training run of this project that saved the model in `modelDir`, if one did. */
export function trainingRunOf(project: Project, modelDir: string): Run | undefined {
  const dir = path.resolve(modelDir);
  return project.runs
    .list({ kind: 'train' })
    .find((r) => r.modelDir !== null && path.resolve(r.modelDir) === dir);
}

/**
 * The run's held-out predictions as report rows, with the label each clip had when the run scored it (so the
 * numbers are the run's own), in fold order: as a new voice, and as a known one where the run scored them so
 * (null for runs made before, or with any clip missing it).
 */
export function heldOutRows(
  project: Project,
  run: Run,
  labels: readonly string[],
): { predictions: PredictionRow[]; known: PredictionRow[] | null } {
  const predictions: PredictionRow[] = [];
  let known: PredictionRow[] | null = [];
  for (const p of project.runs.predictions(run.id)) {
    const clip = project.clips.get(p.clipId);
    const label = p.label ?? clip?.label ?? null;
    if (!clip || label === null) continue;
    const base = { file: clip.path, clipId: clip.id, speaker: clip.speaker, label, fold: p.fold };
    predictions.push({
      ...base,
      predicted: p.predicted,
      confidence: p.confidence,
      probs: labels.map((l) => p.probs[l] ?? 0),
    });
    const k = p.known;
    if (k && known)
      known.push({
        ...base,
        predicted: k.predicted,
        confidence: k.confidence,
        probs: labels.map((l) => k.probs[l] ?? 0),
      });
    else known = null;
  }
  return { predictions, known };
}

/** The two scores and the curve the training run recorded, if it measured them. */
export function runVoiceScores(run: Run): VoiceScores | null {
  const m = run.metrics;
  if (typeof m !== 'object' || m === null || !('voice' in m)) return null;
  const v = (m as { voice?: unknown }).voice;
  return typeof v === 'object' && v !== null ? (v as VoiceScores) : null;
}

/** The recipe comparison the training run recorded beside its held-out scores, if any. */
export function runComparison(run: Run): RecipeComparison | undefined {
  const m = run.metrics;
  if (typeof m !== 'object' || m === null || !('comparison' in m)) return undefined;
  const c = (m as { comparison?: unknown }).comparison;
  return typeof c === 'object' && c !== null ? (c as RecipeComparison) : undefined;
}
