/**
 * The Chatwoot emulation: one http server carrying the Client API, the Application API, the test
 * control endpoints and, on `upgrade` at `/cable`, the ActionCable websocket.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { applyCors, closeHttp, listenHttp, type Router, sendJson, serveAsync } from '../http.js';
import { ChatwootActions } from './actions.js';
import { createAgentApi } from './agent-api.js';
import { CableServer } from './cable.js';
import { createClientApi } from './client-api.js';
import { createControlApi } from './control.js';
import { ChatwootEvents } from './events.js';
import { ScriptedAgent } from './scripted-agent.js';
import { RequestThrottle } from './throttle.js';
import { serveStorage } from './storage.js';
import { FileStore } from '../shared/files.js';
import { ACCOUNT_ID, AGENT, ChatwootStore } from './store.js';

export interface ChatwootServerOptions {
  /** Delay between the scripted agent's steps, ms. */
  agentDelayMs?: number;
  quiet?: boolean;
}

export interface ChatwootServer {
  /** Resolves with the `http://host:port` base once listening. */
  listen(host: string, port: number): Promise<string>;
  close(): Promise<void>;
}

/** Ruby's `blank?` for a JSON value: nil, false, or an empty or whitespace-only string. */
function blank(value: unknown): boolean {
  return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '');
}

/**
 * RoomChannel#current_user and #current_account: without `user_id` the token must be a contact
 * inbox's (`ContactInbox.find_by!(pubsub_token:)`); with one it must be that user's
 * (`User.find_by!(pubsub_token:, id:)`) and `account_id` one of the user's accounts
 * (`accounts.find`). Anything else raises in Chatwoot: null here.
 */
function roomChannelUser(store: ChatwootStore, params: Record<string, unknown>): 'agent' | 'contact' | null {
  const token = params.pubsub_token;
  if (typeof token !== 'string') return null;
  if (blank(params.user_id)) return store.contactsByToken.has(token) ? 'contact' : null;
  if (token !== AGENT.pubsubToken || String(params.user_id) !== String(AGENT.id)) return null;
  return String(params.account_id) === String(ACCOUNT_ID) ? 'agent' : null;
}

export function createChatwootServer(opts: ChatwootServerOptions = {}): ChatwootServer {
  const store = new ChatwootStore();
  // The hooks run only after every const below is initialized.
  const cable = new CableServer({
    authorize: (params) => roomChannelUser(store, params),
    subscribed: (sub) => events.presence(sub),
    performed: (sub, action) => {
      if (action === 'update_presence') events.presence(sub);
    },
  });
  const agentOnline = (): boolean => agent.enabled;
  const events: ChatwootEvents = new ChatwootEvents(store, cable, agentOnline);
  const actions: ChatwootActions = new ChatwootActions(store, events);
  const agent: ScriptedAgent = new ScriptedAgent(store, actions, opts.agentDelayMs ?? 400);
  actions.listener = agent;

  const throttle = new RequestThrottle();
  const control = createControlApi({ store, actions, events, cable, agent, throttle });
  const files = new FileStore();
  const routers: Router[] = [
    createClientApi({ store, actions, agentOnline, files }),
    createAgentApi({ store, actions, agentOnline, files }),
  ];

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await control.handle(req, res, url)) return;
    if (serveStorage(files, req, res, url)) return;
    if (throttle.refuse(res)) return;
    for (const router of routers) if (await router.handle(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/') {
      sendJson(res, 200, { name: 'Parley demo: Chatwoot emulation', cable: '/cable', inbox: 'demo-inbox', agentToken: AGENT.accessToken });
      return;
    }
    sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
  };

  const server: Server = serveAsync(handleRequest, { label: '[demo]', quiet: opts.quiet });
  server.on('upgrade', (req, socket, head) => {
    if (!cable.handleUpgrade(req, socket, head)) socket.destroy();
  });

  return {
    listen: (host, port) => listenHttp(server, host, port),
    close: async () => {
      agent.cancel();
      await cable.close();
      await closeHttp(server);
    },
  };
}
