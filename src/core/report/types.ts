import type { AgreementReport, RecipeComparison, VoiceScores } from '../../common/contract.js';
import type { Metrics, PredictionRow } from '../metrics/index.js';

export interface EpochPoint {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss?: number;
  val_accuracy?: number;
  val_macro_f1?: number;
  lr: number;
}

export interface FoldCurves {
  fold: number | 'final';
  epochs: EpochPoint[];
}

export interface DatasetSummary {
  name?: string;
  clips: number;
  speakers: number;
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
  fingerprint?: string;
}

export interface ReportInput {
  title?: string;
  labels: string[];
  /** Held-out predictions of a new voice: each clip scored alone. */
  predictions: PredictionRow[];
  /** The same clips with their voice known, and both scores with the curve between (absent: not measured). */
  known?: { predictions: PredictionRow[]; voice: VoiceScores };
  /** 'loso' | 'kfold:5' | 'speaker' | 'random' ... */
  split: string;
  folds: number;
  /** e.g. 'wasm (SIMD, 1 thread)' */
  backend: string;
  curves: FoldCurves[];
  /** Training and feature config, shown as a table. */
  config: Record<string, unknown>;
  dataset: DatasetSummary;
  /** ISO 8601 */
  createdAt: string;
  /** e.g. the speaker-leakage warning of a random split */
  warnings?: string[];
  /** The CNN, the classic baseline and their fusion on the same folds (and auto's choices). */
  comparison?: RecipeComparison;
  /** How far the project's annotators agree; a section of its own when two or more labelled the same clips. */
  agreement?: AgreementReport;
}

export interface ReportFiles {
  dir: string;
  html: string;
  svg: string;
  png: string;
  metricsJson: string;
  predictionsCsv: string;
}

export type ReportResult = ReportFiles & {
  metrics: Metrics;
  /** The known-voice metrics, where the clips were scored that way. */
  knownMetrics: Metrics | null;
  warnings: string[];
};
