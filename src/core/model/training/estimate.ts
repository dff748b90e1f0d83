import type { TrainEstimate } from '../../../common/contract.js';
import type { TrainConfig } from '../config.js';
import { trainingPlanOf } from './folds.js';
import { innerSplitFor } from '../recipe/auto-rule.js';
import { skewWarning, speakerLabelSkew } from '../../voice/index.js';

/** A run's measured pace, kept per project so the next estimate uses this machine's own speed. */
export interface TrainingPace {
  /** Clip-epochs per second of one network (clips seen times ensemble members over training seconds). */
  clipsPerS: number;
  /** The trainings that ran side by side when it was measured. */
  jobs: number;
  backend: string;
  runId: number;
  measuredAt: string;
}

/**
 * The pace assumed until this project has run a training on this machine: clip-epochs per second of one
 * default network on the wasm backend, kept below the 330 clips/s of a bare batch-32 training step on a
 * 2-core VM (96 ms), since a run also makes batches, validates and predicts its held-out speakers.
 */
export const TYPICAL_CLIPS_PER_S = 200;
/**
 * Speed-up of each training beyond the first that runs side by side (two jobs on two cores measured
 * 1.65x one at a time): trainings share memory bandwidth and the batch workers' cores.
 */
export const EXTRA_JOB_SPEEDUP = 0.65;

export type EstimateConfig = Pick<
  TrainConfig,
  'labels' | 'split' | 'seed' | 'foldValidation' | 'valFraction' | 'epochs' | 'members' | 'recipe'
> &
  Partial<Pick<TrainConfig, 'speakerNorm'>>;

/**
 * The work a run will do before it starts: its trainings, those 'auto' adds inside every fold to choose the
 * recipe, and their clip-epochs if every training runs all its epochs (early stopping only shortens it);
 * the seconds at the given pace, with `jobs` trainings side by side.
 */
export function estimateTraining(
  clips: ReadonlyArray<{ speaker: string; label: string }>,
  config: EstimateConfig,
  jobs: number,
  pace: TrainingPace | null,
): TrainEstimate {
  const { decision, plan } = trainingPlanOf(clips, config);
  let clipEpochs = 0;
  for (const fold of plan) clipEpochs += fold.train.length;
  let innerTrainings = 0;
  if (config.recipe === 'auto') {
    for (const fold of plan) {
      if (fold.fold === 'final') continue;
      const training = [...fold.train, ...fold.val];
      const split = innerSplitFor(new Set(training.map((i) => clips[i].speaker)).size);
      if (split === null) continue;
      const k = Number(split.slice('kfold:'.length));
      innerTrainings += k;
      // Over k speaker-grouped folds every training clip trains k - 1 times.
      clipEpochs += (k - 1) * training.length;
    }
  }
  clipEpochs *= config.epochs;
  const trainings = plan.length;
  const side = Math.max(1, Math.min(jobs, trainings));
  const speed = (pace?.clipsPerS ?? TYPICAL_CLIPS_PER_S) / config.members;
  const seconds = clipEpochs / (speed * parallelSpeedup(side));
  return {
    split: decision.split,
    trainings,
    innerTrainings,
    clipEpochs,
    jobs: side,
    clipsPerS: Math.round(speed * config.members),
    seconds: Math.round(seconds),
    pace: pace ? 'measured' : 'typical',
    paceNote: pace
      ? `this machine's pace in run ${pace.runId} (${pace.backend})`
      : 'a typical pace (no training has run in this project yet)',
    warnings: labelWarnings(clips, config),
  };
}

/** What the labels alone say of the run: speakers who each show one or two emotions make a confound. */
function labelWarnings(
  clips: ReadonlyArray<{ speaker: string; label: string }>,
  config: Pick<EstimateConfig, 'labels' | 'speakerNorm'>,
): string[] {
  const skew = speakerLabelSkew(
    clips.map((c) => c.speaker),
    clips.map((c) => config.labels.indexOf(c.label)),
    config.labels.length,
  );
  return skew.confounded && config.speakerNorm !== 'none' ? [skewWarning(skew)] : [];
}

/** How much faster `jobs` trainings side by side finish than one at a time. */
export function parallelSpeedup(jobs: number): number {
  return 1 + EXTRA_JOB_SPEEDUP * (Math.max(1, jobs) - 1);
}

/** A finished run's pace: its clips seen per second of one network, undoing the side-by-side speed-up. */
export function paceOf(run: {
  clipsSeen: number;
  trainSeconds: number;
  members: number;
  jobs: number;
}): number | null {
  if (run.trainSeconds <= 0 || run.clipsSeen <= 0) return null;
  return (run.clipsSeen * run.members) / run.trainSeconds / parallelSpeedup(run.jobs);
}

/** The project setting that keeps the newest run's pace. */
export const PACE_SETTING = 'training-pace';

/** A stored pace, or null where there is none or it is not one (an older or hand-edited setting). */
export function readPace(value: unknown): TrainingPace | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<TrainingPace>;
  const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (!positive(v.clipsPerS) || !positive(v.jobs) || !positive(v.runId)) return null;
  if (typeof v.backend !== 'string' || typeof v.measuredAt !== 'string') return null;
  return {
    clipsPerS: v.clipsPerS,
    jobs: v.jobs,
    backend: v.backend,
    runId: v.runId,
    measuredAt: v.measuredAt,
  };
}
