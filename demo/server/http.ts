/**
 * Small HTTP helpers shared by the demo servers: permissive CORS, JSON bodies and answers, and a
 * tiny path router with `:param` segments. No framework: the demo must start in milliseconds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const ALLOWED_HEADERS = 'api_access_token, content-type, accept, authorization, x-auth-token';
const ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE, OPTIONS';

/** Sets CORS headers that let a test page on any origin call us. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) {
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS);
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Max-Age', '600');
}

/** An error a route throws to answer with a status and a JSON `{error}` body. */
export class HttpStatusError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** `undefined` answers with an empty body, as Rails' `head :ok` does. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { 'Content-Length': 0 });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a JSON object body; an empty body is `{}`; anything else that is not an object is a 400. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpStatusError(400, 'Body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpStatusError(400, 'Body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** A file part of a multipart body. */
export interface ReceivedFile {
  /** The form field it came in (`attachments[]`, `file` ...). */
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A body larger than this is cut off with 413 before it is read to its end (no backend here takes more). */
const MAX_BODY_BYTES = 128 * 1024 * 1024;

/** The raw bytes of a request body; 413 past `max`. */
export async function readRawBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpStatusError(413, 'Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A `multipart/form-data` body, parsed by Node's own `Request#formData` (undici): its text fields
 * as a record (a repeated name keeps the last), its files as a list.
 */
export async function readMultipart(req: IncomingMessage, raw?: Buffer): Promise<{ body: Record<string, unknown>; files: ReceivedFile[] }> {
  const bytes = raw ?? await readRawBody(req);
  let form: FormData;
  try {
    form = await new Request('http://demo.invalid/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: bytes }).formData();
  } catch {
    throw new HttpStatusError(400, 'Body is not valid multipart/form-data');
  }
  const body: Record<string, unknown> = {};
  const files: ReceivedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') body[field] = value;
    else files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { body, files };
}

/** Whether a request carries a multipart body. */
export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

/** What a route handler receives. */
export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The file parts of a multipart body (empty for JSON). */
  files: ReceivedFile[];
}

/** A route answers with `[status, body]`; the router serializes it. */
export type RouteHandler = (ctx: RouteContext) => [number, unknown] | Promise<[number, unknown]>;

interface Route {
  method: string;
  parts: string[];
  handler: RouteHandler;
}

/** Matches `METHOD /a/:b/c` patterns in the order they were added. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Answers the request and returns true, or returns false when no route matches. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    for (const route of this.routes) {
      if (route.method !== req.method) continue;
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      try {
        const read = req.method === 'GET' || req.method === 'DELETE' ? { body: {}, files: [] }
          : isMultipart(req) ? await readMultipart(req) : { body: await readJsonBody(req), files: [] };
        const [status, answer] = await route.handler({ req, params, query: url.searchParams, ...read });
        sendJson(res, status, answer);
      } catch (error) {
        if (error instanceof HttpStatusError) sendJson(res, error.status, { error: error.message });
        else {
          console.error('[demo] route failed', req.method, url.pathname, error);
          sendJson(res, 500, { error: String(error) });
        }
      }
      return true;
    }
    return false;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | null {
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** Field readers for untrusted JSON bodies. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpStatusError(422, `${key} must be a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined) throw new HttpStatusError(422, `${key} is required`);
  return value;
}

export function requiredInt(value: unknown, key: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new HttpStatusError(422, `${key} must be an integer`);
  return n;
}

/** Listens on `host:port`; resolves with the `http://host:port` base (a wildcard host shown as 127.0.0.1). */
export function listenHttp(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve(`http://${shown}:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Drops every open connection and resolves once the server has closed. */
export async function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** How `serveAsync` reports a handler that failed. */
export interface ServeOptions {
  /** Log prefix, e.g. `[demo] comapi`. */
  label: string;
  /** No log. */
  quiet?: boolean;
  /** The JSON body of the 500 answer (backends differ in their error shape). */
  errorBody?: (error: unknown) => unknown;
}

/**
 * An http server for an async handler: a handler that throws answers 500 (or, once headers are
 * out, cuts the response) instead of crashing the process.
 */
export function serveAsync(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, opts: ServeOptions): Server {
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!opts.quiet) console.error(`${opts.label} request failed`, error);
      if (!res.headersSent) sendJson(res, 500, opts.errorBody ? opts.errorBody(error) : { error: String(error) });
      else res.destroy();
    });
  });
}
