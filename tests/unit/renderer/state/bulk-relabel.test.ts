import { describe, expect, it } from 'vitest';
import { bulkRelabel } from '../../../../src/renderer/lib/state/bulk-relabel.svelte.js';

describe('a label key on a multi-selection', () => {
  it('relabels one clip at once, and waits for a confirmation that counts several', () => {
    expect(bulkRelabel.ask('sad', 1)).toBe(true);
    expect(bulkRelabel.pending).toBeNull();
    expect(bulkRelabel.ask('sad', 12)).toBe(false);
    expect(bulkRelabel.pending).toEqual({ label: 'sad', count: 12 });
    expect(bulkRelabel.confirm()).toBe('sad');
    expect(bulkRelabel.pending).toBeNull();
    // nothing waiting: nothing to confirm
    expect(bulkRelabel.confirm()).toBeUndefined();
  });

  it('a cancelled one is forgotten, and unlabelling counts as a label', () => {
    expect(bulkRelabel.ask(null, 3)).toBe(false);
    expect(bulkRelabel.pending).toEqual({ label: null, count: 3 });
    bulkRelabel.cancel();
    expect(bulkRelabel.confirm()).toBeUndefined();
    expect(bulkRelabel.ask(null, 3)).toBe(false);
    expect(bulkRelabel.confirm()).toBeNull();
  });
});
