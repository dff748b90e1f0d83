/** What an epoch's validation gave, as early stopping sees it. */
export interface ValidationScore {
  macroF1: number;
  loss: number;
}

/**
 * - 'loss': the lowest validation cross-entropy. Smooth, so on a validation set of a few dozen clips it picks
 *   a genuinely good epoch rather than one that happened to get two more clips right.
 * - 'f1': the highest macro F1, ties broken by the lower loss.
 */
export type StopMonitor = 'loss' | 'f1';

/**
 * Early stopping on validation speakers: remembers the best epoch by `monitor` and says to stop after
 * `patience` epochs without a better one.
 */
export class EarlyStopping {
  private bestScore: ValidationScore | null = null;
  private bestEpochIndex = -1;
  private sinceBest = 0;

  constructor(
    readonly patience: number,
    /** Epochs before which stopping is never decided (the rate is still warming up). */
    readonly minEpochs = 0,
    readonly monitor: StopMonitor = 'loss',
  ) {}

  /** Records an epoch's score; true if it is the best so far (the caller snapshots the weights). */
  update(epoch: number, score: ValidationScore): boolean {
    if (this.isBetter(score)) {
      this.bestScore = score;
      this.bestEpochIndex = epoch;
      this.sinceBest = 0;
      return true;
    }
    this.sinceBest++;
    return false;
  }

  shouldStop(epoch: number): boolean {
    return epoch + 1 >= this.minEpochs && this.sinceBest >= this.patience;
  }

  get best(): { epoch: number; score: ValidationScore } | null {
    return this.bestScore ? { epoch: this.bestEpochIndex, score: this.bestScore } : null;
  }

  private isBetter(s: ValidationScore): boolean {
    const b = this.bestScore;
    if (!b) return Number.isFinite(s.loss) || Number.isFinite(s.macroF1);
    if (this.monitor === 'loss') return s.loss < b.loss - 1e-9;
    if (s.macroF1 > b.macroF1 + 1e-9) return true;
    return Math.abs(s.macroF1 - b.macroF1) <= 1e-9 && s.loss < b.loss - 1e-9;
  }
}
