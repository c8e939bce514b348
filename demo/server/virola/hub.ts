/**
 * The `/api/v1/events` WebSocket on a `ws` server in noServer mode, and who hears what: every
 * event goes to the sockets of the users who may see it (the room's members). Frames are
 * `{type, data}` [V1 doc/events.md]; the client sends nothing. Created and updated messages go out
 * as one batch per user, across rooms. An upgrade is taken only with a live session cookie
 * [V1 doc/events.md "the authenticated user", doc/login.md]; anything else (a `?token=`, an
 * `Authorization` header: neither is documented for the socket) gets `401` and no socket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameFaults, type Deliver } from '../shared/faults.js';
import type { Message, Room, User, VirolaStore } from './store.js';

export const EVENTS_PATH = '/api/v1/events';

export class EventHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Map<WebSocket, number>();
  private readonly delivery = new Map<WebSocket, Deliver>();
  private refuseUntil = 0;
  /** Duplicated and reordered frames while a fault storm runs. */
  readonly faults = new FrameFaults();
  /** Upgrade requests on the events path, and those refused for want of a session (tests count them). */
  readonly upgrades = { attempts: 0, unauthorized: 0 };

  constructor(
    private readonly store: VirolaStore,
    /** Who an upgrade request is (its session cookie), or undefined. */
    private readonly authenticate: (req: IncomingMessage) => User | undefined,
  ) {}

  /** Attach to the http server's `upgrade`. Returns false for paths that are not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== EVENTS_PATH) return false;
    this.upgrades.attempts++;
    const refuse = (status: string): void => {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (Date.now() < this.refuseUntil) {
      refuse('503 Service Unavailable');
      return true;
    }
    const user = this.authenticate(req);
    if (!user) {
      this.upgrades.unauthorized++;
      refuse('401 Unauthorized');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.set(ws, user.id);
      this.delivery.set(ws, this.faults.socket(() => ws.readyState === WebSocket.OPEN));
      const gone = (): void => {
        this.sockets.delete(ws);
        this.delivery.delete(ws);
      };
      ws.on('close', gone);
      ws.on('error', gone);
      ws.on('message', () => undefined); // the protocol defines no client frames
    });
    return true;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  get refusingForMs(): number {
    return Math.max(0, this.refuseUntil - Date.now());
  }

  /** Answer upgrades with 503 for `ms`. */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  clearRefusal(): void {
    this.refuseUntil = 0;
  }

  /** Cut every socket without a closing handshake (the client sees the network fail). */
  dropAll(): number {
    const n = this.sockets.size;
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.delivery.clear();
    return n;
  }

  /** A raw frame to every socket of a user (tests send malformed frames this way). */
  raw(userId: number, text: string): number {
    let n = 0;
    for (const [ws, uid] of this.sockets) {
      if (uid === userId && ws.readyState === WebSocket.OPEN) {
        ws.send(text);
        n++;
      }
    }
    return n;
  }

  messagesCreated(list: readonly Message[]): void {
    this.batch('TextMessagesCreated', list);
  }

  messagesUpdated(list: readonly Message[]): void {
    this.batch('TextMessagesUpdated', list);
  }

  messageDeleted(m: Message): void {
    this.toMembers(m.roomId, () => ({ type: 'TextMessageDeleted', data: { parentMessageId: m.parentMessageId, roomId: m.roomId, messageId: m.messageId } }));
  }

  roomCreated(room: Room): void {
    for (const uid of room.members) this.send(uid, { type: 'RoomCreated', data: { room: this.store.roomJson(room, uid) } });
  }

  roomUpdated(room: Room): void {
    for (const uid of room.members) this.send(uid, { type: 'RoomUpdated', data: { room: this.store.roomJson(room, uid) } });
  }

  roomDeleted(room: Room): void {
    for (const uid of room.members) this.send(uid, { type: 'RoomDeleted', data: { roomId: room.id } });
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  /** One frame per user with the messages of every room they are in (so a batch may span rooms). */
  private batch(type: string, list: readonly Message[]): void {
    const perUser = new Map<number, Message[]>();
    for (const m of list) {
      for (const uid of this.store.rooms.get(m.roomId)?.members ?? []) perUser.set(uid, [...(perUser.get(uid) ?? []), m]);
    }
    for (const [uid, messages] of perUser) this.send(uid, { type, data: { messages: messages.map((m) => this.store.messageJson(m)) } });
  }

  private toMembers(roomId: number, frame: () => unknown): void {
    for (const uid of this.store.rooms.get(roomId)?.members ?? []) this.send(uid, frame());
  }

  private send(userId: number, frame: unknown): void {
    const text = JSON.stringify(frame);
    for (const [ws, uid] of this.sockets) {
      if (uid === userId && ws.readyState === WebSocket.OPEN) this.delivery.get(ws)?.(() => ws.send(text));
    }
  }
}
