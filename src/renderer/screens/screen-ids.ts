/**
 * The screens' ids in sidebar order (Alt+1…Alt+9 follow it). Apart from the registry in screens.ts, which
 * holds their components, so that app state can name a screen without importing every screen.
 */
export const SCREEN_IDS = ['clips', 'review', 'train', 'evaluate', 'predict', 'record', 'agreement'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];
