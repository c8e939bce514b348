/**
 * The headless client's public types: its options and what it offers.
 */
import type { BackoffOptions } from './backoff.js';
import type { Command } from './commands.js';
import type { ParleyError } from './errors.js';
import type { KeyValueStore } from './kv.js';
import type { Message } from './model.js';
import type { NetworkMonitor } from './network.js';
import type { DisconnectReason } from './connection-terms.js';
import type { ChatStore, ConnectionStatus, FrameScheduler } from './store.js';
import type { TransportFactory } from './transport/transport.js';
import type { TimerFunctions } from './timers.js';
import type { AttachmentRules, OutgoingFile, UploadFetch } from './uploads.js';

/** Options of `createChatClient`. */
export interface ChatClientOptions {
  /** Registered protocol name: `chatwoot`, `onechat`, or one you registered. */
  protocol: string;
  /** Backend base URL. */
  url: string;
  /** Credential; kept out of the DOM, events, errors and caches. */
  token?: string;
  userId?: string;
  /** Conversation to open; otherwise the most recent one. */
  conversation?: string;
  /** Protocol-specific options. */
  options?: Record<string, unknown>;
  /** Use this store instead of a new one (the Lit layer keeps one store per widget). */
  store?: ChatStore;
  /**
   * Durable storage (IndexedDB in the elements) for identity, the offline cache and the outbox;
   * memory by default.
   */
  storage?: KeyValueStore;
  /** Keep the offline cache and the durable outbox in `storage`; on by default when `storage` is given. */
  persist?: boolean;
  fetch?: typeof fetch;
  /**
   * Sends an upload and reports its progress (the elements pass one on `XMLHttpRequest`); by
   * default `fetch`, whose uploads report no progress until they end.
   */
  upload?: UploadFetch;
  /** The transport under every protocol (tests: `fakeTransport().factory` from `parley-chat/testing`); default each protocol's real one. */
  transport?: TransportFactory;
  timers?: TimerFunctions;
  network?: NetworkMonitor;
  frame?: FrameScheduler;
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  /**
   * How long one connect attempt (socket, handshake, sign-in, subscription) may take before it is
   * given up with the reason `timeout` and retried with backoff, ms. Default 15 000.
   */
  connectTimeout?: number;
  /**
   * How long restoring the offline cache may take before chat goes on without it (a `parley-error`
   * with code `persist`; nothing is then written to that storage), ms. Default 2 000.
   */
  restoreTimeout?: number;
  /** Minimum gap between two "typing on" notices, ms. */
  typingThrottleMs?: number;
}

/** What `send` accepts besides the text. */
export interface SendOptions {
  conversationId?: string;
  threadParentId?: string;
  /**
   * Files to send with the text (the text may then be empty), where the backend takes
   * attachments (`attachments`). Held in memory: a reload loses a send with files not yet sent.
   */
  files?: readonly OutgoingFile[];
}

/** The headless client. */
export interface ChatClient {
  readonly store: ChatStore;
  readonly protocol: string;
  /** Current connection status. */
  readonly status: ConnectionStatus;
  /** Commands the backend supports. */
  readonly capabilities: ReadonlySet<Command['type']>;
  /** What the backend takes as attachments; undefined where it takes none (or before it loaded). */
  readonly attachments: AttachmentRules | undefined;
  /** Timers still armed (for leak checks). */
  readonly armedTimers: number;
  connect(): void;
  dispose(): void;
  /** Send a message (optimistic: it shows as pending at once). Returns it, or undefined with no conversation. */
  send(text: string, opts?: SendOptions): Message | undefined;
  retry(conversationId: string, clientRef: string): void;
  discard(conversationId: string, clientRef: string): void;
  /** Change the text of a message of mine. Resolves when done, with the failure (also reported) if it failed. */
  edit(conversationId: string, messageId: string, text: string): Promise<ParleyError | undefined>;
  /** Delete a message of mine for everyone. Resolves when done, with the failure (also reported) if it failed. */
  remove(conversationId: string, messageId: string): Promise<ParleyError | undefined>;
  /** Tell the other side I am (not) typing; "on" is throttled. */
  setTyping(conversationId: string, on: boolean): void;
  markRead(conversationId: string): void;
  /**
   * Start a new conversation (where the backend lets this user: `capabilities.has('createConversation')`)
   * and open it. Resolves with its id; undefined when not connected, not supported or failed (reported).
   */
  createConversation(opts?: { title?: string }): Promise<string | undefined>;
  /** Accept or decline an invitation into a conversation (where the backend has invitations). */
  answerInvitation(conversationId: string, accept: boolean): Promise<void>;
  loadOlder(conversationId: string): Promise<void>;
  /** Make a conversation the open one; `viewing` false while it is hidden (closed launcher). */
  open(conversationId: string | undefined, viewing?: boolean): void;
  onError(listener: (error: ParleyError) => void): () => void;
  onStatus(listener: (status: ConnectionStatus, reason?: DisconnectReason) => void): () => void;
}
