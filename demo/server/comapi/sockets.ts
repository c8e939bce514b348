/**
 * The Comapi socket on a `ws` server in noServer mode: `GET /apispaces/{id}/socket?token=…`
 * upgrades when the token is a live session (else 401), frames are JSON, the client's `echo`
 * frames are counted and otherwise ignored. No subscribe step: a socket hears what its profile
 * is part of. Every frame to a socket goes through that socket's `FrameFaults` delivery, which
 * passes it straight on unless a fault storm is running (demo/server/shared/faults.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameFaults, type Deliver } from '../shared/faults.js';
import { API_SPACE } from './store.js';

export interface SocketHooks {
  /** The profile id of a live session token, or undefined. */
  authorize(token: string | null): string | undefined;
}

export class ComapiSockets {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly profiles = new Map<WebSocket, string>();
  private readonly delivery = new Map<WebSocket, Deliver>();
  private refuseUntil = 0;
  /** `echo` frames received since the last reset. */
  echoes = 0;
  /** Duplicated and reordered frames while a fault storm runs. */
  readonly faults = new FrameFaults();

  constructor(private readonly hooks: SocketHooks) {}

  /** Attach to the http server's `upgrade` event. Returns false for paths that are not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/apispaces\/([^/]+)\/socket$/.exec(url.pathname);
    if (!match) return false;
    const refuse = (status: string): void => {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (Date.now() < this.refuseUntil) refuse('503 Service Unavailable');
    else if (decodeURIComponent(match[1]!) !== API_SPACE) refuse('404 Not Found');
    else {
      const profileId = this.hooks.authorize(url.searchParams.get('token'));
      if (!profileId) refuse('401 Unauthorized');
      else this.wss.handleUpgrade(req, socket, head, (ws) => this.handleConnection(ws, profileId));
    }
    return true;
  }

  /** Send a frame to every socket of these profiles; returns how many got it. */
  send(profileIds: Iterable<string>, frame: unknown): number {
    const wanted = new Set(profileIds);
    const text = JSON.stringify(frame);
    let count = 0;
    for (const [socket, profileId] of this.profiles) {
      const deliver = this.delivery.get(socket);
      if (!wanted.has(profileId) || socket.readyState !== WebSocket.OPEN || !deliver) continue;
      deliver(() => socket.send(text));
      count++;
    }
    return count;
  }

  /** Profiles with an open socket, one entry per socket. */
  connected(): string[] {
    return [...this.profiles.values()];
  }

  /**
   * Terminates every socket without a close frame, as a network cut would, and forgets them at
   * once (a restarted service keeps no per-connection state, frames held for them included).
   */
  dropAll(): number {
    const count = this.wss.clients.size;
    for (const socket of this.wss.clients) socket.terminate();
    this.profiles.clear();
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

  reset(): void {
    this.refuseUntil = 0;
    this.echoes = 0;
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private handleConnection(socket: WebSocket, profileId: string): void {
    this.profiles.set(socket, profileId);
    this.delivery.set(socket, this.faults.socket(() => socket.readyState === WebSocket.OPEN));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return; // the real service ignores what it cannot read
      }
      if (typeof frame === 'object' && frame !== null && (frame as { name?: unknown }).name === 'echo') this.echoes++;
    });
    socket.on('close', () => {
      this.profiles.delete(socket);
      this.delivery.delete(socket);
    });
    socket.on('error', () => socket.terminate());
  }
}
