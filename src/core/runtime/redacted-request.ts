/**
 * A protocol's REST call whose failures carry no credential: `requestJson`, with every secret cut
 * out of an HttpError's or NetworkError's message (the class, status, body and Retry-After kept),
 * so an error that travels on as a `cause` is as clean as the report that carries it.
 */
import { redactText } from '../errors.js';
import { HttpError, NetworkError, requestForm, requestJson, type FormRequest, type JsonRequest } from '../http.js';
import type { UploadFetch } from '../uploads.js';

/** `requestJson(fetchFn, url, req)`; a failure's message passes `redactText` with `secrets()`. */
export function redactedRequestJson(fetchFn: typeof fetch, url: string, req: JsonRequest, secrets: () => readonly (string | undefined)[]): Promise<unknown> {
  return redacted(() => requestJson(fetchFn, url, req), secrets);
}

/** `requestForm(upload, url, req)`, its failures redacted the same way. */
export function redactedRequestForm(upload: UploadFetch, url: string, req: FormRequest, secrets: () => readonly (string | undefined)[]): Promise<unknown> {
  return redacted(() => requestForm(upload, url, req), secrets);
}

async function redacted(call: () => Promise<unknown>, secrets: () => readonly (string | undefined)[]): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError(err.status, redactText(err.message, secrets()), err.body, err.retryAfterMs);
    if (err instanceof NetworkError) throw new NetworkError(redactText(err.message, secrets()));
    throw err;
  }
}
