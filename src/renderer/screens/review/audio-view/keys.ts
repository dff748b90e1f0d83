/** What a key does in the audio view (the Review screen asks the view before its own keys). */
export type AudioViewCommand =
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'loop'
  | 'slower'
  | 'faster'
  | 'selection-start'
  | 'selection-end'
  | 'move-back'
  | 'move-forward'
  | 'clear-selection';

type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

// Audacity's and media players' habits where they have one: + - zoom, [ ] mark, < > speed (with the
// unshifted , . for layouts where < and > need Shift).
const KEYS: Record<string, AudioViewCommand> = {
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
  _: 'zoom-out',
  '0': 'zoom-fit',
  l: 'loop',
  L: 'loop',
  '<': 'slower',
  ',': 'slower',
  '>': 'faster',
  '.': 'faster',
  '[': 'selection-start',
  ']': 'selection-end',
  Escape: 'clear-selection',
};

/** The command for a key press, or null (then the screen's own keys apply). */
export function audioViewCommand(e: KeyLike): AudioViewCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.shiftKey && e.key === 'ArrowLeft') return 'move-back';
  if (e.shiftKey && e.key === 'ArrowRight') return 'move-forward';
  return KEYS[e.key] ?? null;
}
