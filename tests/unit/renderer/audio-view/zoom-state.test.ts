import { describe, expect, it } from 'vitest';
import { ZoomState } from '../../../../src/renderer/screens/review/audio-view/zoom-state.svelte.js';
import { MAX_PX_PER_S } from '../../../../src/renderer/screens/review/audio-view/zoom.js';
import { FakeWaveSurfer } from './fake-wavesurfer.js';

/** A zoom over an 800 px view of a 2 s clip (the fit: 400 px/s), decoded and ready. */
function setup(duration = 2) {
  const clip = { duration, ready: true };
  const surface = new FakeWaveSurfer();
  surface.duration = duration;
  const zoom = new ZoomState(clip);
  zoom.attach(surface);
  zoom.fitClip();
  return { zoom, surface, clip };
}

describe('the audio view’s zoom', () => {
  it('opens a clip whole: the fit, all of it in view, zoom out unavailable', () => {
    const { zoom } = setup();
    expect(zoom.fit).toBe(400);
    expect(zoom.pxPerS).toBe(400);
    expect(zoom.view).toEqual({ start: 0, end: 2 });
    expect(zoom.ratio).toBe(1);
    expect(zoom.canZoomIn).toBe(true);
    expect(zoom.canZoomOut).toBe(false);
  });

  it('zooms in a step at a time, the window following, and back to the fit exactly', () => {
    const { zoom, surface } = setup();
    zoom.zoomBy(1);
    expect(zoom.pxPerS).toBe(800);
    expect(surface.zooms).toEqual([800]);
    expect(zoom.view).toEqual({ start: 0, end: 1 });
    expect(zoom.ratio).toBe(2);
    expect(zoom.canZoomOut).toBe(true);
    zoom.zoomBy(1);
    expect(zoom.view).toEqual({ start: 0, end: 0.5 });
    zoom.zoomToFit();
    // at the fit wavesurfer is asked for 0: fill the width exactly
    expect(surface.zooms.at(-1)).toBe(0);
    expect(zoom.view).toEqual({ start: 0, end: 2 });
    expect(zoom.canZoomOut).toBe(false);
  });

  it('stops at the closest zoom, lower for a long clip', () => {
    const { zoom } = setup();
    for (let i = 0; i < 12; i++) zoom.zoomBy(1);
    expect(zoom.pxPerS).toBe(MAX_PX_PER_S);
    expect(zoom.canZoomIn).toBe(false);
    const long = setup(100); // fit 8 px/s; 40,000 px at most: 400 px/s
    for (let i = 0; i < 12; i++) long.zoom.zoomBy(1);
    expect(long.zoom.pxPerS).toBe(400);
    expect(long.zoom.canZoomIn).toBe(false);
  });

  it('reads the window from the scroll container when the view scrolls', () => {
    const { zoom, surface } = setup();
    zoom.zoomBy(1); // 1,600 px of content in an 800 px view
    surface.scroll = 400;
    zoom.updateView();
    expect(zoom.view).toEqual({ start: 0.5, end: 1.5 });
    surface.scroll = 1200; // past the end: the window stops at the clip's end
    zoom.updateView();
    expect(zoom.view.end).toBe(2);
  });

  it('does nothing until the clip is ready', () => {
    const { zoom, surface, clip } = setup();
    clip.ready = false;
    zoom.zoomBy(1);
    zoom.zoomToFit();
    expect(surface.zooms).toEqual([]);
    expect(zoom.pxPerS).toBe(400);
  });

  it('on a resize a whole-clip view stays whole, a zoomed one keeps its zoom', () => {
    const { zoom, surface } = setup();
    surface.width = 1000;
    zoom.resized();
    expect(zoom.fit).toBe(500);
    expect(zoom.pxPerS).toBe(500);
    expect(zoom.view).toEqual({ start: 0, end: 2 });

    zoom.zoomBy(1); // 1,000 px/s
    surface.width = 600;
    zoom.resized();
    expect(zoom.fit).toBe(300);
    expect(zoom.pxPerS).toBe(1000);
    expect(zoom.view.end - zoom.view.start).toBeCloseTo(0.6, 9);

    surface.width = 2400; // wider than the zoom needs: back to the fit
    zoom.resized();
    expect(zoom.pxPerS).toBe(1200);
  });

  it('a new clip goes back to the whole clip without redrawing the last one', () => {
    const { zoom, surface } = setup();
    zoom.zoomBy(1);
    const zooms = surface.zooms.length;
    zoom.reset();
    expect(zoom.pxPerS).toBe(0);
    expect(surface.options.minPxPerSec).toBe(0);
    expect(surface.zooms).toHaveLength(zooms);
  });
});
