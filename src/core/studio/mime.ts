/** The MIME type of audio bytes by their magic numbers (what a browser's <audio> needs), not by extension. */
export function audioMimeOf(bytes: Uint8Array): string {
  const ascii = (start: number, text: string): boolean =>
    bytes.length >= start + text.length && [...text].every((ch, i) => bytes[start + i] === ch.charCodeAt(0));
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'RF64') || ascii(0, 'RIFX')) return 'audio/wav';
  if (ascii(0, 'fLaC')) return 'audio/flac';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(4, 'ftyp')) return 'audio/mp4';
  if (ascii(0, 'FORM') && (ascii(8, 'AIFF') || ascii(8, 'AIFC'))) return 'audio/aiff';
  if (ascii(0, 'ID3') || (bytes.length > 1 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0))
    return 'audio/mpeg';
  return 'application/octet-stream';
}

export function fileMimeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json; charset=utf-8',
    svg: 'image/svg+xml',
    png: 'image/png',
    ico: 'image/x-icon',
    webp: 'image/webp',
    woff2: 'font/woff2',
    wasm: 'application/wasm',
    csv: 'text/csv; charset=utf-8',
    txt: 'text/plain; charset=utf-8',
    bin: 'application/octet-stream',
    map: 'application/json; charset=utf-8',
  };
  return types[ext] ?? 'application/octet-stream';
}
