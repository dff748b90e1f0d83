import { describe, expect, it } from 'vitest';
import type { TimeRegion } from '../../../../src/renderer/screens/review/audio-view/region.js';
import { Transport } from '../../../../src/renderer/screens/review/audio-view/transport.svelte.js';
import { FakeWaveSurfer } from './fake-wavesurfer.js';

/** Playback of a 2 s clip, ready, with the selection the test sets. */
function setup() {
  const clip = { duration: 2, ready: true };
  const selection = { region: null as TimeRegion | null };
  const player = new FakeWaveSurfer();
  const transport = new Transport(clip, selection);
  transport.attach(player);
  return { transport, player, selection, clip };
}

describe('the audio view’s playback', () => {
  it('Space plays and pauses; nothing before the clip is ready', () => {
    const { transport, player, clip } = setup();
    clip.ready = false;
    transport.playPause();
    expect(player.plays).toEqual([]);
    clip.ready = true;
    transport.playPause();
    expect(player.playing).toBe(true);
    transport.playPause();
    expect(player.playing).toBe(false);
  });

  it('with a selection, plays from its start unless the playhead is inside it', () => {
    const { transport, player, selection } = setup();
    selection.region = { start: 0.5, end: 1 };
    player.time = 1.6;
    transport.playPause();
    expect(player.seeks).toEqual([0.5]);
    transport.playPause();
    player.time = 0.7;
    transport.playPause();
    expect(player.seeks).toEqual([0.5]);
    expect(player.playing).toBe(true);
  });

  it('at the end of the selection goes back to its start when looping, else stops at its start', () => {
    const { transport, player, selection } = setup();
    selection.region = { start: 0.5, end: 1 };
    void player.play(0.5);
    transport.timeUpdate(0.8);
    expect(transport.position).toBe(0.8);
    expect(player.seeks).toEqual([]);
    transport.toggleLoop();
    transport.timeUpdate(1.01);
    expect(player.seeks).toEqual([0.5]);
    expect(player.playing).toBe(true);
    transport.toggleLoop();
    transport.timeUpdate(1.02);
    expect(player.playing).toBe(false);
    expect(player.seeks).toEqual([0.5, 0.5]);
  });

  it('a playhead moved while paused is left where it is', () => {
    const { transport, player, selection } = setup();
    selection.region = { start: 0.5, end: 1 };
    transport.timeUpdate(1.5);
    expect(transport.position).toBe(1.5);
    expect(player.seeks).toEqual([]);
  });

  it('looping without a selection starts the clip again at its end', () => {
    const { transport, player, selection } = setup();
    transport.started();
    transport.finished();
    expect(transport.playing).toBe(false);
    expect(player.plays).toEqual([]);
    transport.toggleLoop();
    transport.finished();
    expect(player.plays).toEqual([0]);
    selection.region = { start: 0.5, end: 1 };
    transport.finished(); // the selection's own loop does that
    expect(player.plays).toEqual([0]);
  });

  it('changes speed keeping the pitch, stepping through the list, and keeps it for the next clip', () => {
    const { transport, player } = setup();
    transport.stepSpeed(-1);
    expect(transport.speed).toBe(0.75);
    expect(player.rate).toBe(0.75);
    expect(player.preservePitch).toBe(true);
    transport.setSpeed(1.5);
    transport.stepSpeed(1);
    expect(player.rate).toBe(2);
    transport.stepSpeed(1);
    expect(transport.speed).toBe(2);
    player.rate = 1; // a new source resets the media element's rate
    transport.reset();
    transport.restoreSpeed();
    expect(player.rate).toBe(2);
    expect(transport.speed).toBe(2);
  });

  it('seeks within the clip only', () => {
    const { transport, player } = setup();
    transport.seek(-1);
    transport.seek(5);
    transport.seek(1.25);
    expect(player.seeks).toEqual([0, 2, 1.25]);
  });

  it('a new clip starts stopped at 0; the loop stays on', () => {
    const { transport } = setup();
    transport.toggleLoop();
    transport.started();
    transport.timeUpdate(1.2);
    transport.reset();
    expect(transport.playing).toBe(false);
    expect(transport.position).toBe(0);
    expect(transport.loop).toBe(true);
  });
});
