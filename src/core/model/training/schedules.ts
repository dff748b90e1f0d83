/** Learning-rate schedules. Both are pure and step-driven, so a run replays identically from its seed. */

export interface CosineSchedule {
  kind: 'cosine';
  /** Epochs of linear warm-up from lr * warmupStart before the cosine decay starts. */
  warmupEpochs: number;
  /** The rate at the end, as a fraction of the initial rate. */
  finalFraction: number;
}

export interface PlateauSchedule {
  kind: 'plateau';
  /** Multiply the rate by this when validation loss has not improved for `patience` epochs. */
  factor: number;
  patience: number;
  minFraction: number;
}

export type LrSchedule = CosineSchedule | PlateauSchedule;

export const DEFAULT_COSINE: CosineSchedule = { kind: 'cosine', warmupEpochs: 1, finalFraction: 0.02 };
export const DEFAULT_PLATEAU: PlateauSchedule = {
  kind: 'plateau',
  factor: 0.5,
  patience: 3,
  minFraction: 0.01,
};

/**
 * Cosine decay over the whole run with a short linear warm-up; `progress` is in epochs and may be
 * fractional (the rate is updated every batch).
 */
export function cosineRate(baseLr: number, progress: number, totalEpochs: number, s: CosineSchedule): number {
  const warm = Math.min(s.warmupEpochs, Math.max(totalEpochs - 1, 0));
  if (progress < warm) return baseLr * (0.1 + 0.9 * (progress / warm));
  const span = Math.max(totalEpochs - warm, 1e-9);
  const t = Math.min(Math.max((progress - warm) / span, 0), 1);
  const floor = baseLr * s.finalFraction;
  return floor + 0.5 * (baseLr - floor) * (1 + Math.cos(Math.PI * t));
}

/** Reduce-on-plateau: call `update` once per epoch with the validation loss; `rate` is the current rate. */
export class PlateauTracker {
  private best = Infinity;
  private wait = 0;
  private current: number;

  constructor(
    private readonly baseLr: number,
    private readonly s: PlateauSchedule,
  ) {
    this.current = baseLr;
  }

  get rate(): number {
    return this.current;
  }

  update(valLoss: number): number {
    if (valLoss < this.best - 1e-4) {
      this.best = valLoss;
      this.wait = 0;
    } else if (++this.wait >= this.s.patience) {
      this.current = Math.max(this.current * this.s.factor, this.baseLr * this.s.minFraction);
      this.wait = 0;
    }
    return this.current;
  }
}

/** One object the training loop asks for the rate at each batch and tells about each epoch's validation loss. */
export interface RateController {
  rateAt(progressEpochs: number): number;
  endEpoch(valLoss: number | null): void;
}

export function createRateController(baseLr: number, totalEpochs: number, s: LrSchedule): RateController {
  if (s.kind === 'cosine') {
    return { rateAt: (p) => cosineRate(baseLr, p, totalEpochs, s), endEpoch: () => {} };
  }
  const tracker = new PlateauTracker(baseLr, s);
  return {
    rateAt: () => tracker.rate,
    endEpoch: (loss) => {
      if (loss !== null && Number.isFinite(loss)) tracker.update(loss);
    },
  };
}
