// The parts of soundtouchjs 0.3 (plain ES module, no bundled types) that wave-augment.ts uses.
declare module 'soundtouchjs' {
  export interface SoundTouchSource {
    /** Fill `target` with up to numFrames interleaved stereo frames from `position`; return how many. */
    extract(target: Float32Array, numFrames: number, position: number): number;
  }
  export class Stretch {
    setParameters(sampleRate: number, sequenceMs: number, seekWindowMs: number, overlapMs: number): void;
  }
  export class SoundTouch {
    stretch: Stretch;
    tempo: number;
    rate: number;
    pitch: number;
    pitchSemitones: number;
  }
  export class SimpleFilter {
    constructor(source: SoundTouchSource, pipe: SoundTouch, onEnd?: () => void);
    /** Interleaved stereo frames out; returns how many (0 when the source is exhausted). */
    extract(target: Float32Array, numFrames: number): number;
  }
}
