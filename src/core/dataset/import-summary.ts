import type { ImportSummary } from '../../common/contract.js';

// The summary's shape is part of the contract: the CLI, the studio and `--json` all show the same thing.
export type { ImportSummary };

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
