/**
 * The message of anything thrown or rejected with: an Error's own (its name where it has none), a string as
 * it is, anything else as text, or `otherwise` where given (what a person should read instead of "[object Object]").
 */
export function errorMessage(err: unknown, otherwise?: string): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  return otherwise ?? String(err);
}
