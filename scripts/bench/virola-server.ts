/**
 * The bench's backend: the Virola emulation of demo/server/virola (its store, Web API, session
 * login and event hub, unchanged, so the widget talks Virola's real wire shapes) without the
 * scripted correspondent or the seeded rooms, plus `/__bench/*` routes that write messages into a
 * room and push them down the events socket of the signed-in user (Sam):
 *
 * - `POST /__bench/room` → `{roomId}`: a fresh, empty room (Sam and Vera); earlier bench rooms and
 *   their messages are dropped, so the store stays small between runs.
 * - `POST /__bench/send {roomId, count, mine, frames, rate?, delayMs?}` → `{firstId, lastId}`:
 *   writes `count` messages (every other one Sam's when `mine` is `"half"`, else all Vera's), answers,
 *   then after `delayMs` (default 150) sends them as `TextMessagesCreated` frames: `frames: "one"`
 *   one frame holding all, `"each"` one frame per message as fast as the socket takes them, or,
 *   with `rate` (messages per second), one frame per message on that schedule.
 *
 * Frames are built before the delay, so the sending loop only writes. The message JSON is the
 * shape `VirolaStore.messageJson` answers, built here because that method counts comments by
 * scanning every message (fine for a demo, quadratic for 100,000).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors, closeHttp, HttpStatusError, listenHttp, requiredInt, Router, sendJson, serveAsync } from '../../demo/server/http.js';
import { VirolaActions } from '../../demo/server/virola/actions.js';
import { createApi, login, logout, sessionUser, type ApiCounters } from '../../demo/server/virola/api.js';
import { EventHub } from '../../demo/server/virola/hub.js';
import { SAM, VERA, VirolaStore, type Message } from '../../demo/server/virola/store.js';

/** The running bench backend. */
export interface BenchBackend {
  /** `http://localhost:port`: pages reach it on the same site as the bench's page server (the session cookie is SameSite=Strict). */
  url: string;
  close(): Promise<void>;
}

/** A message as the Web API and the events socket carry it (`VirolaStore.messageJson`, top level, no comments). */
function wire(m: Message): Record<string, unknown> {
  return {
    attachments: [], commentCount: 0, createdUtc: m.createdUtc, lastEditedUtc: m.lastEditedUtc, lastModifiedUtc: m.lastModifiedUtc,
    markupType: m.markupType, messageId: m.messageId, messageType: 'Regular', parentMessageId: 0, priority: 'Normal',
    roomId: m.roomId, text: m.text, userId: m.userId,
    readTimestamps: [...m.readTimestamps].map(([userId, readUtc]) => ({ readUtc, userId })),
  };
}

const frameOf = (messages: Message[]): string => JSON.stringify({ type: 'TextMessagesCreated', data: { messages: messages.map(wire) } });

/** Sends `frames` to Sam's sockets on a schedule of `rate` per second (catching up when a timer fires late). */
function sendPaced(hub: EventHub, frames: string[], rate: number): void {
  const start = performance.now();
  let sent = 0;
  const tick = (): void => {
    const due = Math.min(frames.length, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) hub.raw(SAM.id, frames[sent++]!);
    if (sent < frames.length) setTimeout(tick, 1);
  };
  tick();
}

/** Start the bench backend on 127.0.0.1 (a free port). */
export async function startBenchBackend(): Promise<BenchBackend> {
  const store = new VirolaStore();
  const hub = new EventHub(store, (req) => sessionUser(store, req));
  const actions = new VirolaActions(store, hub);
  const counters: ApiCounters = { statusChecks: 0, statusRefused: 0 };
  const rooms: number[] = [];

  const bench = new Router()
    .add('POST', '/__bench/room', () => {
      for (const id of rooms.splice(0)) store.rooms.delete(id);
      for (const [id, m] of store.messages) if (!store.rooms.has(m.roomId)) store.messages.delete(id);
      const room = store.createRoom('Bench', 'Private', [SAM.id, VERA.id]);
      rooms.push(room.id);
      return [200, { roomId: room.id }];
    })
    .add('POST', '/__bench/send', ({ body }) => {
      const roomId = requiredInt(body.roomId, 'roomId');
      if (!store.rooms.has(roomId)) throw new HttpStatusError(404, 'Room not found');
      const count = requiredInt(body.count, 'count');
      const half = body.mine === 'half';
      const written: Message[] = [];
      for (let i = 0; i < count; i++) {
        const userId = half && i % 2 === 1 ? SAM.id : VERA.id;
        written.push(store.addMessage({ roomId, userId, text: `Message ${i + 1} of ${count} from ${userId === SAM.id ? 'Sam' : 'Vera'}: the quick brown fox jumps over the lazy dog.` }));
      }
      const frames = body.frames === 'one' ? [frameOf(written)] : written.map((m) => frameOf([m]));
      const rate = body.rate === undefined ? undefined : requiredInt(body.rate, 'rate');
      const delayMs = body.delayMs === undefined ? 150 : requiredInt(body.delayMs, 'delayMs');
      setTimeout(() => {
        if (rate) sendPaced(hub, frames, rate);
        else for (const f of frames) hub.raw(SAM.id, f);
      }, delayMs);
      return [200, { firstId: written[0]?.messageId, lastId: written.at(-1)?.messageId, frames: frames.length }];
    });
  const routers = [bench, createApi(store, actions, counters)];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/api/v1/login') return login(store, req, res);
    if (req.method === 'POST' && url.pathname === '/api/v1/logout') return logout(store, req, res);
    for (const router of routers) if (await router.handle(req, res, url)) return;
    sendJson(res, 404, { errorText: `No route for ${req.method} ${url.pathname}`, httpStatusCode: 404 });
  };
  const server = serveAsync(handle, { label: '[bench] virola', errorBody: (error) => ({ errorText: String(error), httpStatusCode: 500 }) });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const base = await listenHttp(server, '127.0.0.1', 0);
  return {
    url: base.replace('//127.0.0.1:', '//localhost:'),
    close: async () => {
      await hub.close();
      await closeHttp(server);
    },
  };
}
