/**
 * The Comapi emulation: one http server carrying the REST API under `/apispaces/demo-space`,
 * the test control endpoints, two sample files and, on `upgrade` at
 * `/apispaces/demo-space/socket?token=…`, the WebSocket. Cleo, the scripted correspondent,
 * answers in every conversation she is part of. See README.md beside this file.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DemoBackend, DemoBackendOptions } from '../backend.js';
import { applyCors, closeHttp, HttpStatusError, listenHttp, type Router, sendJson, serveAsync } from '../http.js';
import { ComapiActions } from './actions.js';
import { createControlApi } from './control.js';
import { Correspondent } from './correspondent.js';
import { ComapiEvents } from './events.js';
import { handleContent } from './content.js';
import { FileStore } from '../shared/files.js';
import { applyStatusUpdates, conversationFor, createRestApi, PREFIX, profileOf } from './rest.js';
import { ComapiSockets } from './sockets.js';
import { API_SPACE, ComapiStore } from './store.js';

const FILES: Record<string, { type: string; body: string }> = {
  '/files/parley.svg': {
    type: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="100" viewBox="0 0 160 100"><rect width="160" height="100" rx="12" fill="#3b5bdb"/><circle cx="50" cy="50" r="22" fill="#fff"/><circle cx="110" cy="50" r="22" fill="#fff" opacity=".6"/></svg>',
  },
  '/files/notes.txt': { type: 'text/plain; charset=utf-8', body: 'Parley demo: a text file sent by Cleo.\n' },
};
const STATUS_PATH = new RegExp(`^${PREFIX}/conversations/([^/]+)/messages/statusupdates$`);

async function readArrayBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  try {
    return text ? JSON.parse(text) as unknown : undefined;
  } catch {
    throw new HttpStatusError(400, 'Body is not valid JSON');
  }
}

/** Create the Comapi demo backend. */
export function createComapiServer(opts: DemoBackendOptions = {}): DemoBackend {
  const store = new ComapiStore();
  const sockets = new ComapiSockets({ authorize: (token) => store.sessionOf(token ?? undefined)?.profileId });
  const events = new ComapiEvents(store, sockets);
  const actions = new ComapiActions(store, events);
  const correspondent = new Correspondent(store, actions, opts.agentDelayMs ?? 400);
  actions.listener = correspondent;
  const files = new FileStore();
  const routers: Router[] = [createControlApi({ store, actions, sockets, correspondent }), createRestApi({ store, events, actions })];

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const status = STATUS_PATH.exec(url.pathname);
    if (status && req.method === 'POST') {
      try {
        const me = profileOf(store, req);
        const c = conversationFor(store, decodeURIComponent(status[1]!), me);
        sendJson(res, 200, { updated: applyStatusUpdates({ store, events, actions }, c, me, await readArrayBody(req)) });
      } catch (error) {
        if (error instanceof HttpStatusError) sendJson(res, error.status, { error: error.message });
        else throw error;
      }
      return;
    }
    if (await handleContent(store, files, req, res, url)) return;
    for (const router of routers) if (await router.handle(req, res, url)) return;
    const file = req.method === 'GET' ? FILES[url.pathname] : undefined;
    if (file) {
      res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': Buffer.byteLength(file.body) });
      res.end(file.body);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/') {
      sendJson(res, 200, { name: 'Parley demo: Comapi emulation', apiSpaceId: API_SPACE, socket: `${PREFIX}/socket?token=…`, correspondent: 'cleo' });
      return;
    }
    sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
  };

  const server: Server = serveAsync(handleRequest, { label: '[demo] comapi', quiet: opts.quiet });
  server.on('upgrade', (req, socket, head) => {
    if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
  });

  return {
    listen: async (host, port) => {
      const base = await listenHttp(server, host, port);
      correspondent.filesBase = base;
      return base;
    },
    close: async () => {
      correspondent.cancel();
      await sockets.close();
      await closeHttp(server);
    },
  };
}
