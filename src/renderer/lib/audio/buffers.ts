// Plain sample buffers for the microphone paths (recording and the live sliding window).

/** Joins recorded blocks into one signal. */
export function concat(blocks: Float32Array[]): Float32Array {
  const out = new Float32Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** The last `length` samples heard, for the live mode's sliding window. */
export class RingBuffer {
  private readonly data: Float32Array;
  private filled = 0;
  private head = 0;

  constructor(readonly length: number) {
    this.data = new Float32Array(length);
  }

  push(block: Float32Array): void {
    for (let i = 0; i < block.length; i++) {
      this.data[this.head] = block[i];
      this.head = (this.head + 1) % this.length;
    }
    this.filled = Math.min(this.length, this.filled + block.length);
  }

  get size(): number {
    return this.filled;
  }

  /** Oldest to newest. */
  snapshot(): Float32Array {
    const out = new Float32Array(this.filled);
    const start = (this.head - this.filled + this.length) % this.length;
    for (let i = 0; i < this.filled; i++) out[i] = this.data[(start + i) % this.length];
    return out;
  }
}
