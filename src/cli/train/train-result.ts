// What `ser train` prints on stdout when the run ends: the run's scores as lines, or as JSON with --json.
import type { TrainProjectResult } from '../../core/model/training/node/train-project.js';
import type { RecipeComparison } from '../../common/contract.js';
import { comparisonLines } from '../comparison-lines.js';
import { confusionLines } from '../confusion-table.js';
import { voiceScoreLines } from '../voice-score-lines.js';
import { duration } from './train-display.js';

const clipsPerSecond = (r: TrainProjectResult): number =>
  r.experiment.clipsSeen / Math.max(r.experiment.trainSeconds, 1e-9);

export function trainResultJson(result: TrainProjectResult, comparison: RecipeComparison | null): string {
  const { experiment } = result;
  const metrics = result.recipe.metrics;
  return JSON.stringify({
    runId: result.runId,
    status: result.status,
    backend: result.backend.detail,
    split: experiment.split,
    folds: experiment.folds,
    labels: result.config.labels,
    accuracy: metrics?.accuracy ?? null,
    macro_f1: metrics?.macro_f1 ?? null,
    uar: metrics?.uar ?? null,
    confusion: metrics?.confusion ?? null,
    clips: metrics?.clips ?? 0,
    scoredAs: 'new voice',
    voice: result.recipe.voice,
    modelDir: result.modelDir,
    reportDir: result.reportDir,
    trainSeconds: experiment.trainSeconds,
    clipsPerS: clipsPerSecond(result),
    warnings: [...experiment.warnings, ...result.recipe.warnings],
    comparison,
  });
}

export function trainResultLines(result: TrainProjectResult, comparison: RecipeComparison | null): string[] {
  const { experiment } = result;
  const metrics = result.recipe.metrics;
  const lines = [
    `run ${result.runId} ${result.status} on ${result.backend.detail} in ${duration(experiment.trainSeconds)} (${Math.round(clipsPerSecond(result))} clips/s)`,
  ];
  if (metrics) {
    const pooled = experiment.folds > 1 ? `, ${experiment.folds} folds pooled` : '';
    lines.push(
      `held-out, a new voice (${experiment.split}${pooled}, ${metrics.clips} clips, ${metrics.speakers} speakers): accuracy ${metrics.accuracy.toFixed(3)}, macro F1 ${metrics.macro_f1.toFixed(3)}, UAR ${metrics.uar.toFixed(3)}`,
    );
    lines.push(...confusionLines(metrics.labels, metrics.confusion));
    if (result.recipe.voice) lines.push(...voiceScoreLines(result.recipe.voice));
    if (comparison) lines.push(...comparisonLines(comparison));
  }
  for (const warning of [...experiment.warnings, ...result.recipe.warnings])
    lines.push(`warning: ${warning}`);
  lines.push(
    `model:  ${result.modelDir ?? '(none)'}`,
    `report: ${result.reportDir ? `${result.reportDir}/report.html` : '(none)'}`,
  );
  return lines;
}
