/**
 * Types for `@rails/actioncable` (8.x), which ships none: only the public API the ActionCable
 * transport uses (a consumer, its subscriptions, and the `adapters.WebSocket` hook).
 */
declare module '@rails/actioncable' {
  /** Callbacks a subscription may define. */
  export interface SubscriptionCallbacks {
    connected?(): void;
    disconnected?(): void;
    rejected?(): void;
    received?(data: unknown): void;
  }

  /** One channel subscription. `identifier` is `JSON.stringify(params)`. */
  export interface Subscription {
    readonly identifier: string;
    /** Perform a channel action with `data` (its `action` field is set). False when the socket is not open. */
    perform(action: string, data?: Record<string, unknown>): boolean;
    unsubscribe(): unknown;
  }

  /** One cable connection and its subscriptions. */
  export interface Consumer {
    readonly subscriptions: {
      /** Subscribe (opening the socket when none is open). */
      create(params: Record<string, unknown>, callbacks?: SubscriptionCallbacks): Subscription;
    };
    /** Close the socket, and stop the connection monitor. */
    disconnect(): void;
  }

  /** A consumer for `url` (ws/wss URLs are used as they are). Does not connect until a subscription is created. */
  export function createConsumer(url?: string): Consumer;

  /** A WebSocket class as ActionCable constructs it. */
  export type WebSocketClass = new (url: string, protocols?: string | string[]) => unknown;

  /** Replaceable platform pieces: the WebSocket class every new socket is made with. */
  export const adapters: {
    WebSocket: WebSocketClass | undefined;
    logger: unknown;
  };
}
