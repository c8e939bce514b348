/**
 * The Avaya Spaces emulation: one http server carrying the REST API, the test control endpoints,
 * a small image for attachments and the `/chat` socket namespace: on socket.io 2 at `/socket.io`
 * (what Avaya runs) and on a socket.io 4 twin at `/socket.io-v4` (socket-servers.ts). Sam, the
 * scripted correspondent, answers in every space. Every behaviour and its source: demo/server/README.md (Avaya Spaces).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DemoBackend, DemoBackendOptions } from '../backend.js';
import { applyCors, HttpStatusError, listenHttp, type Router, sendJson, serveAsync } from '../http.js';
import { SpacesActions } from './actions.js';
import { createControlApi } from './control.js';
import { Correspondent } from './correspondent.js';
import { samplePng } from './png.js';
import { SpacesRealtime } from './realtime.js';
import { attachSocketServers, V4_PATH } from './socket-servers.js';
import { authUser, createSpacesApi, deleteMessages } from './rest.js';
import { DEMO_SPACE_ID, SpacesStore } from './store.js';

async function readArrayBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpStatusError(400, 'Body is not valid JSON');
  }
}

/** Create the Spaces emulation (`demo/server/index.ts` starts it). */
export function createSpacesServer(opts: DemoBackendOptions = {}): DemoBackend {
  const store = new SpacesStore();
  const png = samplePng();
  let routers: Router[] = [];

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/api/messages/deletemessages') {
      try {
        const user = authUser(store, req);
        sendJson(res, 200, deleteMessages(store, actions, user, await readArrayBody(req)));
      } catch (error) {
        if (error instanceof HttpStatusError) sendJson(res, error.status, { error: error.message });
        else throw error;
      }
      return;
    }
    for (const router of routers) if (await router.handle(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/files/sunrise.png') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'max-age=3600' });
      res.end(png);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/') {
      sendJson(res, 200, { name: 'Parley demo: Avaya Spaces emulation', socket: `/chat (socket.io 2 at /socket.io; socket.io 4 at ${V4_PATH})`, demoSpace: DEMO_SPACE_ID, memberToken: 'demo-user-token' });
      return;
    }
    sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
  };

  const server: Server = serveAsync(handleRequest, { label: '[demo] spaces', quiet: opts.quiet });
  const realtime = new SpacesRealtime(store);
  const sockets = attachSocketServers(server, realtime);
  const actions = new SpacesActions(store, realtime);
  realtime.actions = actions;
  const sam = new Correspondent(store, actions, opts.agentDelayMs ?? 400);
  actions.listener = sam;
  routers = [createControlApi({ store, actions, realtime, sam }), createSpacesApi({ store, actions })];

  return {
    listen: async (host, port) => {
      sam.baseUrl = await listenHttp(server, host, port);
      return sam.baseUrl;
    },
    close: async () => {
      sam.cancel();
      realtime.dropAll();
      server.closeAllConnections();
      await sockets.close(); // closes the http server too
    },
  };
}
