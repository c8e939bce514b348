/**
 * Reads whose 404 is an answer, not a failure: the thing a cursor names was deleted meanwhile
 * (a `beforeMessage` page of a message deleted for good), and the caller goes on without it.
 */
import { HttpError } from '../http.js';

/** What `request` resolves to, or undefined when the server answers 404; any other failure is thrown. */
export async function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
}
