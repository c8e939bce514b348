/**
 * The contract between the core and a protocol: a pure codec plus an adapter that owns the transport.
 */
import type { AttachmentRules, UploadFetch } from './uploads.js';
import type { DisconnectReason, Scheduler } from './connection-terms.js';
import type { ChatEvent } from './events.js';
import type { Markup } from './model.js';
import type { Command } from './commands.js';
import type { ParleyError } from './errors.js';
import type { KeyValueStore } from './kv.js';
import type { StoreView } from './store-view.js';
import type { TransportFactory } from './transport/transport.js';

export { ConnectError, FATAL_REASONS, type DisconnectReason, type Scheduler } from './connection-terms.js';

/** What a page hands the widget. Protocol-specific options live in `options`. */
export interface ConnectOptions {
  /** Base URL of the backend (http(s) or ws(s)). */
  url: string;
  /** Credential. Never rendered, logged, emitted or cached. */
  token?: string;
  /** The signed-in user's id, where the backend needs it. */
  userId?: string;
  /** The conversation to open. */
  conversation?: string;
  /** Protocol options, e.g. `{inboxIdentifier, accountId, role}` for Chatwoot. */
  options: Readonly<Record<string, unknown>>;
}

/** What the core gives an adapter. */
export interface AdapterHost {
  readonly protocol: string;
  readonly options: ConnectOptions;
  readonly scheduler: Scheduler;
  /** Durable key-value storage for identity (e.g. a created contact). */
  readonly storage: KeyValueStore;
  /** `fetch`, injectable for tests. */
  readonly fetch: typeof fetch;
  /** Uploads with progress (the elements: `XMLHttpRequest`); without one, `fetch` without progress. */
  readonly upload?: UploadFetch;
  /** Replaces the protocol's own transport (tests hand in a fake). */
  readonly transport?: TransportFactory;
  /**
   * What the protocol may know of the store, computed by core: who I am, conversations and
   * members, held messages and their range, unsent messages. Never the state itself.
   */
  readonly view: StoreView;
  /** Deliver decoded events (live). */
  emit(events: ChatEvent[]): void;
  /** Report a dropped frame or failed call. Never throws. */
  report(error: ParleyError): void;
  /** The live transport ended. The core decides whether and when to reconnect. */
  closed(reason: DisconnectReason, detail?: string): void;
}

/** One protocol's live connection. Created per client; `connect` may be called again after `closed`. */
export interface Adapter {
  /**
   * Open the transport, authenticate and subscribe. Resolves when live events flow.
   * Rejects with a ConnectError (its reason tells whether retrying can help).
   */
  connect(signal: AbortSignal): Promise<void>;
  /**
   * Fetch state: on `initial`, conversations and recent messages; on `reconnect`, what was missed.
   * Events are applied before any live event buffered meanwhile.
   */
  sync(kind: 'initial' | 'reconnect', signal: AbortSignal): Promise<ChatEvent[]>;
  /** Perform a command; resolve with any events the response carries (e.g. the stored message). */
  execute(command: Command, signal: AbortSignal): Promise<ChatEvent[]>;
  /** Close the transport and stop every callback. Idempotent. */
  close(): void;
  /** Command types this backend supports (the UI hides the rest). */
  readonly capabilities: ReadonlySet<Command['type']>;
  /** What this backend takes as attachments; absent where it takes none (the UI hides the attach button). */
  readonly attachments?: AttachmentRules;
  /** How the backend renders what its users write, so a pending send shows as its echo will; absent: plain text. */
  readonly sendMarkup?: Markup;
  /**
   * What most likely holds a connect that never completes, in a sentence (e.g. Chatwoot: "an
   * unknown or stale pubsub token"); added to the timeout's error message.
   */
  readonly timeoutHint?: string;
}

/** A protocol module, loaded lazily through the registry. */
export interface ProtocolModule {
  createAdapter(host: AdapterHost): Adapter;
}
