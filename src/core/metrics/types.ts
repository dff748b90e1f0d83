/** The metrics' shapes. The scores are defined once, as the contract's RunMetrics; Metrics is derived from it. */
import type { RunMetrics } from '../../common/contract.js';

export type { ClassScores } from '../../common/contract.js';

/** One held-out prediction, as the learning engine hands it over. */
export interface PredictionRow {
  file: string;
  clipId?: number;
  speaker: string;
  label: string;
  predicted: string;
  confidence: number;
  /** Class probabilities in the order of the run's label set. */
  probs: number[];
  fold?: number;
}

/** One speaker's share of correct predictions, over that speaker's clips. */
export type SpeakerScore = RunMetrics['per_speaker'][string];

/** A run's held-out scores, as the contract carries them, without the recipe comparison added beside them. */
export type Metrics = Omit<RunMetrics, 'comparison'>;
