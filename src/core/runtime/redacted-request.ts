/**
 * A protocol's REST call whose failures carry no credential: `requestJson`, with every secret cut
 * out of an HttpError's or NetworkError's message (the class, status, body and Retry-After kept),
 * so an error that travels on as a `cause` is as clean as the report that carries it.
 */
import { redactText } from '../errors.js';
import { HttpError, NetworkError, requestJson, type JsonRequest } from '../http.js';

/** `requestJson(fetchFn, url, req)`; a failure's message passes `redactText` with `secrets()`. */
export async function redactedRequestJson(fetchFn: typeof fetch, url: string, req: JsonRequest, secrets: () => readonly (string | undefined)[]): Promise<unknown> {
  try {
    return await requestJson(fetchFn, url, req);
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError(err.status, redactText(err.message, secrets()), err.body, err.retryAfterMs);
    if (err instanceof NetworkError) throw new NetworkError(redactText(err.message, secrets()));
    throw err;
  }
}
