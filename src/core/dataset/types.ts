/** Row shapes of the project database as the rest of the app sees them (camelCase, parsed JSON). */

export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];

export type ClipStatus = 'ok' | 'rejected';

/** Where a clip's current label came from. */
export type LabelSource = 'manifest' | 'convention' | 'folder' | 'user';

/** Who made a label change; one user action (one relabel, one bulk relabel, one undo) is one group. */
export type LabelEventSource = 'import' | 'user' | 'bulk' | 'undo';

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

export interface RunEpoch {
  runId: number;
  fold: number;
  epoch: number;
  loss: number | null;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  valMacroF1: number | null;
  lr: number | null;
  clipsPerS: number | null;
  at: string;
}

export interface Prediction {
  runId: number;
  clipId: number;
  fold: number;
  label: string | null;
  predicted: string;
  confidence: number;
  probs: Record<string, number>;
}
