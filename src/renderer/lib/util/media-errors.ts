import { messageOf } from './errors.js';

const UNREADABLE =
  'the browser cannot read it as audio (the file may be empty, cut short or in a format it does not know)';

/**
 * What went wrong loading a clip into the audio view, naming the file, in words a person can act on.
 * Chromium's media errors carry its pipeline's internal codes (`DEMUXER_ERROR_COULD_NOT_OPEN`,
 * `PIPELINE_ERROR_DECODE`); those say nothing to a user, so they become the plain reason.
 */
export function audioLoadError(name: string, err: unknown): string {
  const prefix = `Could not load the audio of ${name}`;
  const code = typeof MediaError === 'undefined' || !(err instanceof MediaError) ? undefined : err.code;
  if (code === 2) return `${prefix}: the connection to the studio failed while it was loading.`;
  if (code !== undefined) return `${prefix}: ${UNREADABLE}.`;
  const message = messageOf(err);
  if (/DEMUXER_|PIPELINE_|FFmpeg|decode audio data|EncodingError/i.test(message) || isDecodeError(err))
    return `${prefix}: ${UNREADABLE}.`;
  return `${prefix}: ${message}`;
}

function isDecodeError(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'EncodingError' || err.name === 'NotSupportedError');
}
