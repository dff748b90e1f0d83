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
