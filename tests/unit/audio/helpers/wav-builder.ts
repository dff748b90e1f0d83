// A minimal WAV writer independent of encodeWav, for layouts encodeWav does not produce
// (RIFX, RF64, 64-bit float, odd chunks, placeholder sizes, damaged headers).

export interface Chunk {
  id: string;
  body: Uint8Array;
  /** Written in the chunk header instead of body.length. */
  declaredSize?: number;
}

export interface BuildOptions {
  container?: 'RIFF' | 'RIFX' | 'RF64';
  riffSize?: number;
  chunks: Chunk[];
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function buildWav({ container = 'RIFF', riffSize, chunks }: BuildOptions): Uint8Array {
  const le = container !== 'RIFX';
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    const header = new Uint8Array(8);
    header.set(ascii(chunk.id));
    new DataView(header.buffer).setUint32(4, chunk.declaredSize ?? chunk.body.length, le);
    parts.push(header, chunk.body);
    if (chunk.body.length & 1) parts.push(new Uint8Array(1));
  }
  const length = 12 + parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(length);
  out.set(ascii(container));
  new DataView(out.buffer).setUint32(4, riffSize ?? length - 8, le);
  out.set(ascii('WAVE'), 8);
  let at = 12;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function fmtChunk(f: {
  tag: number;
  channels: number;
  rate: number;
  bits: number;
  blockAlign?: number;
  le?: boolean;
}): Chunk {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  const le = f.le ?? true;
  const blockAlign = f.blockAlign ?? f.channels * Math.ceil(f.bits / 8);
  v.setUint16(0, f.tag, le);
  v.setUint16(2, f.channels, le);
  v.setUint32(4, f.rate, le);
  v.setUint32(8, f.rate * blockAlign, le);
  v.setUint16(12, blockAlign, le);
  v.setUint16(14, f.bits, le);
  return { id: 'fmt ', body };
}

/** Interleaves per-channel values into bytes with a per-sample writer. */
export function interleave(
  channels: ArrayLike<number>[],
  bytesPerSample: number,
  write: (view: DataView, at: number, value: number) => void,
): Uint8Array {
  const frames = channels[0].length;
  const out = new Uint8Array(frames * channels.length * bytesPerSample);
  const view = new DataView(out.buffer);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels.length; c++)
      write(view, (i * channels.length + c) * bytesPerSample, channels[c][i]);
  }
  return out;
}

export function chunk(id: string, body: Uint8Array | number[], declaredSize?: number): Chunk {
  return { id, body: body instanceof Uint8Array ? body : Uint8Array.from(body), declaredSize };
}
