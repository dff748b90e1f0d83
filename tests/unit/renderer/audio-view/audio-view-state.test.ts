import { describe, expect, it } from 'vitest';
import { AudioViewState } from '../../../../src/renderer/screens/review/audio-view/audio-view-state.svelte.js';
import { FakeRegions, FakeWaveSurfer, fakeClock } from './fake-wavesurfer.js';

/** The view over fake wavesurfer parts, with a 2 s clip loaded and drawn (800 px wide: 400 px/s). */
function setup() {
  const clock = fakeClock();
  const view = new AudioViewState(clock.now);
  const ws = new FakeWaveSurfer();
  const regions = new FakeRegions();
  view.attach(ws, regions);
  const show = (duration = 2) => {
    const ticket = view.begin(true);
    ws.duration = duration;
    view.decoded(ticket, duration);
    view.clip.spectrogramDrawn(ticket);
    view.clip.computeContours(ticket, null);
    return ticket;
  };
  show();
  return { view, ws, regions, show, clock };
}

describe('the audio view', () => {
  it('takes no key until the clip is shown', () => {
    const view = new AudioViewState(fakeClock().now);
    view.attach(new FakeWaveSurfer(), new FakeRegions());
    const ticket = view.begin(true);
    expect(view.command('loop')).toBe(false);
    expect(view.transport.loop).toBe(false);
    view.decoded(ticket, 2);
    view.clip.spectrogramDrawn(ticket);
    expect(view.command('zoom-in')).toBe(false);
    view.clip.computeContours(ticket, null);
    expect(view.command('loop')).toBe(true);
    expect(view.transport.loop).toBe(true);
  });

  it('opens a decoded clip whole, at the speed chosen before', () => {
    const { view, ws, show } = setup();
    view.command('faster');
    view.command('zoom-in');
    ws.rate = 1; // the next source resets the element's rate
    show(2.5);
    expect(view.clip.duration).toBe(2.5);
    expect(view.zoom.fit).toBe(320);
    expect(view.zoom.pxPerS).toBe(320);
    expect(view.zoom.view).toEqual({ start: 0, end: 2.5 });
    expect(ws.rate).toBe(1.25);
  });

  it('[ and ] mark the selection at the playhead; Shift+arrows move it, or the playhead without one', () => {
    const { view, ws, regions } = setup();
    view.transport.timeUpdate(0.5);
    view.command('selection-start');
    view.transport.timeUpdate(1);
    view.command('selection-end');
    expect(view.selection.region).toEqual({ start: 0.5, end: 1 });
    expect(regions.spans).toEqual([[0.5, 1]]);
    view.command('move-forward');
    expect(view.selection.region!.start).toBeCloseTo(0.55, 9);
    expect(ws.seeks).toEqual([]);
    expect(view.command('clear-selection')).toBe(true);
    expect(view.command('clear-selection')).toBe(false); // Escape is the screen's again
    view.command('move-back');
    expect(ws.seeks).toEqual([0.9]);
  });

  it('zoom keys step in and out and back to the fit', () => {
    const { view, ws } = setup();
    view.command('zoom-in');
    view.command('zoom-in');
    expect(view.zoom.pxPerS).toBe(1600);
    view.command('zoom-out');
    expect(view.zoom.pxPerS).toBe(800);
    view.command('zoom-fit');
    expect(view.zoom.pxPerS).toBe(400);
    expect(ws.zooms).toEqual([800, 1600, 800, 0]);
  });

  it('< and > change the speed; L loops', () => {
    const { view, ws } = setup();
    view.command('slower');
    view.command('slower');
    expect(ws.rate).toBe(0.5);
    view.command('faster');
    expect(view.transport.speed).toBe(0.75);
    view.command('loop');
    expect(view.transport.loop).toBe(true);
  });

  it('the next clip starts stopped, unselected and whole; a late answer about the last one changes nothing', () => {
    const { view, ws, regions, clock } = setup();
    const first = view.begin(true);
    view.decoded(first, 2);
    view.transport.started();
    view.transport.timeUpdate(1.5);
    view.selection.set({ start: 0.5, end: 1 });
    view.command('zoom-in');
    const second = view.begin(true);
    expect(view.transport.playing).toBe(false);
    expect(view.transport.position).toBe(0);
    expect(view.selection.region).toBeNull();
    expect(regions.spans).toEqual([]);
    expect(view.zoom.pxPerS).toBe(0);
    expect(ws.options.minPxPerSec).toBe(0);
    expect(view.decoded(first, 9)).toBe(false);
    expect(view.clip.duration).toBe(2);
    clock.t += 40;
    view.decoded(second, 3);
    view.clip.spectrogramDrawn(second);
    view.clip.computeContours(second, null);
    expect(view.clip.ready).toBe(true);
    expect(view.clip.shownMs).toBe(40);
  });

  it('no clip: empty, and the zoom left alone', () => {
    const { view } = setup();
    view.command('zoom-in');
    view.begin(false);
    expect(view.clip.phase).toBe('empty');
    expect(view.zoom.pxPerS).toBe(800);
  });
});
