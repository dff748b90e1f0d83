import { ClipLoad } from './clip-load.svelte.js';
import type { AudioViewCommand } from './keys.js';
import { SelectionState, type RegionsSurface } from './selection.svelte.js';
import { Transport, type Player } from './transport.svelte.js';
import { ZoomState, type ZoomSurface } from './zoom-state.svelte.js';

/**
 * The Review screen's audio view without its pictures: the clip being loaded, the zoom, the selection and
 * playback, each a class of its own, and what the view's keys do with them. The component creates
 * wavesurfer and hands it over here; its events call these classes.
 */
export class AudioViewState {
  readonly clip: ClipLoad;
  readonly zoom: ZoomState;
  readonly selection: SelectionState;
  readonly transport: Transport;

  constructor(now?: () => number) {
    this.clip = new ClipLoad(now);
    this.zoom = new ZoomState(this.clip);
    this.selection = new SelectionState(this.clip);
    this.transport = new Transport(this.clip, this.selection);
  }

  /** wavesurfer (player and zoomable view) and its regions plugin, once the view is in the page; null after. */
  attach(view: (Player & ZoomSurface) | null, regions: RegionsSurface | null): void {
    this.zoom.attach(view);
    this.transport.attach(view);
    this.selection.attach(regions);
  }

  /** A new clip asked for (or none): stopped, no selection, the whole clip; the speed and the loop stay. */
  begin(hasSource: boolean): number {
    this.transport.reset();
    const ticket = this.clip.begin(hasSource);
    this.selection.reset();
    if (hasSource) this.zoom.reset();
    return ticket;
  }

  /** The audio decoded: all of it in view, at the chosen speed. False when a newer clip was asked for. */
  decoded(ticket: number, duration: number): boolean {
    if (!this.clip.decoded(ticket, duration)) return false;
    this.zoom.fitClip();
    this.transport.restoreSpeed();
    return true;
  }

  /** A key's command (keys.ts); false when it is not the view's to take (then the screen's keys apply). */
  command(command: AudioViewCommand): boolean {
    if (!this.clip.ready) return false;
    switch (command) {
      case 'zoom-in':
        this.zoom.zoomBy(1);
        break;
      case 'zoom-out':
        this.zoom.zoomBy(-1);
        break;
      case 'zoom-fit':
        this.zoom.zoomToFit();
        break;
      case 'loop':
        this.transport.toggleLoop();
        break;
      case 'slower':
        this.transport.stepSpeed(-1);
        break;
      case 'faster':
        this.transport.stepSpeed(1);
        break;
      case 'selection-start':
        this.selection.setEdge('start', this.transport.position);
        break;
      case 'selection-end':
        this.selection.setEdge('end', this.transport.position);
        break;
      case 'move-back':
      case 'move-forward': {
        // the selection moves by a tenth of its length; with none, the playhead by 0.1 s
        const direction = command === 'move-forward' ? 1 : -1;
        if (this.selection.region) this.selection.move(direction);
        else this.transport.seek(this.transport.position + direction * 0.1);
        break;
      }
      case 'clear-selection':
        // Escape without a selection is not ours
        return this.selection.clear();
    }
    return true;
  }
}
