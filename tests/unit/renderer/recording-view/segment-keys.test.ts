import { describe, expect, it } from 'vitest';
import {
  segmentCommand,
  viewAround,
} from '../../../../src/renderer/screens/review/recording-view/segment-keys.js';

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

describe('segment keys', () => {
  it('maps the edit keys, leaving plain arrows and digits to the Review screen', () => {
    expect(segmentCommand(key('['))).toBe('start-here');
    expect(segmentCommand(key(']'))).toBe('end-here');
    expect(segmentCommand(key('S'))).toBe('split');
    expect(segmentCommand(key('m'))).toBe('merge-next');
    expect(segmentCommand(key('a'))).toBe('add');
    expect(segmentCommand(key('Delete'))).toBe('delete');
    expect(segmentCommand(key('ArrowRight', { shiftKey: true }))).toBe('playhead-forward');
    expect(segmentCommand(key('ArrowLeft', { shiftKey: true }))).toBe('playhead-back');
    for (const k of ['ArrowRight', 'j', '1', ' ']) expect(segmentCommand(key(k))).toBeNull();
    // Ctrl+S, Alt+M and Cmd+A belong to the browser and the app
    expect(segmentCommand(key('s', { ctrlKey: true }))).toBeNull();
    expect(segmentCommand(key('m', { altKey: true }))).toBeNull();
    expect(segmentCommand(key('a', { metaKey: true }))).toBeNull();
  });

  it('loads a segment with context either side, inside the recording', () => {
    expect(viewAround(10, 12, 100)).toEqual({ from: 4, to: 18 });
    expect(viewAround(1, 3, 5)).toEqual({ from: 0, to: 5 });
  });
});
