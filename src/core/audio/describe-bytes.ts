const KNOWN_NON_AUDIO: ReadonlyArray<{ magic: readonly number[]; at?: number; what: string }> = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or an Office document)' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux executable' },
  { magic: [0x4d, 0x5a], what: 'a Windows executable' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database' },
  { magic: [0x57, 0x45, 0x42, 0x50], at: 8, what: 'a WebP image' },
];

const TEXT_PROBE_BYTES = 512;

function startsWith(bytes: Uint8Array, magic: readonly number[], at: number): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function asText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, TEXT_PROBE_BYTES);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) {
      // the probe may cut a multi-byte character at its end; anywhere else it means binary
      if (i < text.length - 2 || bytes.length <= TEXT_PROBE_BYTES) return undefined;
      replaced++;
    } else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) {
      return undefined;
    }
  }
  return replaced <= 1 && text.trim().length > 0 ? text : undefined;
}

function textKind(text: string): string {
  const t = text.trimStart();
  if (/^<(!doctype html|html)/i.test(t)) return 'HTML';
  if (t.startsWith('<')) return 'XML';
  if (t.startsWith('{') || t.startsWith('[')) return 'JSON-like text';
  const firstLine = t.split(/\r?\n/, 1)[0];
  if (firstLine.includes(',') && t.includes('\n')) return 'CSV-like text';
  return 'text';
}

/** A short human description of content that is recognisably not audio, or undefined. */
export function describeNonAudio(bytes: Uint8Array): string | undefined {
  for (const { magic, at, what } of KNOWN_NON_AUDIO) if (startsWith(bytes, magic, at ?? 0)) return what;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46], 0)) {
    const form = String.fromCharCode(...bytes.subarray(8, 12));
    return `a RIFF file of type ${JSON.stringify(form)}, not WAVE`;
  }
  const text = asText(bytes);
  // Only the kind: a reason is shown and stored, and must never carry the file's contents (a key, a password).
  return text === undefined ? undefined : textKind(text);
}
