/**
 * Owns the widget's connection: creates the client when the host connects (or its configuration
 * changes) and disposes it, with every socket, timer and listener, when the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createChatClient, type ChatClient, type ChatClientOptions } from '../core/client.js';
import type { KeyValueStore } from '../core/kv.js';
import { ParleyConnectionChangeEvent, ParleyErrorEvent, ParleyMessageEvent } from './events.js';
import type { ChatSession } from './session.js';

/** Where the controller reads its configuration; undefined while incomplete. */
export type ConfigSource = () => Omit<ChatClientOptions, 'store'> | undefined;

/** The controller. */
export class ConnectionController implements ReactiveController {
  private client?: ChatClient;
  private key?: string;
  private cleanups: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly session: ChatSession,
    private readonly config: ConfigSource,
    private readonly storage: () => KeyValueStore | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The live client, if any. */
  get current(): ChatClient | undefined {
    return this.client;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.teardown();
    this.key = undefined;
  }

  /** Drop the connection and connect again with the current configuration. */
  reconnect(): void {
    this.teardown();
    this.key = undefined;
    this.sync();
  }

  private sync(): void {
    const cfg = this.config();
    const key = cfg ? configKey(cfg) : undefined;
    if (key === this.key) return;
    const identityChanged = this.key !== undefined;
    this.teardown();
    this.key = key;
    if (identityChanged) this.session.store.reset();
    if (!cfg) return;
    const client = createChatClient({ ...cfg, store: this.session.store, storage: cfg.storage ?? this.storage() });
    this.client = client;
    this.session.attach(client);
    const host = this.host;
    this.cleanups.push(
      client.onStatus((status, reason) => host.dispatchEvent(new ParleyConnectionChangeEvent(status, reason))),
      client.onError((error) => host.dispatchEvent(new ParleyErrorEvent(error))),
      client.store.onMessage((message) => {
        if (message.sender?.role !== 'self' || !message.clientRef) host.dispatchEvent(new ParleyMessageEvent(message));
      }),
    );
    client.connect();
  }

  private teardown(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.client?.dispose();
    this.client = undefined;
    this.session.attach(undefined);
  }
}

/** Configuration identity: a change of any of these means a new connection. The token is hashed, not kept. */
function configKey(cfg: Omit<ChatClientOptions, 'store'>): string {
  return JSON.stringify([cfg.protocol, cfg.url, hash(cfg.token ?? ''), cfg.userId, cfg.options ?? {}], byIdentity);
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/**
 * Plain objects and arrays compare by value; class instances (a page's SDK object, an `io`
 * function's sockets) by identity, never serialized: they may be circular and hold credentials.
 */
function byIdentity(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return value;
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return `[instance ${id}]`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
