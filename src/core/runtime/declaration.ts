/**
 * A protocol as a declaration: its options, its secrets, its transport, its steps (identify,
 * handshake, initial sync, catch-up), its decoder and its command map. The runtime
 * (`define.ts`) runs it and owns everything the five protocols used to write alike: config
 * errors, connect and abort, redaction, decode reports, capability checks and background tasks
 * on signals it aborts. A new protocol starts from `docs/protocols/template.md`.
 */
import type { Command, CommandOf } from '../commands.js';
import type { ParleyError } from '../errors.js';
import type { ChatEvent } from '../events.js';
import type { Markup } from '../model.js';
import type { KeyValueStore } from '../kv.js';
import type { OptionSpec } from '../options-schema.js';
import type { ConnectError, ConnectOptions, DisconnectReason, Scheduler } from '../protocol.js';
import type { StoreView } from '../store-view.js';
import type { Frame, Transport, TransportFactory, TransportRequest } from '../transport/transport.js';
import type { StatusReading } from './failures.js';
import type { AttachmentRules, UploadFetch } from '../uploads.js';

/** The core's services a protocol's state may keep. */
export interface ProtocolServices {
  readonly fetch: typeof fetch;
  /** Uploads with progress, where the page gave one (see `uploadOf`). */
  readonly upload?: UploadFetch;
  readonly storage: KeyValueStore;
  readonly scheduler: Scheduler;
}

/** What a declaration's steps are given: the checked config, its own state and the core's services. */
export interface ProtocolRun<C, S> {
  readonly protocol: string;
  readonly config: C;
  /** The declaration's own state for this adapter (made once by `state`). */
  readonly state: S;
  readonly options: ConnectOptions;
  readonly view: StoreView;
  readonly scheduler: Scheduler;
  readonly storage: KeyValueStore;
  readonly fetch: typeof fetch;
  /** Uploads with progress where the page gave a way (elements), else `fetch` without progress. */
  readonly upload: UploadFetch;
  /** The open transport, while connected. */
  readonly transport: Transport | undefined;
  /** Aborted when this connection ends or the adapter closes: background work listens to it. */
  readonly signal: AbortSignal;
  /** Deliver live events. */
  emit(events: ChatEvent[]): void;
  /** Report a failure (its text redacted). Never throws. */
  report(error: ParleyError): void;
  /** Report a frame or item dropped as undecodable. */
  dropped(err: unknown, frame: unknown): void;
  /** Report an impossible value dropped from an item that was kept. */
  invalid(problem: string): void;
  /** Run `fn` every `ms` until this connection ends. */
  every(ms: number, fn: () => void): void;
  /** Run `task` on this connection's signal; what it returns is emitted as catch-up, a failure reported as `what`. */
  background(what: string, task: (signal: AbortSignal) => Promise<ChatEvent[]>): void;
  /** End this connection from the protocol's side (the core decides about reconnecting). */
  end(reason: DisconnectReason, detail: string): void;
  /** Remove every secret from a text. */
  redact(text: string): string;
}

/** Performs one command type. */
export type CommandHandler<C, S, K extends Command['type']> = (command: CommandOf<K>, run: ProtocolRun<C, S>, signal: AbortSignal) => Promise<ChatEvent[]>;

/** The commands a backend performs; the capabilities follow from its keys. */
export type CommandMap<C, S> = { readonly [K in Command['type']]?: CommandHandler<C, S, K> };

/** One protocol, declared. */
export interface ProtocolDeclaration<C, S> {
  /** Registry name, also the prefix of every message. */
  readonly name: string;
  /** Options, documented: they become `<parley-chat>` attributes and the manifest's entries. */
  readonly options: readonly OptionSpec[];
  /** Check and normalize the page's options; throw a ConnectError('config-error') (or any error) when they are wrong. */
  readConfig(options: ConnectOptions): C;
  /** The declaration's own state for one adapter (kept across reconnects). */
  state(config: C, services: ProtocolServices): S;
  /** Every credential known now, kept out of every message and report. */
  secrets(config: C, state: S): readonly (string | undefined)[];
  /** What most likely holds a connect that never completes, in a sentence (per config where the modes differ). */
  readonly timeoutHint?: string | ((config: C) => string);
  /** How connect-time HTTP statuses read. */
  readonly status?: StatusReading;
  /** The transport used unless the client hands in another (tests: `parley-chat/testing`). */
  readonly transport: TransportFactory;
  /** What this backend takes as attachments (a `send` with `files`); none: no attach button. */
  attachments?(config: C): AttachmentRules | undefined;
  /** How the backend renders what its users write (Chatwoot: Markdown); a pending send shows the same. Default `plain`. */
  readonly sendMarkup?: Markup;
  /** Commands for this config (a role may allow fewer). */
  commands(config: C): CommandMap<C, S>;
  /** Before the transport: who am I, with credentials proven. Emits `identity.changed` itself when it learns. */
  identify?(run: ProtocolRun<C, S>, signal: AbortSignal): Promise<void>;
  /** What to open. */
  connectRequest(run: ProtocolRun<C, S>): TransportRequest;
  /** After the transport opened, before live (e.g. socket.io `auth2`); rejects to fail the connect. */
  handshake?(run: ProtocolRun<C, S>, transport: Transport, signal: AbortSignal): Promise<void>;
  /**
   * A connect attempt failed (`err`, attempt 0 first): whether one more attempt, at once and
   * within the same connect, can succeed (a kept credential dropped, a session renewed). Throw to
   * replace the failure (e.g. `auth-failed` once the credential is known refused). Default: no.
   */
  retry?(run: ProtocolRun<C, S>, err: unknown, attempt: number, signal: AbortSignal): Promise<boolean>;
  /** A transport that ended during the handshake: what the connect reports (default its reason). */
  endedWhileConnecting?(reason: DisconnectReason, detail: string): ConnectError | undefined;
  /** Live: start what runs while connected (presence pings, echo frames). */
  opened?(run: ProtocolRun<C, S>): void;
  /** Decode one frame into events; throw to drop it (one `decode` report). */
  decode(frame: Frame, run: ProtocolRun<C, S>): ChatEvent[];
  /** Conversations and recent messages, on first connect. */
  initialSync(run: ProtocolRun<C, S>, signal: AbortSignal): Promise<ChatEvent[]>;
  /** What was missed while cut off, after a reconnect. */
  catchUp(run: ProtocolRun<C, S>, signal: AbortSignal): Promise<ChatEvent[]>;
  /** Every event the adapter hands the core passes here last (e.g. read marks held for later). */
  settle?(events: ChatEvent[], run: ProtocolRun<C, S>): ChatEvent[];
}
