import type { TrainProgress } from '../../../common/contract.js';

/**
 * Share of the whole job done. Folds, epochs and batches count from 0 in the engine's events; with several
 * folds (loso, kfold) the engine then trains a final model on every speaker, reported as fold = folds in
 * phase 'final', so there are folds + 1 parts.
 */
export function overallFraction(p: TrainProgress): number | null {
  if (p.phase === 'features') return null;
  if (p.phase === 'report' || p.phase === 'evaluating') return null;
  const epochs = Math.max(1, p.epochs);
  const within = p.batches > 0 ? Math.min(1, (p.batch + 1) / p.batches) : 0;
  const inFold = Math.min(1, (Math.max(0, p.epoch) + within) / epochs);
  if (p.folds <= 1) return inFold;
  const parts = p.folds + 1;
  return Math.min(1, (Math.max(0, Math.min(p.fold, p.folds)) + inFold) / parts);
}

/** "fold 3 of 10" (counting from 1 for people), or the final model. */
export function foldText(p: TrainProgress): string {
  if (p.phase === 'final') return 'final model on all speakers';
  return p.folds > 1 ? `fold ${p.fold + 1} of ${p.folds}` : '';
}

/** "epoch 3 of 30 · batch 5 of 12", counting from 1 for people. */
export function stepText(p: TrainProgress): string {
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
