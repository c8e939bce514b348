/**
 * Owns the widget's connection: creates the client when the host connects (or its configuration
 * changes) and disposes it, with every socket, timer and listener, when the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createChatClient, type ChatClient, type ChatClientOptions } from '../core/client.js';
import { cacheOwner } from '../core/cache.js';
import type { KeyValueStore } from '../core/kv.js';
import { ParleyConnectionChangeEvent, ParleyErrorEvent, ParleyMessageEvent } from './events.js';
import type { ChatSession } from './session.js';
import type { UploadFetch } from '../core/uploads.js';

/** Uploads on XMLHttpRequest, for their progress; its code loads with the first upload. */
const xhrUpload: UploadFetch = (url, init, progress) => import('./xhr-upload.js').then((m) => m.xhrUpload(url, init, progress));

/** Where the controller reads its configuration; undefined while incomplete. */
export type ConfigSource = () => Omit<ChatClientOptions, 'store'> | undefined;

/** The controller. */
export class ConnectionController implements ReactiveController {
  private client?: ChatClient;
  private key?: string;
  /** Whose data the store holds (see `ownerKey`). */
  private owner?: string;
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
    this.owner = undefined;
  }

  /** Drop the connection and connect again with the current configuration. */
  reconnect(): void {
    this.teardown();
    this.key = undefined;
    this.owner = undefined;
    this.sync();
  }

  private sync(): void {
    const cfg = this.config();
    const key = cfg ? configKey(cfg) : undefined;
    if (key === this.key) return;
    const owner = cfg ? ownerKey(cfg) : undefined;
    // Another backend, server or user: forget everything. The same user with a new token keeps the
    // store, and with it the unsent messages, which the new client sends once it is open.
    const ownerChanged = this.key !== undefined && owner !== this.owner;
    this.teardown();
    this.key = key;
    this.owner = owner;
    if (ownerChanged) this.session.store.reset();
    if (!cfg) return;
    // Uploads go through XMLHttpRequest for their progress; a page's own fetch (tests) keeps its own.
    const upload = cfg.upload ?? (cfg.fetch ? undefined : xhrUpload);
    const client = createChatClient({ ...cfg, store: this.session.store, storage: cfg.storage ?? this.storage(), ...(upload ? { upload } : {}) });
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
  return JSON.stringify([cfg.protocol, cfg.url, hash(cfg.token ?? ''), cfg.userId, cfg.options ?? {}, cfg.transport ? identityOf(cfg.transport) : 0], byIdentity);
}

/**
 * Whose data the store holds: the configuration without the token, unless the token is all that
 * says who the user is (no user id), as in the cache's namespace (`cacheOwner`).
 */
function ownerKey(cfg: Omit<ChatClientOptions, 'store'>): string {
  return JSON.stringify([cfg.protocol, cfg.url, cacheOwner(cfg), cfg.options ?? {}], byIdentity);
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
  return `[instance ${identityOf(value)}]`;
}

/** A number that stands for one object or function, the same each time it is asked. */
function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
