/**
 * The socket.io side of the emulation: namespace `/chat`, authenticated by `tokenType` and `token`
 * in the handshake query; `SUBSCRIBE_CHANNEL` → `CHANNEL_SUBSCRIBED` / `SUBSCRIBE_CHANNEL_FAILED`;
 * `SEND_MESSAGE` → `MESSAGE_SENT` (with `loopbackMetadata` back to the sender) / `SEND_MESSAGE_FAILED`.
 *
 * Every frame to a client socket goes through that socket's `FrameFaults` delivery (one per
 * socket), so a fault storm can deliver it twice or out of order; with no storm it is sent at once.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { FrameFaults, type Deliver } from '../shared/faults.js';
import type { Hub, SpacesActions } from './actions.js';
import type { Category, SpacesStore, User } from './store.js';

const SUBSCRIPTION_REQUIRED = 'app.event.channel.subscription.required';
const room = (spaceId: string) => `topic:${spaceId}`;
const userRoom = (userId: string) => `user:${userId}`;

type Payload = Record<string, unknown>;

function asRecord(v: unknown): Payload {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Payload : {};
}

export class SpacesRealtime implements Hub {
  readonly io: Server;
  private readonly chat: Namespace;
  private refuseUntil = 0;
  /** Socket id → its delivery (duplicates and reorders frames while a fault storm runs). */
  private readonly delivery = new Map<string, Deliver>();
  /** Duplicated and reordered frames while a fault storm runs. */
  readonly faults = new FrameFaults();
  /** The next sends fail with this reason (tests of SEND_MESSAGE_FAILED). */
  failNextSends: string[] = [];
  actions?: SpacesActions;

  constructor(http: HttpServer, private readonly store: SpacesStore) {
    this.io = new Server(http, {
      cors: { origin: true, credentials: true },
      transports: ['websocket'],
      allowEIO3: true, // socket.io-client 2 (what a Spaces server on socket.io 2 needs) connects too
      allowRequest: (_req, callback) => callback(null, Date.now() >= this.refuseUntil),
    });
    this.chat = this.io.of('/chat');
    this.chat.use((socket, next) => {
      const user = this.store.userByToken(socket.handshake.query.token);
      if (!user) {
        next(new Error('unauthorized: invalid or expired token'));
        return;
      }
      socket.data.user = user;
      next();
    });
    this.chat.on('connection', (socket) => this.connected(socket));
  }

  /** Refuse new connections for `ms` (the handshake answers 403). */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  get refusingForMs(): number {
    return Math.max(0, this.refuseUntil - Date.now());
  }

  clearRefusal(): void {
    this.refuseUntil = 0;
  }

  /** Disconnect every socket (the clients see "io server disconnect"). */
  dropAll(): number {
    const n = this.chat.sockets.size;
    this.chat.disconnectSockets(true);
    return n;
  }

  /**
   * A restart of the realtime service: new connections are refused for `ms`, every socket is cut,
   * and per-connection state (subscriptions, held frames) is forgotten; the store survives.
   */
  restart(ms: number): number {
    this.refuse(ms);
    const n = this.dropAll();
    this.delivery.clear();
    return n;
  }

  get connectionCount(): number {
    return this.chat.sockets.size;
  }

  /** Subscriptions per socket: which spaces each connected user is subscribed to. */
  subscriptions(): { user: string; spaces: string[] }[] {
    return [...this.chat.sockets.values()].map((s) => ({
      user: (s.data.user as User).id,
      spaces: [...s.rooms].filter((r) => r.startsWith('topic:')).map((r) => r.slice(6)),
    }));
  }

  toSpace(spaceId: string, event: string, payload: unknown, exceptSocket?: string): void {
    this.toRoom(room(spaceId), event, payload, exceptSocket);
  }

  toSocket(socketId: string, event: string, payload: unknown): void {
    const socket = this.chat.sockets.get(socketId);
    if (socket) this.emit(socket, event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.toRoom(userRoom(userId), event, payload);
  }

  /** Close socket.io and the http server under it. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => { void this.io.close(() => resolve()); });
  }

  /** Each socket of a socket.io room, one by one, so each frame goes through that socket's delivery. */
  private toRoom(name: string, event: string, payload: unknown, exceptSocket?: string): void {
    for (const id of [...(this.chat.adapter.rooms.get(name) ?? [])]) {
      const socket = id === exceptSocket ? undefined : this.chat.sockets.get(id);
      if (socket) this.emit(socket, event, payload);
    }
  }

  /** One frame to one socket, through its delivery. */
  private emit(socket: Socket, event: string, payload: unknown): void {
    const deliver = this.delivery.get(socket.id);
    if (deliver) deliver(() => socket.emit(event, payload));
  }

  private connected(socket: Socket): void {
    const user = socket.data.user as User;
    this.delivery.set(socket.id, this.faults.socket(() => socket.connected));
    socket.on('disconnect', () => this.delivery.delete(socket.id));
    void socket.join(userRoom(user.id));
    socket.on('SUBSCRIBE_CHANNEL', (raw: unknown) => {
      const channel = asRecord(asRecord(raw).channel);
      const spaceId = typeof channel._id === 'string' ? channel._id : '';
      const space = this.store.spaces.get(spaceId);
      if (!space || channel.type !== 'topic' || !this.store.isMember(space, user.id)) {
        this.emit(socket, 'SUBSCRIBE_CHANNEL_FAILED', { channel, error: { code: space ? 'topic.not_member' : 'topic.not_found', message: space ? 'You are not a member of this space' : 'Space not found' } });
        return;
      }
      void socket.join(room(spaceId));
      this.emit(socket, 'CHANNEL_SUBSCRIBED', { channel: { type: 'topic', _id: spaceId }, dtsid: `dts-${spaceId}`, sessionId: socket.id });
    });
    socket.on('SEND_MESSAGE', (raw: unknown) => this.send(socket, user, asRecord(raw)));
  }

  private send(socket: Socket, user: User, p: Payload): void {
    const loopback = p.loopbackMetadata;
    const fail = (message: string, extra: Payload = {}) => this.emit(socket, 'SEND_MESSAGE_FAILED', { ...extra, topicId: p.topicId, loopbackMetadata: loopback, message });
    const spaceId = typeof p.topicId === 'string' ? p.topicId : '';
    const space = this.store.spaces.get(spaceId);
    if (!space || !socket.rooms.has(room(spaceId))) {
      fail('Subscribe to the space before sending to it', { type: SUBSCRIPTION_REQUIRED });
      return;
    }
    const forced = this.failNextSends.shift();
    if (forced !== undefined) {
      fail(forced);
      return;
    }
    const category = p.category === 'idea' || p.category === 'task' ? p.category as Category : 'chat';
    const content = asRecord(p.content);
    const bodyText = typeof content.bodyText === 'string' ? content.bodyText : '';
    if (!bodyText.trim()) {
      fail('content.bodyText is required');
      return;
    }
    if (space.status === 1) {
      fail('Accessing archived topic is not valid.');
      return;
    }
    const parentId = typeof asRecord(p.parentMsg)._id === 'string' ? asRecord(p.parentMsg)._id as string : undefined;
    if (parentId !== undefined && this.store.items.get(parentId)?.spaceId !== spaceId) {
      fail('parentMsg not found');
      return;
    }
    this.actions?.post(user, space, {
      category, bodyText, description: typeof content.description === 'string' ? content.description : '',
      ...(parentId ? { parentId } : {}),
    }, { socketId: socket.id, loopback });
  }
}
