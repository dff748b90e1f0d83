import type { EpochRecord, PoolProgress, TrainProgress } from '../../../common/contract.js';

export { overallFraction } from '../../../common/train-progress.js';

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
  classic: 'Fitting the classic baseline',
  choosing: 'Choosing the recipe',
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
