import { UNKNOWN_SPEAKER } from '../../dataset/conventions.js';
import { RANDOM_SPLIT_WARNING } from '../../dataset/splits.js';
import type { SplitSpec } from '../config.js';

/** Training cannot run on this data as asked; the message says why in the user's terms. */
export class TrainRefusal extends Error {
  override readonly name = 'TrainRefusal';
}

/**
 * Fewer speakers than this and a speaker-independent score rests on a single held-out voice, scored by a model
 * that heard one other: a number, but no measure of how the model meets new voices.
 */
export const MIN_SPEAKERS_FOR_A_SCORE = 3;

export interface SplitDecision {
  split: SplitSpec;
  warnings: string[];
}

/**
 * Checks that `clips` can train a classifier over `labels` with `split`, and settles the split actually used
 * (a speaker split falls back to random, with a warning, when no clip has a known speaker).
 */
export function decideSplit(
  clips: ReadonlyArray<{ speaker: string; label: string }>,
  labels: readonly string[],
  split: SplitSpec,
): SplitDecision {
  const perLabel = new Map<string, number>();
  for (const c of clips)
    if (labels.includes(c.label)) perLabel.set(c.label, (perLabel.get(c.label) ?? 0) + 1);
  const present = labels.filter((l) => (perLabel.get(l) ?? 0) > 0);
  if (present.length < 2) {
    const counts = labels.map((l) => `${l} ${perLabel.get(l) ?? 0}`).join(', ');
    throw new TrainRefusal(
      `training needs clips of at least two labels of the label set (${labels.join(', ')}), but ${
        present.length === 0 ? 'none has any' : `only ${present[0]} has any`
      } (${counts}); import or label more clips, or change the label set`,
    );
  }
  const warnings: string[] = [];
  const missing = labels.filter((l) => !present.includes(l));
  if (missing.length > 0)
    warnings.push(
      `no clips labelled ${missing.join(', ')}: the model will never predict ${missing.length > 1 ? 'them' : 'it'}`,
    );
  const speakers = new Set(clips.map((c) => c.speaker));
  if (split === 'random') return { split, warnings: [...warnings, RANDOM_SPLIT_WARNING] };
  if (speakers.size === 1 && speakers.has(UNKNOWN_SPEAKER)) {
    return {
      split: 'random',
      warnings: [
        ...warnings,
        `Speakers are unknown, so a speaker-independent split is impossible. ${RANDOM_SPLIT_WARNING}`,
      ],
    };
  }
  if (speakers.size < 2) {
    throw new TrainRefusal(
      `a ${split} split needs at least two speakers, but all clips are from speaker ${[...speakers][0]}; add clips of other speakers, or ask for --split random (its scores then include the speaker's own voice)`,
    );
  }
  if (split.startsWith('kfold:')) {
    const k = Number(split.slice(6));
    if (speakers.size < k)
      throw new TrainRefusal(`${split} needs at least ${k} speakers; there are ${speakers.size}`);
  }
  // For every speaker split, the default (loso) included: this warning once came only with 'speaker'.
  if (speakers.size < MIN_SPEAKERS_FOR_A_SCORE) {
    warnings.push(
      `only ${speakers.size} speakers: each held-out score is of one voice, by a model trained on the other alone, so it says little about voices the model has never heard; add clips of more speakers for a meaningful score`,
    );
  }
  if (split === 'speaker' && speakers.size < 3) {
    warnings.push(
      `only ${speakers.size} speakers: no speaker is left for validation, so early stopping uses 15% of the training clips`,
    );
  }
  return { split, warnings };
}
