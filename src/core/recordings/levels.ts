/** The speech detector looks at the signal in frames of this length (10 ms at 16 kHz). */
export const LEVEL_FRAME_S = 0.01;
/** Below this a frame counts as digital silence (and the log of zero stays finite). */
const FLOOR_DB = -120;

/**
 * Frame levels of a 16 kHz signal fed in pieces of any length, in dB (mean square of each 10 ms frame after
 * a first-order high-pass at about 100 Hz, so hum and a DC offset do not pass for speech). Keeps 4 bytes a
 * frame: two hours are 2.9 MB.
 */
export class LevelMeter {
  private readonly frame: number;
  private levels = new Float32Array(1 << 14);
  private count = 0;
  private acc = 0;
  private inFrame = 0;
  private prevX = 0;
  private prevY = 0;
  /** Every sample of the frame so far is exactly zero. */
  private silent = true;
  private readonly a: number;

  constructor(readonly sampleRate = 16000) {
    this.frame = Math.round(LEVEL_FRAME_S * sampleRate);
    this.a = Math.exp((-2 * Math.PI * 100) / sampleRate);
  }

  push(samples: Float32Array): void {
    let { acc, inFrame, prevX, prevY, silent } = this;
    const { a, frame } = this;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      const y = a * (prevY + x - prevX);
      prevX = x;
      prevY = y;
      acc += y * y;
      if (x !== 0) silent = false;
      if (++inFrame === frame) {
        // the filter rings on into digital silence; a frame of zeros is silence whatever it says
        this.add(silent ? 0 : acc / frame);
        acc = 0;
        inFrame = 0;
        silent = true;
      }
    }
    this.silent = silent;
    this.acc = acc;
    this.inFrame = inFrame;
    this.prevX = prevX;
    this.prevY = prevY;
  }

  private add(meanSquare: number): void {
    if (this.count === this.levels.length) {
      const grown = new Float32Array(this.levels.length * 2);
      grown.set(this.levels);
      this.levels = grown;
    }
    this.levels[this.count++] = meanSquare > 0 ? Math.max(FLOOR_DB, 10 * Math.log10(meanSquare)) : FLOOR_DB;
  }

  /** The levels of every whole frame so far (a last partial frame is counted as one). */
  finish(): Float32Array {
    if (this.inFrame > 0) {
      this.add(this.silent ? 0 : this.acc / this.inFrame);
      this.acc = 0;
      this.inFrame = 0;
    }
    return this.levels.slice(0, this.count);
  }
}
