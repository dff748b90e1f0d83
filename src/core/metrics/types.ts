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

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface SpeakerScore {
  accuracy: number;
  clips: number;
}

export interface Metrics {
  accuracy: number;
  macro_f1: number;
  uar: number;
  labels: string[];
  per_class: Record<string, ClassScores>;
  /** Rows are true labels, columns predicted labels, both in `labels` order. */
  confusion: number[][];
  /** Row fractions (0..1); a row with no support is all 0. */
  confusion_normalised: number[][];
  per_speaker: Record<string, SpeakerScore>;
  clips: number;
  speakers: number;
}
