/**
 * Minimal types for `@rails/actioncable` (8.x), which ships none: only what Parley uses, including
 * the internals the Chatwoot transport patches (the connection's event handlers and its monitor).
 */
declare module '@rails/actioncable' {
  /** Callbacks a subscription may define. */
  export interface SubscriptionCallbacks {
    initialized?(): void;
    connected?(details?: { reconnected: boolean }): void;
    disconnected?(details?: { willAttemptReconnect: boolean }): void;
    rejected?(): void;
    received?(data: unknown): void;
  }

  /** One channel subscription. `identifier` is `JSON.stringify(params)`. */
  export class Subscription {
    readonly consumer: Consumer;
    readonly identifier: string;
    perform(action: string, data?: Record<string, unknown>): boolean;
    send(data: Record<string, unknown>): boolean;
    unsubscribe(): Subscription;
  }

  /** Retries unconfirmed subscribes every 500 ms (global timers). */
  export interface SubscriptionGuarantor {
    pendingSubscriptions: Subscription[];
    stopGuaranteeing(): void;
    forget(subscription: Subscription): void;
  }

  /** The consumer's subscriptions. */
  export class Subscriptions {
    readonly consumer: Consumer;
    readonly guarantor: SubscriptionGuarantor;
    subscriptions: Subscription[];
    create<M extends SubscriptionCallbacks>(params: string | Record<string, unknown>, mixin?: M & ThisType<Subscription & M>): Subscription & M;
    remove(subscription: Subscription): Subscription;
    findAll(identifier: string): Subscription[];
  }

  /** What the connection expects of its monitor (replaceable per connection). */
  export interface ConnectionMonitorLike {
    reconnectAttempts: number;
    start(): void;
    stop(): void;
    isRunning(): boolean | undefined;
    recordMessage(): void;
    recordConnect(): void;
    recordDisconnect(): void;
  }

  /** The socket handlers, installed as `webSocket.on<name>` bound to the connection. */
  export interface ConnectionEvents {
    message(this: Connection, event: MessageEvent): unknown;
    open(this: Connection, event?: Event): unknown;
    close(this: Connection, event?: CloseEvent): unknown;
    error(this: Connection, event?: Event): unknown;
  }

  /** The consumer's WebSocket wrapper (internal in ActionCable). */
  export class Connection {
    readonly consumer: Consumer;
    webSocket?: WebSocket;
    monitor: ConnectionMonitorLike;
    events: ConnectionEvents;
    disconnected: boolean;
    open(): boolean;
    close(options?: { allowReconnect: boolean }): void;
    reopen(): void;
    isOpen(): boolean;
    isActive(): boolean;
    getState(): string | null;
    installEventHandlers(): void;
    uninstallEventHandlers(): void;
  }

  /** One cable connection and its subscriptions. */
  export class Consumer {
    constructor(url: string);
    readonly subscriptions: Subscriptions;
    readonly connection: Connection;
    readonly url: string;
    subprotocols: string[];
    send(data: unknown): boolean;
    connect(): boolean;
    disconnect(): void;
    ensureActiveConnection(): void;
  }

  /** A consumer for `url` (ws/wss URLs are used as they are). Does not connect until a subscription is created. */
  export function createConsumer(url?: string): Consumer;

  /** Replaceable platform pieces (tests put a fake WebSocket here). */
  export const adapters: {
    WebSocket: typeof WebSocket | undefined;
    logger: unknown;
  };

  /** Protocol constants. */
  export const INTERNAL: {
    message_types: Record<'welcome' | 'disconnect' | 'ping' | 'confirmation' | 'rejection', string>;
    default_mount_path: string;
    protocols: string[];
  };

  /** Debug logging, off unless `enabled`. */
  export const logger: { enabled: boolean; log(...messages: unknown[]): void };
}
