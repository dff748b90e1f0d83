/** Row shapes of the project database as the rest of the app sees them (camelCase, parsed JSON). */
import type { EpochRecord } from '../../common/contract.js';

export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];

export type ClipStatus = 'ok' | 'rejected';

/** Where a clip's current label came from. */
export type LabelSource = 'manifest' | 'convention' | 'folder' | 'user' | 'recorded';

/** Who made a label change; one user action (one relabel, one bulk relabel, one undo) is one group. */
export type LabelEventSource = 'import' | 'user' | 'bulk' | 'undo' | 'recorded' | 'segment';

export interface Clip {
  id: number;
  path: string;
  sha256: string | null;
  format: string | null;
  durationS: number | null;
  sampleRate: number | null;
  channels: number | null;
  speaker: string;
  label: string | null;
  labelSource: LabelSource | null;
  split: Split | null;
  status: ClipStatus;
  reason: string | null;
  /** Machine-readable reason of a rejection (the audio layer's error code, or 'io', 'hash-mismatch'). */
  rejectCode: string | null;
  peak: number | null;
  rms: number | null;
  clippedFraction: number | null;
  silentFraction: number | null;
  corpus: string | null;
  importedAt: string;
  updatedAt: string;
}

export interface LabelEvent {
  id: number;
  clipId: number;
  oldLabel: string | null;
  newLabel: string | null;
  source: LabelEventSource;
  groupId: string;
  at: string;
  undone: boolean;
  /** Who made the change (null for imports and changes made without an annotator name). */
  annotator: string | null;
  /** The annotator's own label after the change (null when they took theirs back). */
  annotatorLabel: string | null;
  /** A segment edit's stretches of the clip before and after (recordings-repo.ts SegmentState). */
  segment?: { before: SegmentSpanState | null; after: SegmentSpanState | null };
}

/** The part of a segment's state the history shows. */
export interface SegmentSpanState {
  startS: number;
  endS: number;
  status: 'ok' | 'removed';
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';
export type RunKind = 'train' | 'evaluate';

export interface Run {
  id: number;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  kind: RunKind;
  labels: string[];
  config: unknown;
  split: string | null;
  backend: string | null;
  modelDir: string | null;
  reportDir: string | null;
  metrics: unknown;
  datasetFingerprint: string | null;
  error: string | null;
}

/**
 * One epoch of a run as the database keeps it: the contract's EpochRecord with its run and time. Its numbers
 * are null where an engine did not report them (runDetail fills them in for the contract).
 */
export type RunEpoch = { runId: number; at: string } & Pick<EpochRecord, 'fold' | 'epoch'> & {
    [K in Exclude<keyof EpochRecord, 'fold' | 'epoch'>]: EpochRecord[K] | null;
  };

/** One scoring of a clip: what was predicted, how sure, and every label's probability. */
export interface PredictedLabel {
  predicted: string;
  confidence: number;
  probs: Record<string, number>;
}

/** A held-out clip's prediction as a new voice (its own fields) and, where scored so, as a known voice. */
export interface Prediction extends PredictedLabel {
  runId: number;
  clipId: number;
  fold: number;
  label: string | null;
  known?: PredictedLabel | null;
}
