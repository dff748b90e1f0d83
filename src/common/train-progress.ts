import type { PoolProgress, TrainProgress } from './contract.js';

/**
 * Share of the whole job done. Folds, epochs and batches count from 0 in the engine's events; with several
 * folds (loso, kfold) the engine then trains a final model on every speaker, reported as fold = folds in
 * phase 'final', so there are folds + 1 parts.
 */
export function overallFraction(p: TrainProgress): number | null {
  // Choosing a recipe runs trainings inside each fold: the engine knows how far it is.
  if (p.phase === 'choosing') return p.fraction ?? null;
  if (p.pool && p.folds > 1 && p.phase !== 'features' && p.phase !== 'report' && p.phase !== 'classic')
    return poolFraction(p, p.pool);
  if (p.phase === 'features') return null;
  if (p.phase === 'report' || p.phase === 'evaluating' || p.phase === 'classic') return null;
  const epochs = Math.max(1, p.epochs);
  const within = p.batches > 0 ? Math.min(1, (p.batch + 1) / p.batches) : 0;
  const inFold = Math.min(1, (Math.max(0, p.epoch) + within) / epochs);
  if (p.folds <= 1) return inFold;
  const parts = p.folds + 1;
  return Math.min(1, (Math.max(0, Math.min(p.fold, p.folds)) + inFold) / parts);
}

/**
 * With folds side by side, the folds done plus the running ones, each taken as far as the one this event
 * is about (they started close together and train at the same pace).
 */
function poolFraction(p: TrainProgress, pool: PoolProgress): number {
  const within = p.batches > 0 ? Math.min(1, (p.batch + 1) / p.batches) : 0;
  const inFold =
    p.phase === 'evaluating' ? 1 : Math.min(1, (Math.max(0, p.epoch) + within) / Math.max(1, p.epochs));
  return Math.min(1, (pool.done + pool.running.length * inFold) / (p.folds + 1));
}
