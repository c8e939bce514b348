/**
 * JSON over HTTP for adapters' REST calls, with typed failures:
 * a NetworkError may be retried later; an HttpError is the server's answer.
 */
import type { UploadFetch, UploadProgress } from './uploads.js';

/** The request never got an answer (offline, refused, aborted). Retryable. */
export class NetworkError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The server answered with a non-2xx status. */
export class HttpError extends Error {
  /**
   * @param retryAfterMs How long the server asked to wait before trying again (its `Retry-After`), ms.
   */
  constructor(readonly status: number, message: string, readonly body?: unknown, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A `Retry-After` longer than this is not waited for automatically, ms. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * A `Retry-After` header as a wait in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Absent, unreadable or beyond ten minutes gives undefined.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  // An HTTP date names its weekday and month; a bare signed number is neither form.
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : /^[a-z]{3}/i.test(value) ? Date.parse(value) - now : NaN;
  if (!Number.isFinite(ms) || ms > MAX_RETRY_AFTER_MS) return undefined;
  return Math.max(0, ms);
}

/** The first HttpError in `err` and its chain of causes. */
export function httpErrorIn(err: unknown): HttpError | undefined {
  for (let e = err, i = 0; e instanceof Error && i < 8; e = e.cause, i++) if (e instanceof HttpError) return e;
  return undefined;
}

/** Statuses that mean "not now": the same request may succeed later (throttled, overloaded). */
const LATER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Whether `err` is the server saying "not now" (429, 503): try the same request again later. */
export function isTryLater(err: unknown): boolean {
  const http = httpErrorIn(err);
  return http !== undefined && LATER_STATUSES.has(http.status);
}

/** Whether `err` is the server refusing the credentials (401): a new token is needed, not a retry. */
export function isUnauthorized(err: unknown): boolean {
  return httpErrorIn(err)?.status === 401;
}

/** Whether a request carries cookies (fetch's `credentials`). */
export type Credentials = 'omit' | 'same-origin' | 'include';

/** One request. */
export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /** Cookies: `omit` unless the backend authenticates by session cookie. */
  credentials?: Credentials;
}

/**
 * Fetch JSON. The URL is printed in errors without its query string, so tokens in queries never
 * reach an error message.
 */
export async function requestJson(fetchFn: typeof fetch, url: string, req: JsonRequest = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const where = `${req.method ?? 'GET'} ${url.split('?')[0]}`;
  return answerOf(where, () => fetchFn(url, { method: req.method ?? 'GET', headers, body, signal: req.signal, credentials: req.credentials ?? 'omit' }));
}

/** A multipart upload (`FormData`), its progress reported as it goes. */
export interface FormRequest {
  method?: 'POST' | 'PUT';
  headers?: Record<string, string>;
  form: FormData;
  signal?: AbortSignal;
  credentials?: Credentials;
  progress?: UploadProgress;
}

/** Send a form through `upload` and read its JSON answer, failing as `requestJson` does. */
export function requestForm(upload: UploadFetch, url: string, req: FormRequest): Promise<unknown> {
  const method = req.method ?? 'POST';
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...req.headers }, body: req.form, signal: req.signal, credentials: req.credentials ?? 'omit' };
  return answerOf(`${method} ${url.split('?')[0]}`, () => upload(url, init, req.progress ?? (() => undefined)));
}

/** The JSON of a request's answer; no answer is a NetworkError, a non-2xx status an HttpError. */
async function answerOf(where: string, send: () => Promise<Response>): Promise<unknown> {
  let res: Response;
  try {
    res = await send();
  } catch (err) {
    throw new NetworkError(`${where} failed: ${err instanceof Error ? err.message : 'network error'}`, err);
  }
  const text = await res.text().catch(() => '');
  let data: unknown = undefined;
  if (text) {
    try { data = JSON.parse(text) as unknown; } catch { data = text; }
  }
  if (!res.ok) throw new HttpError(res.status, `${where} answered ${res.status}`, data, retryAfterMs(res.headers.get('Retry-After')));
  return data;
}

/** Join a base URL and a path, keeping exactly one slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Where the server's own reason sits in an error body, in the order looked at. */
const REASON_FIELDS = ['message', 'error', 'errorText', 'error_description', 'detail', 'title', 'reason', 'description'];
/** How much of the server's reason a person is shown. */
const MAX_REASON = 200;
/** An absolute URL, or a `METHOD /path` pair as this module prints it. */
const URL_TEXT = /\b(?:GET|POST|PUT|PATCH|DELETE)\s+(?:\/|[a-z][a-z0-9+.-]*:\/\/)\S*|\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

/** `text` without URLs, spaces collapsed, cut to a readable length. */
function plain(text: string): string {
  const out = text.replace(URL_TEXT, '').replace(/\s+/g, ' ').replace(/^[\s:,-]+|[\s:,-]+$/g, '');
  return out.length > MAX_REASON ? `${out.slice(0, MAX_REASON - 1)}…` : out;
}

/**
 * The server's own reason in an error body, in plain words: a `message`, `error`, `errorText`
 * (… ) field, the first of `errors`, Rails' `{field: ["is too long"]}`, or a short text body.
 */
export function serverReason(body: unknown, depth = 0): string {
  if (depth > 3 || body === null || body === undefined) return '';
  if (typeof body === 'string') return /^\s*</.test(body) ? '' : plain(body); // an HTML error page says nothing useful
  if (Array.isArray(body)) return serverReason(body[0], depth + 1);
  if (typeof body !== 'object') return '';
  const record = body as Record<string, unknown>;
  for (const key of REASON_FIELDS) {
    const reason = serverReason(record[key], depth + 1);
    if (reason) return reason;
  }
  const errors = record.errors;
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    const [field, value] = Object.entries(errors)[0] ?? [];
    const reason = serverReason(value, depth + 1);
    return field && reason ? plain(`${field.replace(/_/g, ' ')} ${reason}`) : reason;
  }
  return serverReason(errors, depth + 1);
}

/**
 * Why a command failed, for a person: "the server refused it (422): Content is too long", with
 * the server's own reason when its answer has one, never a URL.
 */
export function failureText(err: unknown): string {
  const http = httpErrorIn(err);
  if (!http) return plain(err instanceof Error ? err.message : typeof err === 'string' ? err : '') || 'something went wrong';
  const what = http.status >= 500 ? `the server could not take it (${http.status})` : `the server refused it (${http.status})`;
  const reason = serverReason(http.body);
  return reason ? `${what}: ${reason}` : what;
}
