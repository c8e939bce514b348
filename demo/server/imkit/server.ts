/**
 * The IMKIT emulation on loopback: one http server carrying the client REST API, the test control
 * endpoints and a real Socket.IO 4 server (default namespace and path) speaking IMKIT's events.
 * Demo credentials: token `demo-imkit-token`, client key `demo-client-key`; anything else is
 * refused (REST 401, `auth2` `{RC: 401}` then the socket closes).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DemoBackend, DemoBackendOptions } from '../backend.js';
import { applyCors, listenHttp, type Router, sendJson, serveAsync } from '../http.js';
import { ImkitActions } from './actions.js';
import { createControlApi } from './control.js';
import { Correspondent } from './correspondent.js';
import { ImkitRealtime } from './realtime.js';
import { createRestApi } from './rest.js';
import { handleFiles } from './files.js';
import { FileStore } from '../shared/files.js';
import { DEMO_CLIENT_KEY, DEMO_TOKEN, ImkitStore } from './store.js';

export function createImkitServer(opts: DemoBackendOptions = {}): DemoBackend {
  const store = new ImkitStore();
  const delayMs = opts.agentDelayMs ?? 400;
  const server: Server = serveAsync(handleRequest, { label: '[demo imkit]', quiet: opts.quiet });
  // The hooks run only after every const below is initialized.
  const rt = new ImkitRealtime(server, {
    typing: (clientId, roomId, socket) => {
      const room = store.rooms.get(roomId);
      if (room?.members.includes(clientId)) actions.typing(room, clientId, socket);
    },
  });
  const actions: ImkitActions = new ImkitActions(store, rt);
  const kit = new Correspondent(store, actions, delayMs);
  actions.listener = kit;
  const control = createControlApi({ store, actions, rt, kit, chunkDelayMs: Math.max(50, Math.round(delayMs / 2)) });
  const routers: Router[] = [control, createRestApi(store, actions)];
  const files = new FileStore();
  // Socket.IO takes the requests under /socket.io/ before they reach handleRequest.

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    if (await handleFiles(files, req, res, url)) return;
    for (const router of routers) if (await router.handle(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/') {
      sendJson(res, 200, { name: 'Parley demo: IMKIT emulation', token: DEMO_TOKEN, clientKey: DEMO_CLIENT_KEY, socket: '/socket.io' });
      return;
    }
    sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
  }

  return {
    listen: (host, port) => listenHttp(server, host, port),
    close: async () => {
      kit.cancel();
      control.cancel();
      const closing = rt.close(); // closes the http server too
      server.closeAllConnections();
      await closing;
    },
  };
}
