import { fitPxPerS, maxPxPerS, zoomRatio, zoomStep } from './zoom.js';

/** What the zoom needs of the waveform view (wavesurfer does all of this). */
export interface ZoomSurface {
  /** The visible width in pixels. */
  getWidth(): number;
  getScroll(): number;
  /** The scrolling content: the whole clip at the current zoom. */
  getWrapper(): { clientWidth: number };
  zoom(minPxPerSec: number): void;
  options: { minPxPerSec?: number };
}

/** The clip as the zoom sees it. */
export interface ZoomedClip {
  readonly duration: number;
  readonly ready: boolean;
}

export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * The view's zoom (pixels a second) and the time window it shows, which the axis and the contour tiers
 * follow. The window is read back from the scroll container, so it is exact whatever wavesurfer rounded the
 * zoom to.
 */
export class ZoomState {
  readonly #clip: ZoomedClip;
  #surface: ZoomSurface | null = null;

  pxPerS = $state(0);
  /** The zoom that shows the whole clip in the view's width. */
  fit = $state(0);
  view = $state.raw<TimeWindow>({ start: 0, end: 0 });

  /** Relative to the whole clip: 1 at the fit. */
  ratio = $derived(zoomRatio(this.pxPerS, this.fit));
  canZoomIn = $derived(this.pxPerS < this.max * 0.999);
  canZoomOut = $derived(this.pxPerS > this.fit * 1.001);

  constructor(clip: ZoomedClip) {
    this.#clip = clip;
  }

  /** The closest zoom for this clip. */
  get max(): number {
    return maxPxPerS(this.#clip.duration, this.fit);
  }

  attach(surface: ZoomSurface | null): void {
    this.#surface = surface;
  }

  /**
   * A new clip: back to the whole clip (wavesurfer fills its width when asked for fewer pixels than that),
   * set in the options rather than by zoom(), which would redraw the previous clip first.
   */
  reset(): void {
    this.pxPerS = 0;
    if (this.#surface) this.#surface.options.minPxPerSec = 0;
  }

  /** The clip decoded: all of it in view. */
  fitClip(): void {
    const duration = this.#clip.duration;
    this.fit = fitPxPerS(this.#surface?.getWidth() ?? 0, duration);
    this.pxPerS = this.fit;
    this.view = { start: 0, end: duration };
  }

  zoomTo(target: number): void {
    const surface = this.#surface;
    if (!surface || !this.#clip.ready || !(target > 0)) return;
    this.pxPerS = target;
    // at the fit, 0 asks wavesurfer to fill its width exactly (no scrollbar from a rounded-up pixel)
    surface.zoom(target <= this.fit * 1.001 ? 0 : target);
    this.updateView();
  }

  zoomBy(direction: 1 | -1): void {
    this.zoomTo(zoomStep(this.pxPerS || this.fit, direction, this.fit, this.max));
  }

  zoomToFit(): void {
    this.zoomTo(this.fit);
  }

  /** After a scroll or a zoom: the window from the scroll container. */
  updateView(): void {
    const surface = this.#surface;
    const duration = this.#clip.duration;
    if (!surface || !(duration > 0)) return;
    const total = surface.getWrapper().clientWidth || surface.getWidth();
    const visible = surface.getWidth();
    const start = (surface.getScroll() / total) * duration;
    this.view = { start, end: Math.min(duration, start + (visible / total) * duration) };
  }

  /** The view's width changed: a view showing the whole clip keeps showing all of it; a zoomed one its zoom. */
  resized(): void {
    const duration = this.#clip.duration;
    if (!this.#surface || !(duration > 0)) return;
    const wasFit = this.pxPerS <= this.fit * 1.001;
    this.fit = fitPxPerS(this.#surface.getWidth(), duration);
    if (wasFit || this.pxPerS < this.fit) this.zoomTo(this.fit);
    else this.updateView();
  }
}
