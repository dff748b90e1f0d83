// The honest default of `ser evaluate` on a project: the clips a model's training run held out, as that run's
// folds predicted them while those speakers were unseen. After loso or kfold the saved model trained on every
// speaker, so scoring the project's clips with it again would score its own training data.
import path from 'node:path';
import type { RecipeComparison } from '../../../common/contract.js';
import type { Project, Run } from '../../dataset/node/index.js';
import type { PredictionRow } from '../../metrics/index.js';

/** The training run of this project that saved the model in `modelDir`, if one did. */
export function trainingRunOf(project: Project, modelDir: string): Run | undefined {
  const dir = path.resolve(modelDir);
  return project.runs
    .list({ kind: 'train' })
    .find((r) => r.modelDir !== null && path.resolve(r.modelDir) === dir);
}

/**
 * The run's held-out predictions as report rows, with the label each clip had when the run scored it (so the
 * numbers are the run's own), in fold order.
 */
export function heldOutRows(project: Project, run: Run, labels: readonly string[]): PredictionRow[] {
  const rows: PredictionRow[] = [];
  for (const p of project.runs.predictions(run.id)) {
    const clip = project.clips.get(p.clipId);
    const label = p.label ?? clip?.label ?? null;
    if (!clip || label === null) continue;
    rows.push({
      file: clip.path,
      clipId: clip.id,
      speaker: clip.speaker,
      label,
      predicted: p.predicted,
      confidence: p.confidence,
      probs: labels.map((l) => p.probs[l] ?? 0),
      fold: p.fold,
    });
  }
  return rows;
}

/** The recipe comparison the training run recorded beside its held-out scores, if any. */
export function runComparison(run: Run): RecipeComparison | undefined {
  const m = run.metrics;
  if (typeof m !== 'object' || m === null || !('comparison' in m)) return undefined;
  const c = (m as { comparison?: unknown }).comparison;
  return typeof c === 'object' && c !== null ? (c as RecipeComparison) : undefined;
}
