import { ContractError } from '../../common/contract.js';

export type StudioErrorCode = 'bad-request' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

/** An error whose message is meant for the user; its code tells a transport which status to answer with. */
export class StudioError extends Error {
  override readonly name = 'StudioError';
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): StudioError => new StudioError('bad-request', message);
export const notFound = (message: string): StudioError => new StudioError('not-found', message);
export const conflict = (message: string): StudioError => new StudioError('conflict', message);

const INPUT_ERRORS = new Set([
  'AudioError',
  'ContractError',
  'UnknownLabelError',
  'ManifestError',
  'AnnotatorNameError',
]);

/** Errors raised by lower layers that describe bad input rather than a bug (e.g. AudioError 'not-audio'). */
function isInputError(err: Error): boolean {
  return INPUT_ERRORS.has(err.name);
}

export interface PublicError {
  code: StudioErrorCode;
  message: string;
}

/**
 * Maps anything thrown below the service to a code and a message a person can act on. Unknown errors keep
 * their message (they are local, for the project's owner) but are flagged 'internal' so the shells log them.
 */
export function toPublicError(err: unknown): PublicError {
  if (err instanceof StudioError) return { code: err.code, message: err.message };
  if (err instanceof ContractError) return { code: 'bad-request', message: err.message };
  if (err instanceof Error) {
    if (isInputError(err)) return { code: 'bad-request', message: err.message };
    const sysCode = (err as NodeJS.ErrnoException).code;
    if (sysCode === 'ENOENT') return { code: 'not-found', message: err.message };
    return { code: 'internal', message: err.message || err.name };
  }
  return { code: 'internal', message: String(err) };
}

export function httpStatusOf(code: StudioErrorCode): number {
  switch (code) {
    case 'bad-request':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}
