const OPUS_GRANULE_RATE = 48000;

function isPage(b: Uint8Array, at: number): boolean {
  return b[at] === 0x4f && b[at + 1] === 0x67 && b[at + 2] === 0x67 && b[at + 3] === 0x53 && b[at + 4] === 0;
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/**
 * Duration of an Ogg Vorbis or Opus stream from the granule position of its last page: the sample
 * count at the end of the stream, so no audio has to be decoded. Undefined when it cannot be told.
 */
export function probeOggDurationS(b: Uint8Array): number | undefined {
  if (b.length < 28 || !isPage(b, 0)) return undefined;
  const serial = u32le(b, 14);
  const packet = 27 + b[26];
  let rate: number;
  let preSkip = 0;
  if (b[packet] === 0x01 && String.fromCharCode(...b.subarray(packet + 1, packet + 7)) === 'vorbis') {
    rate = u32le(b, packet + 12);
  } else if (String.fromCharCode(...b.subarray(packet, packet + 8)) === 'OpusHead') {
    rate = OPUS_GRANULE_RATE;
    preSkip = b[packet + 10] | (b[packet + 11] << 8);
  } else {
    return undefined;
  }
  if (!(rate > 0)) return undefined;
  // the last page sits within the final 64 KiB (a page is at most 65307 bytes)
  const stop = Math.max(0, b.length - 65_536);
  for (let at = b.length - 27; at >= stop; at--) {
    if (!isPage(b, at) || u32le(b, at + 14) !== serial) continue;
    const lo = u32le(b, at + 6);
    const hi = u32le(b, at + 10);
    if (lo === 0xffffffff && hi === 0xffffffff) continue; // a page on which no packet ends
    return Math.max(0, hi * 0x1_0000_0000 + lo - preSkip) / rate;
  }
  return undefined;
}
