import type {
  RegionLike,
  RegionsSurface,
} from '../../../../src/renderer/screens/review/audio-view/selection.svelte.js';
import type { Player } from '../../../../src/renderer/screens/review/audio-view/transport.svelte.js';
import type { ZoomSurface } from '../../../../src/renderer/screens/review/audio-view/zoom-state.svelte.js';

/**
 * wavesurfer as the audio view's classes see it: a view `width` pixels wide over a clip of `duration`
 * seconds, whose content is as wide as the zoom makes it, and a player over a media element that keeps its
 * time and rate. Every zoom, seek and play is recorded.
 */
export class FakeWaveSurfer implements Player, ZoomSurface {
  width = 800;
  duration = 2;
  scroll = 0;
  options: { minPxPerSec?: number } = { minPxPerSec: 0 };
  zooms: number[] = [];
  time = 0;
  playing = false;
  rate = 1;
  preservePitch: boolean | undefined;
  plays: Array<number | undefined> = [];
  seeks: number[] = [];
  #contentWidth = 800;

  getWidth(): number {
    return this.width;
  }
  getScroll(): number {
    return this.scroll;
  }
  getWrapper(): { clientWidth: number } {
    return { clientWidth: this.#contentWidth };
  }
  zoom(minPxPerSec: number): void {
    this.zooms.push(minPxPerSec);
    this.options.minPxPerSec = minPxPerSec;
    // wavesurfer fills its width when asked for fewer pixels than that
    this.#contentWidth = Math.max(this.width, minPxPerSec * this.duration);
  }
  isPlaying(): boolean {
    return this.playing;
  }
  play(start?: number): Promise<void> {
    this.plays.push(start);
    if (start !== undefined) this.time = start;
    this.playing = true;
    return Promise.resolve();
  }
  pause(): void {
    this.playing = false;
  }
  getCurrentTime(): number {
    return this.time;
  }
  setTime(seconds: number): void {
    this.seeks.push(seconds);
    this.time = seconds;
  }
  setPlaybackRate(rate: number, preservePitch?: boolean): void {
    this.rate = rate;
    this.preservePitch = preservePitch;
  }
}

/** The regions plugin: the regions drawn, each removable. */
export class FakeRegions implements RegionsSurface {
  regions: RegionLike[] = [];

  getRegions(): RegionLike[] {
    return [...this.regions];
  }
  clearRegions(): void {
    this.regions = [];
  }
  addRegion(options: { start: number; end: number }): RegionLike {
    return this.drag(options.start, options.end);
  }
  /** A region as the mouse draws one. */
  drag(start: number, end: number): RegionLike {
    const region: RegionLike = {
      start,
      end,
      setOptions(o) {
        region.start = o.start;
        region.end = o.end;
      },
      remove: () => {
        this.regions = this.regions.filter((r) => r !== region);
      },
    };
    this.regions.push(region);
    return region;
  }
  get spans(): Array<[number, number]> {
    return this.regions.map((r) => [r.start, r.end]);
  }
}

/** A clock the test moves by hand. */
export function fakeClock(start = 1000) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}
