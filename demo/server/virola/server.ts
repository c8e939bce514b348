/**
 * The Virola Messenger emulation: one http server carrying the Web API (`/api/v1/...`), the test
 * control endpoints (`/__control/...`) and, on `upgrade` at `/api/v1/events`, the event WebSocket.
 *
 * Users: Sam (id 1, `sam` / `sam-demo`, Web API token `demo-virola-token`), who the widget signs
 * in as, and Vera (id 2), the scripted correspondent. A fresh state has two rooms: "Vera"
 * (private, with her greeting) and "Welcome!" (public, with a Markdown welcome). Auth as Virola
 * documents it: the `VirolaUserSessionId` cookie from `POST /api/v1/login` everywhere, the token
 * (`Authorization: Bearer`) on REST calls but `/status`; the events socket takes the cookie and
 * nothing else (no `?token=`, no header). Every behaviour and its source: demo/server/README.md (Virola).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DemoBackend, DemoBackendOptions } from '../backend.js';
import { applyCors, closeHttp, listenHttp, type Router, sendJson, serveAsync } from '../http.js';
import { VirolaActions } from './actions.js';
import { createApi, login, logout, serveAttachment, sessionUser, type ApiCounters } from './api.js';
import { createControlApi } from './control.js';
import { Correspondent } from './correspondent.js';
import { EventHub } from './hub.js';
import { SAM, VERA, VirolaStore } from './store.js';

export const GREETING = 'Hi Sam! I am Vera. Write me anything: ask a question, or mention markdown, html or vanish.';
export const WELCOME = '**Welcome!** This public room is for everyone.\n\n_Tip:_ comments on a message show as replies.';

/** Start the Virola emulation (see `DemoBackend`). */
export function createVirolaServer(opts: DemoBackendOptions = {}): DemoBackend {
  const store = new VirolaStore();
  const hub = new EventHub(store, (req) => sessionUser(store, req));
  const counters: ApiCounters = { statusChecks: 0, statusRefused: 0 };
  const actions = new VirolaActions(store, hub);
  const correspondent = new Correspondent(store, actions, opts.agentDelayMs ?? 400);
  actions.listener = correspondent;

  const seed = (): void => {
    const direct = store.createRoom('Vera', 'Private', [SAM.id, VERA.id]);
    const welcome = store.createRoom('Welcome!', 'Public', [SAM.id, VERA.id]);
    store.addMessage({ roomId: welcome.id, userId: VERA.id, text: WELCOME, markupType: 'TextMarkdown' });
    store.addMessage({ roomId: direct.id, userId: VERA.id, text: GREETING });
  };
  seed();

  const routers: Router[] = [createControlApi({ store, actions, hub, correspondent, seed, counters }), createApi(store, actions, counters)];

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/api/v1/login') {
      await login(store, req, res);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/logout') {
      logout(store, req, res);
      return;
    }
    if (serveAttachment(store, req, res, url)) return;
    for (const router of routers) if (await router.handle(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/') {
      // Not a Virola route: the demo's own landing note.
      sendJson(res, 200, { name: 'Parley demo: Virola emulation', events: '/api/v1/events', user: SAM.userName });
      return;
    }
    sendJson(res, 404, { errorText: `No route for ${req.method} ${url.pathname}`, httpStatusCode: 404 });
  };

  const server: Server = serveAsync(handleRequest, { label: '[demo] virola', quiet: opts.quiet, errorBody: (error) => ({ errorText: String(error), httpStatusCode: 500 }) });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });

  return {
    listen: (host, port) => listenHttp(server, host, port),
    close: async () => {
      correspondent.cancel();
      await hub.close();
      await closeHttp(server);
    },
  };
}
