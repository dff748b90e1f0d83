import type { EpochRecord, TrainProgress } from '../../../common/contract.js';
import { TypedEmitter } from '../../util/emitter.js';

/** What a training run tells its watchers (the CLI display, the app's Train screen, the run's database rows). */
export interface TrainEvents {
  progress: TrainProgress;
  epoch: EpochRecord;
  /** A line worth showing: a warning, the backend in use, a fold's result. */
  message: { level: 'info' | 'warn'; text: string };
}

export class TrainEmitter extends TypedEmitter<TrainEvents> {}

/** A progress event's numbers before any batch of the CNN has run (a run's start, the classic model's fits). */
export const NO_BATCH_NUMBERS = {
  epoch: 0,
  batch: 0,
  batches: 0,
  loss: null,
  accuracy: null,
  valLoss: null,
  valAccuracy: null,
  valMacroF1: null,
  lr: null,
  clipsPerS: null,
} as const satisfies Partial<TrainProgress>;
