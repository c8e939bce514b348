/**
 * JSON over HTTP for adapters' REST calls, with typed failures:
 * a NetworkError may be retried later; an HttpError is the server's answer.
 */

/** The request never got an answer (offline, refused, aborted). Retryable. */
export class NetworkError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The server answered with a non-2xx status. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body?: unknown) {
    super(message);
    this.name = 'HttpError';
  }
}

/** One request. */
export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /** Cookies: `omit` unless the backend authenticates by session cookie. */
  credentials?: RequestCredentials;
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
  let res: Response;
  try {
    res = await fetchFn(url, { method: req.method ?? 'GET', headers, body, signal: req.signal, credentials: req.credentials ?? 'omit' });
  } catch (err) {
    throw new NetworkError(`${where} failed: ${err instanceof Error ? err.message : 'network error'}`, err);
  }
  const text = await res.text().catch(() => '');
  let data: unknown = undefined;
  if (text) {
    try { data = JSON.parse(text) as unknown; } catch { data = text; }
  }
  if (!res.ok) throw new HttpError(res.status, `${where} answered ${res.status}`, data);
  return data;
}

/** Join a base URL and a path, keeping exactly one slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
