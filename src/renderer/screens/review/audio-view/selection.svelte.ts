import { moveRegion, nudgeFor, regionBetween, setEdge, type TimeRegion } from './region.js';

/** The selection's colour over the waveform and the spectrogram. */
export const SELECTION_COLOUR = 'rgba(123, 147, 247, 0.22)';

/** A region as wavesurfer's regions plugin holds it. */
export interface RegionLike {
  start: number;
  end: number;
  setOptions(options: { start: number; end: number }): void;
  remove(): void;
}

/** What the selection needs of the regions plugin, which draws it and lets the mouse drag it. */
export interface RegionsSurface {
  getRegions(): RegionLike[];
  clearRegions(): void;
  addRegion(options: { start: number; end: number; color: string }): unknown;
}

/**
 * The one selection of the clip (or none), in seconds: set from the keyboard here, drawn and dragged by the
 * regions plugin, each kept in step with the other.
 */
export class SelectionState {
  readonly #clip: { readonly duration: number };
  #surface: RegionsSurface | null = null;

  region = $state.raw<TimeRegion | null>(null);

  constructor(clip: { readonly duration: number }) {
    this.#clip = clip;
  }

  attach(surface: RegionsSurface | null): void {
    this.#surface = surface;
  }

  /** Makes `region` the one selection (or none), in the regions plugin and here. */
  set(region: TimeRegion | null): void {
    this.region = region;
    const surface = this.#surface;
    if (!surface) return;
    if (!region) {
      surface.clearRegions();
      return;
    }
    const existing = surface.getRegions();
    if (existing.length === 1) existing[0].setOptions({ start: region.start, end: region.end });
    else {
      surface.clearRegions();
      surface.addRegion({ start: region.start, end: region.end, color: SELECTION_COLOUR });
    }
  }

  /** A region drawn or dragged with the mouse: it replaces any other; one too short to play is a click. */
  dragged(changed: RegionLike): void {
    for (const other of this.#surface?.getRegions() ?? []) if (other !== changed) other.remove();
    this.region = regionBetween(changed.start, changed.end, this.#clip.duration);
    if (!this.region) changed.remove();
  }

  /** The [ and ] keys: one edge at the playhead, the other kept if it still fits. */
  setEdge(edge: 'start' | 'end', at: number): void {
    this.set(setEdge(this.region, edge, at, this.#clip.duration));
  }

  /** Shift+arrow: the selection moves by a tenth of its length, stopped at the clip's edges. */
  move(direction: 1 | -1): void {
    if (this.region)
      this.set(moveRegion(this.region, direction * nudgeFor(this.region), this.#clip.duration));
  }

  /** Escape: false when there was nothing to clear (the key is then not the view's). */
  clear(): boolean {
    if (!this.region) return false;
    this.set(null);
    return true;
  }

  /** A new clip: no selection. */
  reset(): void {
    this.region = null;
    this.#surface?.clearRegions();
  }
}
