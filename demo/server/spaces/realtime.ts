/**
 * The socket side of the emulation, on the `/chat` namespace: authenticated by `tokenType` and
 * `token` in the handshake query; `SUBSCRIBE_CHANNEL` → `CHANNEL_SUBSCRIBED` /
 * `SUBSCRIBE_CHANNEL_FAILED`; `SEND_MESSAGE` (category `chat` only) → `MESSAGE_SENT` (with
 * `loopbackMetadata` back to the sending socket only) / `SEND_MESSAGE_FAILED`. Anything else a
 * client emits gets no answer.
 *
 * The protocol logic here works on `Session`s; the socket.io servers under it are in
 * socket-servers.ts: socket.io 2 at `/socket.io` (what Avaya runs), and a socket.io 4 twin at
 * `/socket.io-v4` for clients configured for a v3/v4 server. Subscriptions are this module's own
 * bookkeeping, per session, so both servers share it.
 *
 * Every frame to a session goes through that session's `FrameFaults` delivery, so a fault storm
 * can deliver it twice or out of order; with no storm it is sent at once.
 */
import { randomUUID } from 'node:crypto';
import { FrameFaults, type Deliver } from '../shared/faults.js';
import type { Hub, SpacesActions } from './actions.js';
import type { AuthResult, SpacesStore, User } from './store.js';

const SUBSCRIPTION_REQUIRED = 'app.event.channel.subscription.required';

type Payload = Record<string, unknown>;

function asRecord(v: unknown): Payload {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Payload : {};
}

/** One authenticated socket on `/chat`, whichever socket.io server carries it. */
export interface Session {
  readonly id: string;
  readonly user: User;
  /** Spaces subscribed on this socket. */
  readonly spaces: Set<string>;
  /** The socket session id `CHANNEL_SUBSCRIBED` names (a UUID, as in Avaya's sample). */
  readonly sessionId: string;
  isOpen(): boolean;
  emit(event: string, payload: unknown): void;
  /** Cut the socket (the client sees "io server disconnect"). */
  disconnect(): void;
}

/** What a socket.io server attachment needs from the emulation. */
export interface SessionHost {
  /** Whether new connections are refused now (a restart in progress). */
  refusing(): boolean;
  authenticate(tokenType: unknown, token: unknown): AuthResult;
  opened(session: Omit<Session, 'spaces' | 'sessionId'>): Session;
  received(session: Session, event: string, payload: unknown): void;
  closed(session: Session): void;
}

export class SpacesRealtime implements Hub, SessionHost {
  private refuseUntil = 0;
  private readonly sessions = new Map<string, Session>();
  /** Session id → its delivery (duplicates and reorders frames while a fault storm runs). */
  private readonly delivery = new Map<string, Deliver>();
  /** Duplicated and reordered frames while a fault storm runs. */
  readonly faults = new FrameFaults();
  /** The next sends fail with this reason (tests of SEND_MESSAGE_FAILED). */
  failNextSends: string[] = [];
  actions?: SpacesActions;

  constructor(private readonly store: SpacesStore) {}

  refusing(): boolean {
    return Date.now() < this.refuseUntil;
  }

  authenticate(tokenType: unknown, token: unknown): AuthResult {
    return this.store.authenticate(tokenType, token);
  }

  opened(base: Omit<Session, 'spaces' | 'sessionId'>): Session {
    const session: Session = { ...base, spaces: new Set(), sessionId: randomUUID() };
    this.sessions.set(session.id, session);
    this.delivery.set(session.id, this.faults.socket(() => session.isOpen()));
    return session;
  }

  closed(session: Session): void {
    this.sessions.delete(session.id);
    this.delivery.delete(session.id);
  }

  received(session: Session, event: string, payload: unknown): void {
    if (event === 'SUBSCRIBE_CHANNEL') this.subscribe(session, asRecord(payload));
    else if (event === 'SEND_MESSAGE') this.send(session, asRecord(payload));
    // Other events (presence, media, unknown names) get no answer from the emulation.
  }

  /** Refuse new connections for `ms` (the WebSocket upgrade answers 403). */
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
    const all = [...this.sessions.values()];
    for (const s of all) s.disconnect();
    return all.length;
  }

  /**
   * A restart of the realtime service: new connections are refused for `ms`, every socket is cut,
   * and per-connection state (subscriptions, held frames) is forgotten; the store survives.
   */
  restart(ms: number): number {
    this.refuse(ms);
    const n = this.dropAll();
    this.sessions.clear();
    this.delivery.clear();
    return n;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Subscriptions per socket: which spaces each connected user is subscribed to. */
  subscriptions(): { user: string; spaces: string[] }[] {
    return [...this.sessions.values()].map((s) => ({ user: s.user.id, spaces: [...s.spaces] }));
  }

  toSpace(spaceId: string, event: string, payload: unknown, exceptSocket?: string): void {
    for (const s of [...this.sessions.values()]) if (s.id !== exceptSocket && s.spaces.has(spaceId)) this.emit(s, event, payload);
  }

  toSocket(socketId: string, event: string, payload: unknown): void {
    const s = this.sessions.get(socketId);
    if (s) this.emit(s, event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    for (const s of [...this.sessions.values()]) if (s.user.id === userId) this.emit(s, event, payload);
  }

  /** One frame to one session, through its delivery. */
  private emit(session: Session, event: string, payload: unknown): void {
    const deliver = this.delivery.get(session.id);
    if (deliver) deliver(() => session.emit(event, payload));
  }

  private subscribe(session: Session, p: Payload): void {
    const channel = asRecord(p.channel);
    const spaceId = typeof channel._id === 'string' ? channel._id : '';
    const space = this.store.spaces.get(spaceId);
    if (!space || channel.type !== 'topic' || !this.store.isMember(space, session.user.id)) {
      // Avaya documents no payload for the failure: it names no channel here (the client matches it to its oldest request).
      this.emit(session, 'SUBSCRIBE_CHANNEL_FAILED', { error: { code: space ? 'topic.not_member' : 'topic.not_found', message: space ? 'You are not a member of this space' : 'Space not found' } });
      return;
    }
    session.spaces.add(spaceId);
    this.emit(session, 'CHANNEL_SUBSCRIBED', { channel: { _id: spaceId, type: 'topic' }, dtsid: `${spaceId}:${session.user.id}`, sessionId: session.sessionId });
  }

  private send(session: Session, p: Payload): void {
    // No loopbackMetadata in a failure: Avaya documents it coming back in MESSAGE_SENT only.
    const fail = (message: string, extra: Payload = {}) => this.emit(session, 'SEND_MESSAGE_FAILED', { ...extra, topicId: p.topicId, message });
    const spaceId = typeof p.topicId === 'string' ? p.topicId : '';
    const space = this.store.spaces.get(spaceId);
    if (!space || !session.spaces.has(spaceId)) {
      fail('Subscribe to the space before sending to it', { type: SUBSCRIPTION_REQUIRED });
      return;
    }
    if (p.category !== 'chat') {
      fail('category must be chat (posts and tasks are created over REST)');
      return;
    }
    const forced = this.failNextSends.shift();
    if (forced !== undefined) {
      fail(forced);
      return;
    }
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
    this.actions?.post(session.user, space, {
      category: 'chat', bodyText, description: typeof content.description === 'string' ? content.description : '',
      ...(parentId ? { parentId } : {}),
    }, { socketId: session.id, loopback: p.loopbackMetadata });
  }
}
