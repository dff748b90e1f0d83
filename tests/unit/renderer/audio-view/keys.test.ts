import { describe, expect, it } from 'vitest';
import { audioViewCommand } from '../../../../src/renderer/screens/review/audio-view/keys.js';

const key = (
  k: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('audio view keys', () => {
  it('maps the documented keys', () => {
    expect(audioViewCommand(key('+', { shiftKey: true }))).toBe('zoom-in');
    expect(audioViewCommand(key('='))).toBe('zoom-in');
    expect(audioViewCommand(key('-'))).toBe('zoom-out');
    expect(audioViewCommand(key('0'))).toBe('zoom-fit');
    expect(audioViewCommand(key('l'))).toBe('loop');
    expect(audioViewCommand(key('L', { shiftKey: true }))).toBe('loop');
    expect(audioViewCommand(key('<', { shiftKey: true }))).toBe('slower');
    expect(audioViewCommand(key('>', { shiftKey: true }))).toBe('faster');
    expect(audioViewCommand(key('['))).toBe('selection-start');
    expect(audioViewCommand(key(']'))).toBe('selection-end');
    expect(audioViewCommand(key('ArrowLeft', { shiftKey: true }))).toBe('move-back');
    expect(audioViewCommand(key('ArrowRight', { shiftKey: true }))).toBe('move-forward');
    expect(audioViewCommand(key('Escape'))).toBe('clear-selection');
  });

  it("leaves the screen's keys and modified keys alone", () => {
    // plain arrows move between clips, digits label, Space plays: the Review screen's
    for (const k of ['ArrowLeft', 'ArrowRight', '1', ' ', 'j', 'k'])
      expect(audioViewCommand(key(k))).toBeNull();
    // Ctrl+Z is undo, Ctrl+- the browser's zoom, Alt+digits the screens
    expect(audioViewCommand(key('z', { ctrlKey: true }))).toBeNull();
    expect(audioViewCommand(key('-', { ctrlKey: true }))).toBeNull();
    expect(audioViewCommand(key('0', { altKey: true }))).toBeNull();
  });
});
