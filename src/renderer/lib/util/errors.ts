import { errorMessage } from '../../../common/error-message.js';

/** A message fit to show a person, from anything a promise may reject with. */
export function messageOf(err: unknown): string {
  return errorMessage(err, 'Something went wrong');
}

/** Runs `work`: null when it succeeds, else the message to show (for the `thingError` fields of state). */
export async function errorOf(work: () => Promise<void>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (err) {
    return messageOf(err);
  }
}
