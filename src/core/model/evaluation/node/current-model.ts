// The one rule for which model the studio, its API, `ser evaluate` and `ser predict` use.
import fs from 'node:fs';
import path from 'node:path';
import type { Project } from '../../../dataset/node/project.js';
import type { Run } from '../../../dataset/types.js';

/** The project setting that holds the run the user chose to predict with (absent or null: none chosen). */
export const CURRENT_MODEL_SETTING = 'currentModelRunId';

/** A run's saved model folder is still on disk. */
export function hasSavedModel(run: Run): boolean {
  return run.modelDir !== null && fs.existsSync(path.join(run.modelDir, 'model.json'));
}

/**
 * A training run that finished and was scored on held-out clips, with its model still saved. A cancelled
 * run keeps its best model so far, but nothing measured how good that model is, so it is never current
 * on its own.
 */
export function isEvaluatedModel(run: Run): boolean {
  const m = run.metrics as { macro_f1?: unknown } | null;
  return (
    run.kind === 'train' &&
    run.status === 'done' &&
    typeof m === 'object' &&
    m !== null &&
    typeof m.macro_f1 === 'number' &&
    hasSavedModel(run)
  );
}

export interface CurrentModelChoice {
  run: Run;
  /** The user chose it; otherwise it is the newest evaluated run. */
  chosen: boolean;
}

/**
 * The model in use: the user's choice while that run is still an evaluated model (a deleted run or model
 * folder falls back), else the newest evaluated run; null when the project has none.
 */
export function currentModel(project: Project): CurrentModelChoice | null {
  const chosenId = project.settings.get(CURRENT_MODEL_SETTING);
  if (typeof chosenId === 'number') {
    const run = project.runs.get(chosenId);
    if (run && isEvaluatedModel(run)) return { run, chosen: true };
  }
  const latest = project.runs.list({ kind: 'train' }).find(isEvaluatedModel);
  return latest ? { run: latest, chosen: false } : null;
}

/** The model folder of the model in use: the user's choice, else the newest evaluated run. */
export function latestModelDir(project: Project): string {
  const run = currentModel(project)?.run;
  if (!run?.modelDir)
    throw new Error(
      `no evaluated model in project ${project.dir}; run \`ser train\` first (a cancelled run's model is used only with --model DIR)`,
    );
  return run.modelDir;
}

export function currentModelRunId(project: Project): number | null {
  return currentModel(project)?.run.id ?? null;
}

/** Makes a run the model in use (null: back to the newest evaluated run). Only an evaluated run may be chosen. */
export function chooseModel(project: Project, runId: number | null): CurrentModelChoice | null {
  if (runId !== null) {
    const run = project.runs.get(runId);
    if (!run) throw new Error(`no run with id ${runId}`);
    if (!isEvaluatedModel(run))
      throw new Error(
        `run ${runId} is not an evaluated model: only a finished training run with held-out scores and a saved model can be chosen`,
      );
  }
  project.settings.set(CURRENT_MODEL_SETTING, runId);
  return currentModel(project);
}
