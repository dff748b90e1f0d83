import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AudioError } from '../audio-error.js';
import { loadAudio } from '../load.js';
import type { LoadedAudio, LoadOptions } from '../types.js';
import { errorMessage } from '../../../common/error-message.js';

const IO_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  EMFILE: 'too many open files',
  ERR_FS_FILE_TOO_LARGE: 'the file is too large to read into memory',
};

function ioError(path: string, error: unknown): AudioError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const reason = (typeof code === 'string' && IO_REASONS[code]) || errorMessage(error);
  return new AudioError(
    'io',
    `cannot read ${path}: ${reason}${typeof code === 'string' ? ` (${code})` : ''}`,
    { cause: error },
  );
}

/** The one file of this area that touches the filesystem. Returns the bytes too, so callers can hash them. */
export async function loadAudioFile(
  path: string,
  opts?: LoadOptions,
): Promise<LoadedAudio & { bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    const buffer = await readFile(path);
    // hand out a plain Uint8Array: Buffer's slice() shares memory where Uint8Array's copies
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw ioError(path, error);
  }
  const loaded = await loadAudio(bytes, basename(path), opts);
  return { ...loaded, bytes };
}
