import { describe, expect, it } from 'vitest';
import { SelectionState } from '../../../../src/renderer/screens/review/audio-view/selection.svelte.js';
import { FakeRegions } from './fake-wavesurfer.js';

/** A selection over a 2 s clip, drawn by a fake regions plugin. */
function setup() {
  const regions = new FakeRegions();
  const selection = new SelectionState({ duration: 2 });
  selection.attach(regions);
  return { selection, regions };
}

describe('the audio view’s selection', () => {
  it('is one region in the plugin, moved in place rather than drawn again', () => {
    const { selection, regions } = setup();
    selection.set({ start: 0.5, end: 1 });
    expect(regions.spans).toEqual([[0.5, 1]]);
    const drawn = regions.regions[0];
    selection.set({ start: 0.6, end: 1.1 });
    expect(regions.regions).toEqual([drawn]);
    expect(regions.spans).toEqual([[0.6, 1.1]]);
    selection.set(null);
    expect(regions.spans).toEqual([]);
    expect(selection.region).toBeNull();
  });

  it('a region dragged with the mouse replaces the one before, clamped to the clip', () => {
    const { selection, regions } = setup();
    selection.set({ start: 0.2, end: 0.4 });
    const dragged = regions.drag(1.5, 2.4);
    selection.dragged(dragged);
    expect(regions.regions).toEqual([dragged]);
    expect(selection.region).toEqual({ start: 1.5, end: 2 });
  });

  it('a drag too short to play is a click: no selection', () => {
    const { selection, regions } = setup();
    selection.set({ start: 0.2, end: 0.4 });
    selection.dragged(regions.drag(1, 1.01));
    expect(selection.region).toBeNull();
    expect(regions.spans).toEqual([]);
  });

  it('[ and ] set an edge at the playhead, keeping the other where it still fits', () => {
    const { selection, regions } = setup();
    selection.setEdge('start', 0.5); // no selection yet: to the clip's end
    expect(selection.region).toEqual({ start: 0.5, end: 2 });
    selection.setEdge('end', 1.2);
    expect(selection.region).toEqual({ start: 0.5, end: 1.2 });
    selection.setEdge('start', 1.5); // past the end: the end goes to the clip's end
    expect(selection.region).toEqual({ start: 1.5, end: 2 });
    expect(regions.spans).toEqual([[1.5, 2]]);
  });

  it('moves by a tenth of its length, stopped at the clip’s edges', () => {
    const { selection } = setup();
    selection.set({ start: 1, end: 1.5 });
    selection.move(1);
    expect(selection.region!.start).toBeCloseTo(1.05, 9);
    expect(selection.region!.end).toBeCloseTo(1.55, 9);
    for (let i = 0; i < 20; i++) selection.move(1);
    expect(selection.region!.end).toBeCloseTo(2, 9);
    for (let i = 0; i < 40; i++) selection.move(-1);
    expect(selection.region!.start).toBe(0);
  });

  it('Escape clears it, and is not the view’s to take when there is none', () => {
    const { selection, regions } = setup();
    expect(selection.clear()).toBe(false);
    selection.set({ start: 0.2, end: 0.4 });
    expect(selection.clear()).toBe(true);
    expect(selection.region).toBeNull();
    expect(regions.spans).toEqual([]);
  });

  it('a new clip has none', () => {
    const { selection, regions } = setup();
    selection.set({ start: 0.2, end: 0.4 });
    selection.reset();
    expect(selection.region).toBeNull();
    expect(regions.spans).toEqual([]);
  });
});
