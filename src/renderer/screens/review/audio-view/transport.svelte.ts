import { atRegionEnd, playFrom, type TimeRegion } from './region.js';
import { speedStep } from './speed.js';

/** What playback needs of the player (wavesurfer over the page's own audio element). */
export interface Player {
  isPlaying(): boolean;
  play(start?: number): Promise<void>;
  pause(): void;
  getCurrentTime(): number;
  setTime(seconds: number): void;
  setPlaybackRate(rate: number, preservePitch?: boolean): void;
}

/** The clip as playback sees it. */
export interface PlayedClip {
  readonly duration: number;
  readonly ready: boolean;
}

/**
 * Playback: playing or not, the playhead, looping and the speed. With a selection, Play starts inside it and
 * playback stays there: at its end it goes back to its start when looping, or stops at its start.
 */
export class Transport {
  readonly #clip: PlayedClip;
  readonly #selection: { readonly region: TimeRegion | null };
  #player: Player | null = null;

  playing = $state(false);
  /** The playhead, in seconds. */
  position = $state(0);
  loop = $state(false);
  speed = $state(1);

  constructor(clip: PlayedClip, selection: { readonly region: TimeRegion | null }) {
    this.#clip = clip;
    this.#selection = selection;
  }

  attach(player: Player | null): void {
    this.#player = player;
  }

  /** Space on the Review screen; also the Play button. A selection plays from its start. */
  playPause(): void {
    const player = this.#player;
    if (!player || !this.#clip.ready) return;
    if (player.isPlaying()) {
      player.pause();
      return;
    }
    const from = playFrom(player.getCurrentTime(), this.#selection.region);
    if (from !== player.getCurrentTime()) player.setTime(from);
    void player.play();
  }

  seek(seconds: number): void {
    if (!this.#player || !this.#clip.ready) return;
    this.#player.setTime(Math.max(0, Math.min(this.#clip.duration, seconds)));
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    // preservesPitch: slower or faster, the voice keeps its pitch (the contour stays what it is)
    this.#player?.setPlaybackRate(speed, true);
  }

  /** The < and > keys: the next speed down or up the list. */
  stepSpeed(direction: 1 | -1): void {
    this.setSpeed(speedStep(this.speed, direction));
  }

  toggleLoop(): void {
    this.loop = !this.loop;
  }

  /** The player's events. */
  started(): void {
    this.playing = true;
  }

  paused(): void {
    this.playing = false;
  }

  /** The end of the clip: a loop without a selection starts it again. */
  finished(): void {
    this.playing = false;
    if (this.loop && !this.#selection.region) void this.#player?.play(0);
  }

  timeUpdate(seconds: number): void {
    this.position = seconds;
    const player = this.#player;
    if (!player?.isPlaying()) return;
    const action = atRegionEnd(seconds, this.#selection.region, this.loop);
    if (action.kind === 'seek') player.setTime(action.to);
    else if (action.kind === 'stop') {
      player.pause();
      player.setTime(action.at);
    }
  }

  /** A new clip: stopped, at its start; the speed and the loop stay. */
  reset(): void {
    this.playing = false;
    this.position = 0;
  }

  /** A new clip decoded: loading a source resets the media element's rate, so the speed is set again. */
  restoreSpeed(): void {
    this.#player?.setPlaybackRate(this.speed, true);
  }
}
