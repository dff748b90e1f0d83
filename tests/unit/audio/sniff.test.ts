import { describe, expect, it } from 'vitest';
import { sniffAudio } from '../../../src/core/audio/sniff.js';
import { encodeWav } from '../../../src/core/audio/node/index.js';
import { fixture } from './helpers/fixtures.js';

describe('sniffAudio recognises formats by their bytes', () => {
  it.each([
    ['tone440-22k05-mono.flac', 'flac'],
    ['tone440-44k1-mono.mp3', 'mp3'],
    ['tone440-22k05-mono.ogg', 'ogg-vorbis'],
    ['tone440-48k-mono.opus', 'opus'],
    ['tone440-22k05-mono.m4a', 'm4a'],
    ['tone440-8k-mono.aiff', 'aiff'],
  ])('%s is %s', (file, format) => {
    expect(sniffAudio(fixture(file))).toEqual({ kind: 'other-audio', format });
  });

  it('WAV in all its containers', () => {
    const wav = encodeWav(new Float32Array(4), 8000);
    for (const magic of ['RIFF', 'RIFX', 'RF64', 'BW64']) {
      const bytes = wav.slice();
      bytes.set(Array.from(magic, (c) => c.charCodeAt(0)));
      expect(sniffAudio(bytes)).toEqual({ kind: 'wav' });
    }
  });

  it('looks past an ID3v2 tag to the stream behind it', () => {
    const flac = fixture('tone440-22k05-mono.flac');
    const tag = new Uint8Array(10 + 20);
    tag.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20]);
    const tagged = new Uint8Array(tag.length + flac.length);
    tagged.set(tag);
    tagged.set(flac, tag.length);
    expect(sniffAudio(tagged)).toEqual({ kind: 'other-audio', format: 'flac' });
  });

  it('does not mistake UTF-8 text cut mid-character at the probe boundary for binary', () => {
    const text = new TextEncoder().encode('ü'.repeat(400)); // 800 bytes; the 512-byte probe ends inside no character
    const odd = new TextEncoder().encode(`x${'ü'.repeat(400)}`); // here the probe cuts a 'ü' in half
    expect(sniffAudio(text).kind).toBe('not-audio');
    expect(sniffAudio(odd).kind).toBe('not-audio');
  });

  it('calls control bytes binary, not text', () => {
    expect(sniffAudio(Uint8Array.from([0x68, 0x69, 0x00, 0x01, 0x02, 0x68]))).toEqual({ kind: 'unknown' });
  });
});
