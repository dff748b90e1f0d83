export interface AudioStats {
  durationS: number;
  peak: number;
  rms: number;
  /** Share of samples at or beyond 16-bit full scale (|x| >= 32767/32768). */
  clippedFraction: number;
  /** Share of 25 ms frames whose RMS is under -60 dBFS. */
  silentFraction: number;
}

export const CLIP_LEVEL = 32767 / 32768;
/** -60 dBFS as an amplitude. */
export const SILENCE_LEVEL = 0.001;
export const STATS_FRAME_S = 0.025;

/** Level measurements of a mono signal, in one pass. An empty signal counts as entirely silent. */
export function audioStats(mono: Float32Array, sampleRate: number): AudioStats {
  const n = mono.length;
  if (n === 0) return { durationS: 0, peak: 0, rms: 0, clippedFraction: 0, silentFraction: 1 };
  const frameLength = Math.max(1, Math.round(STATS_FRAME_S * sampleRate));
  // a clip shorter than one frame is measured as a single short frame
  const frameCount = Math.max(1, Math.floor(n / frameLength));
  const silentEnergy = SILENCE_LEVEL * SILENCE_LEVEL;

  let peak = 0;
  let energy = 0;
  let clipped = 0;
  let silentFrames = 0;
  for (let f = 0; f < frameCount; f++) {
    const start = f * frameLength;
    const end = f === frameCount - 1 ? n : start + frameLength;
    let frameEnergy = 0;
    for (let i = start; i < end; i++) {
      const x = mono[i];
      const a = x < 0 ? -x : x;
      if (a > peak) peak = a;
      if (a >= CLIP_LEVEL) clipped++;
      frameEnergy += x * x;
    }
    energy += frameEnergy;
    // the last frame also takes the leftover samples, so judge it on its own length
    if (frameEnergy / (end - start) < silentEnergy) silentFrames++;
  }
  return {
    durationS: n / sampleRate,
    peak,
    rms: Math.sqrt(energy / n),
    clippedFraction: clipped / n,
    silentFraction: silentFrames / frameCount,
  };
}
