import { AudioError } from './audio-error.js';

/** How a WAV file's data chunk is laid out, as read from its header chunks. */
export interface WavLayout {
  container: 'RIFF' | 'RIFX' | 'RF64' | 'BW64';
  littleEndian: boolean;
  /** The effective format tag: the sub-format's for WAVE_FORMAT_EXTENSIBLE. */
  formatTag: number;
  extensible: boolean;
  /** 'pcm' and 'float' we decode ourselves; 'delegated' codecs (A-law, µ-law, ADPCM) go to audio-decode. */
  encoding: 'pcm' | 'float' | 'delegated';
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes each sample occupies in a frame (the container, which may be wider than bitsPerSample). */
  bytesPerSample: number;
  blockAlign: number;
  byteRate: number;
  dataOffset: number;
  /** Usable bytes of the data chunk (a trailing partial frame is ignored when decoding). */
  dataBytes: number;
  /** Samples per channel, for 'pcm' and 'float'; from the fact chunk or an estimate for delegated codecs. */
  frames: number;
  /** The header carried a placeholder length (a recording written as a stream); data runs to end of file. */
  streamed: boolean;
}

export const WAVE_FORMAT = {
  PCM: 1,
  MS_ADPCM: 2,
  IEEE_FLOAT: 3,
  ALAW: 6,
  MULAW: 7,
  IMA_ADPCM: 0x11,
  EXTENSIBLE: 0xfffe,
} as const;

const DELEGATED_TAGS = new Set<number>([
  WAVE_FORMAT.MS_ADPCM,
  WAVE_FORMAT.ALAW,
  WAVE_FORMAT.MULAW,
  WAVE_FORMAT.IMA_ADPCM,
]);

const TAG_NAMES: Record<number, string> = {
  0x0000: 'unknown (0)',
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0022: 'TrueSpeech',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer 3 (MP3)',
  0x0092: 'Dolby AC-3',
  0x00ff: 'AAC',
  0x1610: 'HE-AAC',
  0xf1ac: 'FLAC',
};

/** The 14 bytes that follow the 2-byte format tag in every KSDATAFORMAT_SUBTYPE_* GUID we accept. */
const KS_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Lengths that stream writers put in a header they never come back to fix (ffmpeg, sox, others). */
const PLACEHOLDER_SIZES = new Set<number>([0xffffffff, 0x7fffffff, 0x7ffff000]);

interface Fmt {
  tag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function tagName(tag: number): string {
  return TAG_NAMES[tag] ?? `format tag 0x${tag.toString(16).padStart(4, '0')}`;
}

function truncated(message: string): AudioError {
  return new AudioError('truncated', `truncated WAV: ${message}`);
}

class Reader {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly le: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, this.le);
  }
  u32(at: number): number {
    return this.view.getUint32(at, this.le);
  }
  u64(at: number): number {
    // 2^53 bytes is far past anything we could hold in memory, so a double is exact enough
    const lo = this.view.getUint32(at + (this.le ? 0 : 4), this.le);
    const hi = this.view.getUint32(at + (this.le ? 4 : 0), this.le);
    return hi * 0x1_0000_0000 + lo;
  }
  id(at: number): string {
    return String.fromCharCode(this.bytes[at], this.bytes[at + 1], this.bytes[at + 2], this.bytes[at + 3]);
  }
}

function parseFmt(r: Reader, body: number, size: number): Fmt {
  if (size < 16)
    throw new AudioError(
      'unsupported',
      `WAV 'fmt ' chunk is ${size} bytes, shorter than the 16 every WAV needs`,
    );
  const fmt: Fmt = {
    tag: r.u16(body),
    extensible: false,
    channels: r.u16(body + 2),
    sampleRate: r.u32(body + 4),
    byteRate: r.u32(body + 8),
    blockAlign: r.u16(body + 12),
    bitsPerSample: r.u16(body + 14),
  };
  if (fmt.tag !== WAVE_FORMAT.EXTENSIBLE) return fmt;
  if (size < 40 || r.u16(body + 16) < 22) {
    throw new AudioError(
      'unsupported',
      `WAVE_FORMAT_EXTENSIBLE header is incomplete ('fmt ' chunk of ${size} bytes, 40 needed)`,
    );
  }
  const subTag = r.u16(body + 24);
  const guidTail = r.bytes.subarray(body + 26, body + 40);
  if (!KS_GUID_TAIL.every((b, i) => guidTail[i] === b)) {
    const hex = Array.from(r.bytes.subarray(body + 24, body + 40), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    throw new AudioError('unsupported', `WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID (${hex})`);
  }
  // validBitsPerSample (body + 18) may be narrower than the container; samples are left-justified,
  // so scaling by the container's range is still right
  return { ...fmt, tag: subTag, extensible: true };
}

function checkFmt(fmt: Fmt): { encoding: WavLayout['encoding']; bytesPerSample: number } {
  const { tag, channels, sampleRate, bitsPerSample, blockAlign } = fmt;
  if (channels < 1) throw new AudioError('unsupported', 'WAV header declares 0 channels');
  if (sampleRate < 1) throw new AudioError('unsupported', 'WAV header declares a sample rate of 0 Hz');
  if (DELEGATED_TAGS.has(tag))
    return { encoding: 'delegated', bytesPerSample: Math.max(1, Math.ceil(bitsPerSample / 8)) };
  if (tag !== WAVE_FORMAT.PCM && tag !== WAVE_FORMAT.IEEE_FLOAT) {
    throw new AudioError(
      'unsupported',
      `WAV encoded as ${tagName(tag)} is not supported; convert it to PCM WAV, FLAC or MP3`,
    );
  }
  const encoding = tag === WAVE_FORMAT.PCM ? 'pcm' : 'float';
  if (encoding === 'float' && bitsPerSample !== 32 && bitsPerSample !== 64) {
    throw new AudioError('unsupported', `${bitsPerSample}-bit float WAV is not supported (only 32 and 64)`);
  }
  if (encoding === 'pcm' && (bitsPerSample < 1 || bitsPerSample > 32)) {
    throw new AudioError('unsupported', `${bitsPerSample}-bit PCM WAV is not supported (1 to 32 bits)`);
  }
  const minimal = Math.ceil(bitsPerSample / 8);
  if (blockAlign === channels * minimal) return { encoding, bytesPerSample: minimal };
  // some writers pad samples to a wider container without saying so in anything but blockAlign
  const container = blockAlign / channels;
  if (encoding === 'pcm' && Number.isInteger(container) && container > minimal && container <= 4) {
    return { encoding, bytesPerSample: container };
  }
  throw new AudioError(
    'unsupported',
    `WAV block align of ${blockAlign} bytes does not fit ${channels} channel(s) of ${bitsPerSample}-bit samples`,
  );
}

function isPlaceholder(declared: number, riffSize: number, available: number): boolean {
  if (PLACEHOLDER_SIZES.has(declared)) return true;
  // some live writers leave both lengths at zero until they finish
  return declared === 0 && available > 0 && (riffSize === 0 || PLACEHOLDER_SIZES.has(riffSize));
}

interface DataChunk {
  offset: number;
  bytes: number;
  /** Written by a recorder that never went back to fill in its length: the samples run to the end. */
  streamed: boolean;
}

/** The data chunk starting at `body`: its length as declared (RF64: in ds64), or the rest of a streamed file. */
function dataChunk(
  at: { size: number; body: number; present: number },
  riffSize: number,
  is64: boolean,
  ds64Data: number | undefined,
): DataChunk {
  const { size, body, present } = at;
  const sizedByDs64 = is64 && ds64Data !== undefined && size === 0xffffffff;
  const declared = sizedByDs64 ? ds64Data : size;
  if (!sizedByDs64 && isPlaceholder(declared, riffSize, present))
    return { offset: body, bytes: present, streamed: true };
  if (declared > present)
    throw truncated(`data chunk declares ${declared} bytes but only ${present} are present`);
  return { offset: body, bytes: declared, streamed: false };
}

/** Walks the chunks up to the samples: fmt, ds64 (RF64's real sizes), fact and data. */
function readChunks(
  r: Reader,
  length: number,
  riffSize: number,
  is64: boolean,
): { fmt?: Fmt; factFrames?: number; data?: DataChunk } {
  let fmt: Fmt | undefined;
  let ds64Data: number | undefined;
  let factFrames: number | undefined;
  let data: DataChunk | undefined;
  let pos = 12;
  while (pos + 8 <= length && pos + 8 <= r.bytes.length) {
    const id = r.id(pos);
    const size = r.u32(pos + 4);
    const body = pos + 8;
    const present = length - body;
    if (id === 'data') {
      data = dataChunk({ size, body, present }, riffSize, is64, ds64Data);
      // chunks after the samples (LIST, id3) do not concern us
      if (data.streamed || fmt) break;
      pos = body + data.bytes + (data.bytes & 1);
      continue;
    }
    if (size > present) {
      if (data) break; // trailing junk after complete data: ignore it
      throw truncated(
        `the file ends inside the '${id}' chunk at byte ${length}, before any sample data (chunk needs ${size} bytes, ${present} present)`,
      );
    }
    if (id === 'fmt ') fmt = parseFmt(r, body, size);
    else if (id === 'ds64' && is64 && size >= 24) ds64Data = r.u64(body + 8);
    else if (id === 'fact' && size >= 4) factFrames = r.u32(body);
    pos = body + size + (size & 1);
  }
  return { fmt, factFrames, data };
}

/** Reads the chunk structure of a RIFF/RIFX/RF64/BW64 WAVE file; throws AudioError with the precise defect. */
export function parseWavHeader(bytes: Uint8Array, fileLength = bytes.length): WavLayout {
  // `bytes` may be only the beginning of a file of `fileLength` bytes (a long recording read in pieces)
  const length = Math.max(fileLength, bytes.length);
  if (length < 12) throw truncated(`the file is ${length} bytes, shorter than the 12-byte RIFF header`);
  const container = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) as WavLayout['container'];
  const le = container !== 'RIFX';
  const r = new Reader(bytes, le);
  const riffSize = r.u32(4);
  const is64 = container === 'RF64' || container === 'BW64';
  const { fmt, factFrames, data } = readChunks(r, length, riffSize, is64);
  // A chunk missing from a file shorter than its RIFF header says is a truncated file, not an odd one.
  const endsBefore = (what: string): void => {
    const declaredTotal = riffSize + 8;
    if (!is64 && !PLACEHOLDER_SIZES.has(riffSize) && declaredTotal > length)
      throw truncated(
        `the file ends after ${length} bytes, before ${what} (RIFF header declares ${declaredTotal})`,
      );
  };
  if (!fmt) {
    endsBefore("its 'fmt ' chunk");
    throw new AudioError('unsupported', "WAV file has no 'fmt ' chunk, so its sample format is unknown");
  }
  const { encoding, bytesPerSample } = checkFmt(fmt);
  if (!data) {
    endsBefore('its data chunk');
    throw new AudioError('no-samples', 'WAV file has no data chunk: it holds no samples');
  }
  const frames =
    encoding === 'delegated'
      ? (factFrames ?? (fmt.byteRate > 0 ? Math.floor((data.bytes / fmt.byteRate) * fmt.sampleRate) : 0))
      : Math.floor(data.bytes / fmt.blockAlign);
  return {
    container,
    littleEndian: le,
    formatTag: fmt.tag,
    extensible: fmt.extensible,
    encoding,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    bytesPerSample,
    blockAlign: fmt.blockAlign,
    byteRate: fmt.byteRate,
    dataOffset: data.offset,
    dataBytes: data.bytes,
    frames,
    streamed: data.streamed,
  };
}

export function wavFormatName(layout: WavLayout): string {
  switch (layout.formatTag) {
    case WAVE_FORMAT.PCM:
      return `wav-pcm${layout.bitsPerSample}`;
    case WAVE_FORMAT.IEEE_FLOAT:
      return `wav-float${layout.bitsPerSample}`;
    case WAVE_FORMAT.ALAW:
      return 'wav-alaw';
    case WAVE_FORMAT.MULAW:
      return 'wav-mulaw';
    case WAVE_FORMAT.MS_ADPCM:
      return 'wav-ms-adpcm';
    case WAVE_FORMAT.IMA_ADPCM:
      return 'wav-ima-adpcm';
    default:
      return `wav-0x${layout.formatTag.toString(16)}`;
  }
}
