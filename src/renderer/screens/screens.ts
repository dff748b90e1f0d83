import type { Component } from 'svelte';
import { importing } from '../lib/state/importing.svelte.js';
import { training } from '../lib/state/training.svelte.js';
import AgreementScreen from './agreement/AgreementScreen.svelte';
import ClipsScreen from './clips/ClipsScreen.svelte';
import EvaluateScreen from './evaluate/EvaluateScreen.svelte';
import PredictScreen from './predict/PredictScreen.svelte';
import RecordScreen from './record/RecordScreen.svelte';
import ReviewScreen from './review/ReviewScreen.svelte';
import TrainScreen from './train/TrainScreen.svelte';
import { SCREEN_IDS, type ScreenId } from './screen-ids.js';

/**
 * The app's screens: the one place a screen is registered besides its id in SCREEN_IDS (whose order the
 * sidebar, App's main view and Alt+1…Alt+9 follow). `activity` names work in progress that the sidebar marks
 * with a dot (also its accessible name), or null.
 */
const REGISTRY: Record<ScreenId, Omit<ScreenEntry, 'id' | 'shortcut'>> = {
  clips: {
    title: 'Clips',
    component: ClipsScreen,
    activity: () => (importing.busy ? 'import running' : null),
  },
  review: { title: 'Review', component: ReviewScreen },
  train: {
    title: 'Train',
    component: TrainScreen,
    activity: () => (training.running ? 'training running' : null),
  },
  evaluate: { title: 'Evaluate', component: EvaluateScreen },
  predict: { title: 'Predict', component: PredictScreen },
  agreement: { title: 'Agreement', component: AgreementScreen },
  record: { title: 'Record', component: RecordScreen },
};

export type { ScreenId };

export interface ScreenEntry {
  id: ScreenId;
  title: string;
  component: Component;
  /** As aria-keyshortcuts spells it ("Alt+1"), and as the sidebar shows it ("Alt 1"). */
  shortcut: { keys: string; label: string; code: string } | null;
  activity?: () => string | null;
}

/** Alt+digit exists for 1-9 only: a tenth screen gets none (the sidebar still lists it). */
const MAX_SHORTCUTS = 9;

export const SCREENS: readonly ScreenEntry[] = SCREEN_IDS.map((id, i) => ({
  id,
  ...REGISTRY[id],
  shortcut: i < MAX_SHORTCUTS ? { keys: `Alt+${i + 1}`, label: `Alt ${i + 1}`, code: `Digit${i + 1}` } : null,
}));

export function screenOf(id: ScreenId): ScreenEntry {
  return SCREENS.find((s) => s.id === id) ?? SCREENS[0];
}

/** The screen an Alt+digit key press goes to, or null when the press is not one of those shortcuts. */
export function screenForKey(
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code'>,
): ScreenEntry | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  return SCREENS.find((s) => s.shortcut?.code === e.code) ?? null;
}
