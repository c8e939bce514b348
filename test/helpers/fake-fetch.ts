/**
 * A fetch that records every request and answers from a route table, for the protocol adapter
 * tests. Each protocol's fakes pick the 404 body its server would send.
 */

/** A recorded request. */
export interface Call {
  method: string;
  /** Path and query. */
  path: string;
  body?: unknown;
  headers: Record<string, string>;
  /** Only recorded when the fetch is made with `credentials: true`. */
  credentials?: RequestCredentials;
}

/** Route handler: return a body (status 200), or `[status, body]` (or, with `asyncRoutes`, a promise of either). */
export type Route = (call: Call) => unknown;

export interface FakeFetchOptions {
  /** The JSON body answered (status 404) when no route matches. */
  notFound?: unknown;
  /** Await what a route returns; a route returning an Error makes the fetch fail as a network error would. */
  asyncRoutes?: boolean;
  /** Record each request's `credentials` mode on its Call. */
  credentials?: boolean;
}

/** A fetch answering from `routes` (`'GET /path?query'` keys first, then `'GET /path'` for any query). */
export function fakeFetch(routes: Record<string, Route>, options: FakeFetchOptions = {}): { fetch: typeof fetch; calls: Call[] } {
  const { notFound = { error: 'no route' }, asyncRoutes = false, credentials = false } = options;
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init.method ?? 'GET';
    const call: Call = {
      method, path: url.pathname + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) as unknown : undefined,
      headers: { ...(init.headers as Record<string, string>) },
    };
    if (credentials) call.credentials = init.credentials;
    calls.push(call);
    const route = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify(notFound), { status: 404 });
    const out = asyncRoutes ? await route(call) : route(call);
    if (asyncRoutes && out instanceof Error) throw new TypeError('Failed to fetch');
    const [status, body] = Array.isArray(out) && out.length === 2 && typeof out[0] === 'number' ? out as [number, unknown] : [200, out];
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fn as typeof fetch, calls };
}
