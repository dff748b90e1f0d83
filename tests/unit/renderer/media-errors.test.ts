import { describe, expect, it } from 'vitest';
import { audioLoadError } from '../../../src/renderer/lib/util/media-errors.js';

describe('audio view errors name the file in plain words', () => {
  it("turns Chromium's pipeline codes and decoding failures into the reason", () => {
    const demuxer = new Error('DEMUXER_ERROR_COULD_NOT_OPEN: FFmpegDemuxer: open context failed');
    const plain =
      'Could not load the audio of empty.wav: the browser cannot read it as audio (the file may be empty, cut short or in a format it does not know).';
    expect(audioLoadError('empty.wav', demuxer)).toBe(plain);
    expect(
      audioLoadError('empty.wav', new DOMException('Unable to decode audio data', 'EncodingError')),
    ).toBe(plain);
  });

  it("keeps the studio's own message (a missing file, say)", () => {
    expect(audioLoadError('03a01Fa.wav', new Error('the file of clip 3 is missing: /data/03a01Fa.wav'))).toBe(
      'Could not load the audio of 03a01Fa.wav: the file of clip 3 is missing: /data/03a01Fa.wav',
    );
  });
});
