/** An error that already knows its HTTP status (body too large, bad token, unknown route ...). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
