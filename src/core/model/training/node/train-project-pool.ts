// The training pool of a project's run: how big, started while the features load, and ready or not.
import { estimateBankFrames } from '../../node/clip-features.js';
import { modelSpecOf } from '../../config.js';
import { planPool } from './pool-size.js';
import { TrainingPool } from './train-pool.js';
import type { TrainRun } from './train-project-run.js';

/** How many trainings a split makes: one per fold plus the final model for loso and kfold, else one. */
export function trainingsOf(split: string, clips: ReadonlyArray<{ speaker: string }>): number {
  const speakers = new Set(clips.map((c) => c.speaker)).size;
  if (split === 'loso') return speakers + 1;
  const k = /^kfold:(\d+)$/.exec(split);
  return k ? Math.min(Number(k[1]), speakers) + 1 : 1;
}

/**
 * Sizes the pool for the run's trainings (see planPool) and starts its workers, which load tfjs and set up
 * their backend while the features load; null when the trainings run one at a time on this thread.
 */
export function startPool(run: TrainRun, trainings: number): Promise<TrainingPool | Error> | null {
  const { config, opts } = run;
  const poolPlan = planPool({
    requested: opts.jobs,
    trainings,
    backend: run.backend.name,
    spec: modelSpecOf(config, config.featureConfig.nMels, config.labels.length, config.seed),
    batchSize: config.batchSize,
    sharedBytes: estimateBankFrames(run.clips, config.featureConfig) * config.featureConfig.nMels * 4,
  });
  // A run of a single training (a speaker or random split) has no pool to speak of.
  if (trainings > 1) opts.events?.emit('message', { level: 'info', text: `pool: ${poolPlan.note}` });
  return poolPlan.jobs > 1
    ? TrainingPool.start(poolPlan.jobs, { backend: run.backend.name, batches: opts.batches }).catch(
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      )
    : null;
}

/** The started pool, or null (saying why when it failed to start: the folds then train one at a time). */
export function poolOf(run: TrainRun, started: TrainingPool | Error | null): TrainingPool | null {
  if (started instanceof Error)
    run.opts.events?.emit('message', {
      level: 'warn',
      text: `training pool unavailable (${started.message}); training one fold at a time`,
    });
  return started instanceof TrainingPool ? started : null;
}
