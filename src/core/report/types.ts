import type { AgreementReport, RecipeComparison } from '../../common/contract.js';
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
  predictions: PredictionRow[];
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

export type ReportResult = ReportFiles & { metrics: Metrics; warnings: string[] };
