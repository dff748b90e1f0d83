import type { EpochRecord, PoolProgress, TrainProgress } from '../../../common/contract.js';

/**
 * Share of the whole job done. Folds, epochs and batches count from 0 in the engine's events; with several
 * folds (loso, kfold) the engine then trains a final model on every speaker, reported as fold = folds in
 * phase 'final', so there are folds + 1 parts.
 */
export function overallFraction(p: TrainProgress): number | null {
  if (p.pool && p.folds > 1 && p.phase !== 'features' && p.phase !== 'report') return poolFraction(p, p.pool);
  if (p.phase === 'features') return null;
  if (p.phase === 'report' || p.phase === 'evaluating') return null;
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

/** "fold 3 of 10" (counting from 1 for people), or the final model; with a pool, every fold training now. */
export function foldText(p: TrainProgress): string {
  if (p.pool && p.folds > 1) return poolText(p.pool, p.folds);
  if (p.phase === 'final') return 'final model on all speakers';
  return p.folds > 1 ? `fold ${p.fold + 1} of ${p.folds}` : '';
}

/** "folds 3, 4 and the final model of 10 at once · 2 done · 5 waiting". */
export function poolText(pool: PoolProgress, folds: number): string {
  const names = pool.running.map((f) => (f >= folds ? 'the final model' : String(f + 1)));
  const numbers = names.filter((n) => n !== 'the final model');
  const final = names.length > numbers.length;
  const running =
    names.length === 0
      ? 'starting'
      : `${numbers.length > 0 ? `fold${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')}${final ? ' and ' : ''}` : ''}${final ? 'the final model' : ''} of ${folds} at once`;
  return `${running} · ${pool.done} done · ${pool.queued} waiting`;
}

/** "epoch 3 of 30 · batch 5 of 12", counting from 1 for people (not with a pool: its folds each have their own). */
export function stepText(p: TrainProgress): string {
  if (p.pool && p.folds > 1) return '';
  if (p.phase !== 'training' && p.phase !== 'final') return '';
  const batch = p.batches > 0 ? ` · batch ${Math.min(p.batch + 1, p.batches)} of ${p.batches}` : '';
  return `epoch ${Math.min(p.epoch + 1, p.epochs)} of ${p.epochs}${batch}`;
}

export const PHASE_TEXT: Record<TrainProgress['phase'], string> = {
  features: 'Computing features',
  training: 'Training',
  evaluating: 'Evaluating',
  final: 'Training',
  report: 'Writing the report',
};

/**
 * The fold whose curves are shown: the latest epoch's; with folds side by side, the lowest one still
 * training that has finished an epoch, so the chart follows one fold to its end instead of flipping
 * between folds at every epoch.
 */
export function shownFold(epochs: readonly EpochRecord[], p: TrainProgress | null): number | null {
  if (epochs.length === 0) return null;
  const latest = epochs[epochs.length - 1].fold;
  if (!p?.pool) return latest;
  const running = p.pool.running.filter((f) => epochs.some((e) => e.fold === f));
  return running.length > 0 ? Math.min(...running) : latest;
}
