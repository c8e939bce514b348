/**
 * The bench's page server: the built files as a CDN would send them (gzip, `Content-Encoding:
 * gzip`, so the browser's encoded byte counts are what a page downloads), deep-chat's bundle, the
 * in-page probe, and the bench's HTML pages. Nothing is cached (`no-store`): every page downloads
 * what it uses afresh.
 *
 * | path | what |
 * |---|---|
 * | `/dist/…` | a copy of the repository's dist/ taken at start (run `npm run build` first), so a build running meanwhile changes nothing mid-bench |
 * | `/deep-chat/…` | node_modules/deep-chat/dist/ |
 * | `/bench/probe.js` | scripts/bench/probe.js |
 * | `/bench/<name>.html?…` | a page from `pages` (pages.ts) |
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json',
  '.woff2': 'font/woff2', '.png': 'image/png',
};
/** Already compressed formats: sent as they are. */
const BINARY = new Set(['.woff2', '.png']);

/** A page: its HTML for a request's query. */
export type PageBuilder = (query: URLSearchParams) => string;

export interface PageServer {
  /** `http://localhost:port`, the same site as the bench backend (its session cookie is SameSite=Strict). */
  url: string;
  close(): Promise<void>;
}

/** Files under `base` for a URL path below `prefix`, never outside it. */
function fileUnder(base: string, prefix: string, path: string): string | undefined {
  const rel = normalize(decodeURIComponent(path.slice(prefix.length)));
  const file = join(base, rel);
  return file.startsWith(base + sep) ? file : undefined;
}

/** Start the page server on 127.0.0.1 (a free port) with these pages. */
export async function startPageServer(pages: Record<string, PageBuilder>): Promise<PageServer> {
  const gzipped = new Map<string, Buffer>();
  const snapshot = await mkdtemp(join(tmpdir(), 'parley-bench-dist-'));
  await cp(join(ROOT, 'dist'), snapshot, { recursive: true });
  const mounts: [string, string][] = [['/dist/', snapshot], ['/deep-chat/', join(ROOT, 'node_modules/deep-chat/dist')]];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let body: Buffer | undefined;
      let type = TYPES['.html']!;
      let key = '';
      const page = /^\/bench\/([\w-]+)\.html$/.exec(url.pathname)?.[1];
      if (page && pages[page]) {
        body = Buffer.from(pages[page](url.searchParams));
      } else if (url.pathname === '/bench/probe.js') {
        body = await readFile(join(ROOT, 'scripts/bench/probe.js'));
        type = TYPES['.js']!;
      } else {
        const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
        const file = mount && fileUnder(mount[1], mount[0], url.pathname);
        if (file) {
          body = await readFile(file).catch(() => undefined);
          type = TYPES[extname(file)] ?? 'application/octet-stream';
          key = BINARY.has(extname(file)) ? '' : file;
        }
      }
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
        res.end('not found');
        return;
      }
      const headers: Record<string, string | number> = { 'Content-Type': type, 'Cache-Control': 'no-store' };
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && !BINARY.has(extname(url.pathname));
      if (gzip) {
        let packed = key ? gzipped.get(key) : undefined;
        if (!packed) {
          packed = gzipSync(body, { level: 9 });
          if (key) gzipped.set(key, packed);
        }
        body = packed;
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    })().catch((error: unknown) => {
      console.error('[bench] page server:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(snapshot, { recursive: true, force: true });
    },
  };
}
