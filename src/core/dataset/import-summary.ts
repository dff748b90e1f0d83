/** What one import did, for the CLI's table, the UI's dialog and `--json`. */
export interface ImportSummary {
  source: string;
  /** Files looked at (audio files found, plus files a manifest lists). */
  scanned: number;
  /** New clips (including previously rejected files that now decode). */
  added: number;
  /** Known clips found again at a new path (their old path no longer exists). */
  moved: number;
  /** Known clips at the path they were imported from. */
  unchanged: number;
  /** Known clips whose content, label or split this import changed (the file or the manifest was edited). */
  updated: number;
  /** Files whose content is already in the project at another path that still exists; not added twice. */
  duplicates: number;
  rejected: Array<{ path: string; reason: string; code: string }>;
  /** Good clips of this source by label ('unlabelled' for none), new or already known. */
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
  /** Total duration of the good clips of this source, in seconds. */
  durationS: number;
  elapsedS: number;
  /** True when the import was stopped by its AbortSignal; what was done so far is kept. */
  cancelled: boolean;
}

export const UNLABELLED_KEY = 'unlabelled';

export function emptySummary(source: string): ImportSummary {
  return {
    source,
    scanned: 0,
    added: 0,
    moved: 0,
    unchanged: 0,
    updated: 0,
    duplicates: 0,
    rejected: [],
    perLabel: {},
    perSpeaker: {},
    durationS: 0,
    elapsedS: 0,
    cancelled: false,
  };
}
