/**
 * The IMKIT socket: a real Socket.IO 4 server. A client may send `conf {encoding:"base64"}`
 * (then every payload and ack it gets is base64 of UTF-8 JSON), must send
 * `auth2(token, {IM-CLIENT-KEY, IM-Authorization, deviceId}, ack)`, and may emit `typing`.
 * A refused `auth2` gets `{RC: 401}` and the socket is closed, as IMKIT does [I1 socket-connection.md
 * "the server closes the connection"; I4 Flutter SDK reads `RC == 401` in the ack]. Every source
 * per behaviour: demo/server/README.md (IMKIT).
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { FrameFaults, type Deliver } from '../shared/faults.js';
import { DEMO_CLIENT_KEY, DEMO_TOKEN, ME } from './store.js';

/** What the socket side reports to the rest of the emulation. */
export interface RealtimeHooks {
  /** A client emitted `typing` for a room. */
  typing(clientId: string, roomId: string, socket: Socket): void;
}

interface SocketData { clientId?: string; base64?: boolean; deviceId?: string }

/** Encode a payload for one socket: base64 JSON when it asked for it. */
export function encodeFor(base64: boolean, payload: unknown): unknown {
  return base64 ? Buffer.from(JSON.stringify(payload), 'utf8').toString('base64') : payload;
}

export class ImkitRealtime {
  readonly io: Server;
  authAttempts = 0;
  authFailures = 0;
  confs = 0;
  typingReceived: { clientId: string; room: string }[] = [];
  /** Duplicates and reorders frames while a fault storm runs (off otherwise). */
  readonly faults = new FrameFaults();
  private refuseUntil = 0;
  /** Each socket's delivery: every event frame to it goes through here (see `send`). */
  private readonly delivery = new Map<Socket, Deliver>();

  constructor(http: HttpServer, private readonly hooks: RealtimeHooks) {
    this.io = new Server(http, { cors: { origin: true }, transports: ['websocket', 'polling'], pingInterval: 5000, pingTimeout: 4000 });
    this.io.use((_socket, next) => {
      if (Date.now() < this.refuseUntil) next(new Error('refused for a while (test control)'));
      else next();
    });
    this.io.on('connection', (socket) => this.attach(socket));
  }

  /** Refuse new connections for `ms`. */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  get refusingForMs(): number {
    return Math.max(0, this.refuseUntil - Date.now());
  }

  clearRefusal(): void {
    this.refuseUntil = 0;
  }

  resetCounters(): void {
    this.authAttempts = 0;
    this.authFailures = 0;
    this.confs = 0;
    this.typingReceived = [];
  }

  /** Cut every socket's transport, as a network failure would. */
  dropAll(): number {
    const all = [...this.io.of('/').sockets.values()];
    for (const s of all) s.conn.close();
    return all.length;
  }

  /**
   * A restart of the realtime service: new connections are refused for `ms`, every socket is cut
   * and the per-connection state (deliveries with their held frames) is forgotten.
   */
  restart(ms: number): number {
    this.refuse(ms);
    const cut = this.dropAll();
    this.delivery.clear();
    return cut;
  }

  /** Authenticated sockets of a client. */
  socketsOf(clientId: string): Socket[] {
    return [...this.io.of('/').sockets.values()].filter((s) => (s.data as SocketData).clientId === clientId);
  }

  /** Send an event to every socket of these clients (except `skip`), encoded per socket. */
  send(clientIds: readonly string[], event: string, payload: unknown, skip?: Socket): void {
    for (const s of this.io.of('/').sockets.values()) {
      const data = s.data as SocketData;
      if (s === skip || !data.clientId || !clientIds.includes(data.clientId)) continue;
      const frame = encodeFor(data.base64 === true, payload);
      // Through the socket's fault wrapper, which sends it once, in order, unless a storm runs.
      const deliver = this.delivery.get(s);
      if (deliver) deliver(() => s.emit(event, frame));
      else s.emit(event, frame);
    }
  }

  get connections(): number {
    return this.io.of('/').sockets.size;
  }

  get authenticated(): { clientId: string; base64: boolean; deviceId?: string }[] {
    return [...this.io.of('/').sockets.values()].flatMap((s) => {
      const d = s.data as SocketData;
      return d.clientId ? [{ clientId: d.clientId, base64: d.base64 === true, deviceId: d.deviceId }] : [];
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => { void this.io.close(() => resolve()); });
  }

  private attach(socket: Socket): void {
    const data = socket.data as SocketData;
    this.delivery.set(socket, this.faults.socket(() => socket.connected));
    socket.on('disconnect', () => this.delivery.delete(socket));
    const reply = (ack: unknown, payload: unknown): void => {
      if (typeof ack === 'function') (ack as (p: unknown) => void)(encodeFor(data.base64 === true, payload));
    };
    socket.on('conf', (conf: unknown, ack: unknown) => {
      this.confs++;
      data.base64 = typeof conf === 'object' && conf !== null && (conf as { encoding?: unknown }).encoding === 'base64';
      reply(ack, { RC: 0, RM: 'OK' });
    });
    socket.on('auth2', (token: unknown, extra: unknown, ack: unknown) => {
      this.authAttempts++;
      const x = typeof extra === 'object' && extra !== null ? extra as Record<string, unknown> : {};
      if (token !== DEMO_TOKEN || x['IM-CLIENT-KEY'] !== DEMO_CLIENT_KEY) {
        this.authFailures++;
        reply(ack, { RC: 401, RM: 'Unauthorized' });
        setTimeout(() => socket.disconnect(true), 20);
        return;
      }
      data.clientId = ME;
      if (typeof x.deviceId === 'string') data.deviceId = x.deviceId;
      // The vendor's JS SDK reads the (base64-decoded) ack as {RC, RM, result} and resolves
      // `result`, documented there as {client} [imkit/imkit-js-lib src/socket/index.js chatIn].
      reply(ack, { RC: 0, RM: 'OK', result: { client: ME } });
    });
    socket.on('typing', (arg: unknown) => {
      if (!data.clientId) return;
      const room = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { room?: unknown }).room : undefined;
      if (typeof room !== 'string') return;
      this.typingReceived.push({ clientId: data.clientId, room });
      this.hooks.typing(data.clientId, room, socket);
    });
  }
}
