import { describe, expect, it } from 'vitest';
import { ClipLoad } from '../../../../src/renderer/screens/review/audio-view/clip-load.svelte.js';
import { fakeClock } from './fake-wavesurfer.js';

/** One second of a 200 Hz tone at 16 kHz, as wavesurfer's decoded AudioBuffer offers it. */
function tone(hz = 200, rate = 16000) {
  const samples = Float32Array.from(
    { length: rate },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate),
  );
  return { sampleRate: rate, getChannelData: () => samples };
}

describe('the clip being loaded into the audio view', () => {
  it('is ready once the waveform, the spectrogram and the contours are all drawn, in any order', async () => {
    const clock = fakeClock();
    const clip = new ClipLoad(clock.now);
    const ticket = clip.begin(true);
    expect(clip.phase).toBe('loading');
    clock.t += 120;
    expect(clip.decoded(ticket, 2.5)).toBe(true);
    expect(clip.duration).toBe(2.5);
    clip.computeContours(ticket, null);
    expect(clip.ready).toBe(false);
    clock.t += 30;
    clip.spectrogramDrawn(ticket);
    expect(clip.ready).toBe(true);
    expect(clip.shownMs).toBe(150);

    // the next clip's pictures are its own: the last one's count for nothing
    const next = clip.begin(true);
    clip.decoded(next, 2);
    expect(clip.ready).toBe(false);
    clip.spectrogramDrawn(next);
    expect(clip.ready).toBe(false);
    clip.computeContours(next, null);
    expect(clip.ready).toBe(true);
  });

  it('computes the contours of the decoded audio and times them', () => {
    const clock = fakeClock();
    const clip = new ClipLoad(clock.now);
    const ticket = clip.begin(true);
    clip.computeContours(ticket, tone(200));
    expect(clip.contours?.medianHz).toBeGreaterThan(190);
    expect(clip.contours?.medianHz).toBeLessThan(210);
    expect(clip.contoursMs).toBe(0); // the fake clock did not move while they were computed
    expect(clip.ready).toBe(false);
  });

  it('drops what an older load reports once a newer one began', () => {
    const clip = new ClipLoad(fakeClock().now);
    const first = clip.begin(true);
    clip.decoded(first, 3);
    const second = clip.begin(true);
    expect(clip.decoded(first, 9)).toBe(false);
    clip.spectrogramDrawn(first);
    clip.computeContours(first, tone());
    clip.fail(first, 'aborted');
    expect(clip.duration).toBe(3);
    expect(clip.contours).toBeNull();
    expect(clip.error).toBeNull();
    expect(clip.phase).toBe('loading');
    clip.decoded(second, 2);
    clip.spectrogramDrawn(second);
    expect(clip.ready).toBe(false); // the first load's spectrogram does not count for the second
    clip.computeContours(second, null);
    expect(clip.ready).toBe(true);
  });

  it('a failed load says why; a new one starts clean', () => {
    const clip = new ClipLoad(fakeClock().now);
    const ticket = clip.begin(true);
    clip.fail(ticket, 'Could not load the audio of 03a01Fa.wav');
    expect(clip.phase).toBe('error');
    expect(clip.error).toBe('Could not load the audio of 03a01Fa.wav');
    const next = clip.begin(true);
    expect(clip.phase).toBe('loading');
    expect(clip.error).toBeNull();
    clip.decoded(next, 2);
    clip.spectrogramDrawn(next);
    clip.computeContours(next, tone());
    expect(clip.ready).toBe(true);
  });

  it("a media element's failure counts only while a clip is loading", () => {
    const clip = new ClipLoad(fakeClock().now);
    const ticket = clip.begin(true);
    clip.decoded(ticket, 2);
    clip.spectrogramDrawn(ticket);
    clip.computeContours(ticket, null);
    clip.failWhileLoading('aborted by the next clip');
    expect(clip.phase).toBe('ready');
    expect(clip.error).toBeNull();
    clip.begin(true);
    clip.failWhileLoading('the browser cannot read it as audio');
    expect(clip.phase).toBe('error');
  });

  it('no clip is empty, and forgets the last one’s contours and timings', () => {
    const clip = new ClipLoad(fakeClock().now);
    const ticket = clip.begin(true);
    clip.decoded(ticket, 2);
    clip.spectrogramDrawn(ticket);
    clip.computeContours(ticket, tone());
    clip.begin(false);
    expect(clip.phase).toBe('empty');
    expect(clip.contours).toBeNull();
    expect(clip.shownMs).toBeNull();
    expect(clip.contoursMs).toBeNull();
  });
});
