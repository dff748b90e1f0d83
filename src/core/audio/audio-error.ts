export type AudioErrorCode =
  | 'empty'
  | 'not-audio'
  | 'truncated'
  | 'no-samples'
  | 'invalid-samples'
  | 'too-long'
  | 'unsupported'
  | 'silent'
  | 'io';

/** A recording we refuse, with a machine-readable code and a reason a person can act on. */
export class AudioError extends Error {
  readonly code: AudioErrorCode;

  constructor(code: AudioErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AudioError';
    this.code = code;
  }
}
