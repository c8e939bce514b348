/**
 * The ActionCable wire protocol as Rails speaks it, on a `ws` server in noServer mode:
 * welcome on open, a ping every 3 s, subscribe / unsubscribe / message commands, broadcasts to
 * every subscription of a stream with that subscription's own identifier string. Every frame to a
 * socket goes through that socket's `FrameFaults` delivery, so a fault storm can send any of them
 * twice or out of order; without a storm frames go out as they are.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameFaults, type Deliver } from '../shared/faults.js';

export const CABLE_PATH = '/cable';
const PROTOCOL = 'actioncable-v1-json';
const PING_INTERVAL_MS = 3000;

export type SubscriberKind = 'contact' | 'agent';

export interface CableSubscription {
  socket: WebSocket;
  /** The identifier string exactly as the client sent it. */
  identifier: string;
  stream: string;
  /**
   * Whom RoomChannel found for the token, or null when `subscribed` raised (unknown or stale
   * token, wrong user or account): such a subscription is never confirmed, yet it stays
   * registered and keeps streaming, as in Rails.
   */
  kind: SubscriberKind | null;
}

export interface CableHooks {
  /**
   * RoomChannel's `current_user` / `current_account` for these params: as whom the subscription
   * streams, or null where Chatwoot's `find_by!` / `find` would raise.
   */
  authorize(params: Record<string, unknown>): SubscriberKind | null;
  subscribed(subscription: CableSubscription): void;
  performed(subscription: CableSubscription, action: string): void;
}

export class CableServer {
  private readonly wss: WebSocketServer;
  private readonly subscriptions = new Map<WebSocket, Map<string, CableSubscription>>();
  /** Each socket's way out: every frame goes through it, so a fault storm can disturb any of them. */
  private readonly delivery = new Map<WebSocket, Deliver>();
  private readonly pingTimer: NodeJS.Timeout;
  private refuseUntil = 0;
  /** Duplicated and reordered frames while a fault storm runs. */
  readonly faults = new FrameFaults();

  constructor(private readonly hooks: CableHooks) {
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
    });
    this.wss.on('connection', (socket) => this.handleConnection(socket));
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
  }

  /** Attach to the http server's `upgrade` event. Returns false for paths that are not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== CABLE_PATH) return false;
    if (Date.now() < this.refuseUntil) {
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  /** Sends `{identifier, message}` to every subscription streaming from `stream`. */
  broadcast(stream: string, message: unknown): number {
    let count = 0;
    for (const subs of this.subscriptions.values()) {
      for (const sub of subs.values()) {
        if (sub.stream !== stream) continue;
        this.transmit(sub.socket, { identifier: sub.identifier, message });
        count++;
      }
    }
    return count;
  }

  /** Every current subscription, confirmed or not (for presence and debugging). */
  allSubscriptions(): CableSubscription[] {
    return [...this.subscriptions.values()].flatMap((subs) => [...subs.values()]);
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  /** Terminates every socket without a close frame, as a network cut would. */
  dropAll(): number {
    const count = this.wss.clients.size;
    for (const socket of this.wss.clients) socket.terminate();
    return count;
  }

  /**
   * A restart of the cable process: every socket is cut, new ones are refused for `ms`, and the
   * per-connection state (subscriptions, frames held back for reordering) is forgotten at once
   * rather than when each socket's `close` event comes round.
   */
  restart(ms: number): number {
    this.refuse(ms);
    const count = this.dropAll();
    this.subscriptions.clear();
    this.delivery.clear();
    return count;
  }

  /** New connections get a 503 for `ms` milliseconds (existing ones are left alone). */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + Math.max(0, ms);
  }

  get refusingForMs(): number {
    return Math.max(0, this.refuseUntil - Date.now());
  }

  clearRefusal(): void {
    this.refuseUntil = 0;
  }

  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private handleConnection(socket: WebSocket): void {
    this.subscriptions.set(socket, new Map());
    this.delivery.set(socket, this.faults.socket(() => socket.readyState === WebSocket.OPEN));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.handleFrame(socket, data.toString());
    });
    socket.on('close', () => {
      this.subscriptions.delete(socket);
      this.delivery.delete(socket);
    });
    socket.on('error', () => socket.terminate());
    this.transmit(socket, { type: 'welcome' });
  }

  private handleFrame(socket: WebSocket, text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // Rails logs and ignores undecodable frames
    }
    if (!isRecord(frame) || typeof frame.identifier !== 'string') return;
    const identifier = frame.identifier;
    const subs = this.subscriptions.get(socket);
    if (!subs) return;
    switch (frame.command) {
      case 'subscribe':
        this.subscribe(socket, subs, identifier);
        break;
      case 'unsubscribe':
        subs.delete(identifier); // Rails sends nothing back
        break;
      case 'message': {
        const sub = subs.get(identifier);
        if (!sub || typeof frame.data !== 'string') return; // Rails: "Unable to find subscription"
        let data: unknown;
        try {
          data = JSON.parse(frame.data);
        } catch {
          return;
        }
        // An unconfirmed RoomChannel has no account: `update_presence` returns at once.
        if (sub.kind && isRecord(data) && typeof data.action === 'string') this.hooks.performed(sub, data.action);
        break;
      }
      default:
        break; // Rails: "Received unrecognized command"
    }
  }

  /**
   * Rails' Subscriptions#add with Chatwoot's RoomChannel#subscribed (app/channels/room_channel.rb):
   * an identifier that is not JSON, or names another channel, is logged and answered with nothing;
   * a duplicate is ignored; otherwise the subscription is registered and `stream_from` runs first,
   * then `current_user` looks the token up. Where that raises (ActiveRecord::RecordNotFound) the
   * exception is logged and nothing is sent: no confirm_subscription, and no reject_subscription
   * (RoomChannel never calls `reject`). The client is left waiting.
   */
  private subscribe(socket: WebSocket, subs: Map<string, CableSubscription>, identifier: string): void {
    if (subs.has(identifier)) return; // Rails ignores a duplicate subscribe
    let params: unknown;
    try {
      params = JSON.parse(identifier);
    } catch {
      return; // "Could not execute command": JSON::ParserError
    }
    if (!isRecord(params) || params.channel !== 'RoomChannel') return; // "Subscription class not found"
    const token = params.pubsub_token;
    const stream = typeof token === 'string' ? token : typeof token === 'number' ? String(token) : ''; // String(nil) is ""
    const sub: CableSubscription = { socket, identifier, stream, kind: this.hooks.authorize(params) };
    subs.set(identifier, sub);
    if (!sub.kind) return; // RoomChannel#subscribed raised after stream_from
    this.transmit(socket, { identifier, type: 'confirm_subscription' });
    this.hooks.subscribed(sub);
  }

  private pingAll(): void {
    const frame = { type: 'ping', message: Math.floor(Date.now() / 1000) };
    for (const socket of this.wss.clients) this.transmit(socket, frame);
  }

  /** One frame to one socket, through its delivery (which sends it as is unless a storm runs). */
  private transmit(socket: WebSocket, frame: unknown): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify(frame);
    const deliver = this.delivery.get(socket);
    if (deliver) deliver(() => socket.send(text));
    else socket.send(text);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
