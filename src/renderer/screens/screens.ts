import type { Component } from 'svelte';
import { importing } from '../lib/state/importing.svelte.js';
import { training } from '../lib/state/training.svelte.js';
import ClipsScreen from './clips/ClipsScreen.svelte';
import EvaluateScreen from './evaluate/EvaluateScreen.svelte';
import PredictScreen from './predict/PredictScreen.svelte';
import ReviewScreen from './review/ReviewScreen.svelte';
import TrainScreen from './train/TrainScreen.svelte';

/**
 * The app's screens, in sidebar order: the one place a screen is registered. The sidebar lists them, App
 * renders the current one, and Alt+1…Alt+9 follow this order. `activity` names work in progress that the
 * sidebar marks with a dot (also its accessible name), or null.
 */
const LIST = [
  {
    id: 'clips',
    title: 'Clips',
    component: ClipsScreen,
    activity: () => (importing.busy ? 'import running' : null),
  },
  { id: 'review', title: 'Review', component: ReviewScreen },
  {
    id: 'train',
    title: 'Train',
    component: TrainScreen,
    activity: () => (training.running ? 'training running' : null),
  },
  { id: 'evaluate', title: 'Evaluate', component: EvaluateScreen },
  { id: 'predict', title: 'Predict', component: PredictScreen },
] as const;

export type ScreenId = (typeof LIST)[number]['id'];

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

export const SCREENS: readonly ScreenEntry[] = LIST.map((s, i) => ({
  ...s,
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
