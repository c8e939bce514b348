/**
 * The connection state machine: idle → connecting → open ⇄ reconnecting → closed.
 * It owns the adapter, its timers and the online/offline listeners, reconnects with capped,
 * jittered backoff, and applies a backfill before live events resume after a reconnect.
 */
import type { AttachmentRules, UploadFetch } from './uploads.js';
import type { ChatEvent } from './events.js';
import type { Markup } from './model.js';
import type { Command } from './commands.js';
import { ParleyError, messageOf } from './errors.js';
import type { KeyValueStore } from './kv.js';
import type { NetworkMonitor } from './network.js';
import { ConnectError, FATAL_REASONS, type Adapter, type AdapterHost, type ConnectOptions, type DisconnectReason } from './protocol.js';
import { loadProtocol } from './registry.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { isUnauthorized } from './http.js';
import type { TransportFactory } from './transport/transport.js';
import { storeView, type StoreView } from './store-view.js';
import type { ChatState, ChatStore, ConnectionStatus } from './store.js';
import type { OwnedScheduler } from './timers.js';

/** What a Connection needs. */
export interface ConnectionDeps {
  protocol: string;
  options: ConnectOptions;
  store: ChatStore;
  scheduler: OwnedScheduler;
  storage: KeyValueStore;
  fetch: typeof fetch;
  /** Uploads with progress (the elements hand in one on XMLHttpRequest). */
  upload?: UploadFetch;
  /** Replaces every protocol's transport (tests). */
  transport?: TransportFactory;
  network: NetworkMonitor;
  random: () => number;
  backoff: BackoffOptions;
  /** How long a connect (transport, handshake, auth, subscription) may take before it is given up, ms. */
  connectTimeoutMs: number;
  /**
   * How long a connection must stay open before the backoff starts again from its first step, ms:
   * a server that accepts and then drops every connection is retried ever more slowly.
   */
  stableAfterMs: number;
  report(error: ParleyError): void;
  onStatus(status: ConnectionStatus, reason?: DisconnectReason): void;
  /** Called each time the connection is (re)opened, after the backfill, with the backfill's events. */
  onOpen(backfill: readonly ChatEvent[]): void;
}

/** Thrown by `execute` while not open. */
export class NotConnectedError extends Error {
  constructor() {
    super('not connected');
    this.name = 'NotConnectedError';
  }
}

/** One backend connection. */
export class Connection {
  private adapter?: Adapter;
  private attempt = 0;
  private generation = 0;
  private abort?: AbortController;
  /** Aborted only on dispose: what must not be cut with one connection (sends on their way). */
  private readonly lifetime = new AbortController();
  private retryTimer?: number;
  private stableTimer?: number;
  private buffering = false;
  private buffer: ChatEvent[] = [];
  private everOpened = false;
  private disposed = false;
  private removeNetwork?: () => void;
  private statusValue: ConnectionStatus = 'idle';
  private readonly view: StoreView;
  private reasonValue?: DisconnectReason;
  /** A catch-up asked for by `resync.required` is running; `resyncAgain`: another was asked for meanwhile. */
  private resyncing = false;
  private resyncAgain = false;

  constructor(private readonly deps: ConnectionDeps) {
    this.view = storeView(deps.store);
  }

  /** Current status. */
  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** What the backend can do, once its protocol has loaded. */
  get capabilities(): ReadonlySet<Command['type']> {
    return this.adapter?.capabilities ?? new Set();
  }

  /** How the backend renders what its users write, once its protocol has loaded; plain until then. */
  get sendMarkup(): Markup {
    return this.adapter?.sendMarkup ?? 'plain';
  }

  /** What the backend takes as attachments, once its protocol has loaded; undefined: none. */
  get attachments(): AttachmentRules | undefined {
    return this.adapter?.attachments;
  }

  /** Start connecting. */
  start(): void {
    if (this.disposed || this.statusValue !== 'idle') return;
    this.removeNetwork = this.deps.network.subscribe((online) => (online ? this.handleOnline() : this.handleOffline()));
    void this.open();
  }

  /** Perform a command on the open connection. */
  async execute(command: Command): Promise<ChatEvent[]> {
    if (!this.adapter || this.statusValue !== 'open' || !this.abort) throw new NotConnectedError();
    // A send already on its way outlives a cut socket: the server may take it, and only its answer
    // says whether it did (a send aborted here and posted again after the reconnect lands twice).
    try {
      return await this.adapter.execute(command, command.type === 'send' ? this.lifetime.signal : this.abort.signal);
    } catch (err) {
      if (isUnauthorized(err)) this.credentialsRefused(command, err);
      throw err;
    }
  }

  /**
   * A command answered 401: the credentials no longer hold (an expired or revoked token), for
   * every command alike. The connection ends as `auth-failed`, so the widget says so instead of
   * "Online", and waits for a new token rather than retrying with the refused one.
   */
  private credentialsRefused(command: Command, err: unknown): void {
    if (this.disposed || this.statusValue === 'closed') return;
    this.deps.report(new ParleyError('auth', `${this.deps.protocol}: the server refused the credentials on ${command.type} (401); a new token is needed`,
      { protocol: this.deps.protocol, cause: err }));
    this.handleClosed('auth-failed');
  }

  /** Close everything this connection started: socket, timers, listeners. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.abort?.abort();
    this.lifetime.abort();
    this.adapter?.close();
    this.removeNetwork?.();
    this.deps.scheduler.clearAll();
    this.setStatus('closed', 'client-closed');
  }

  // ---- internals ----

  private setStatus(status: ConnectionStatus, reason?: DisconnectReason): void {
    if (status === this.statusValue && reason === this.reasonValue) return; // nothing changed: no event
    this.statusValue = status;
    this.reasonValue = reason;
    this.deps.store.setStatus(status, reason);
    this.deps.onStatus(status, reason);
  }

  private async open(): Promise<void> {
    if (this.disposed) return;
    this.clearRetry();
    if (!this.deps.network.online()) {
      this.setStatus(this.everOpened ? 'reconnecting' : 'connecting', 'offline');
      return; // handleOnline resumes
    }
    const gen = ++this.generation;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting', this.reasonValue);
    try {
      const mod = await loadProtocol(this.deps.protocol);
      if (gen !== this.generation) return;
      this.adapter ??= mod.createAdapter(this.host());
      this.buffering = true;
      this.buffer = [];
      await this.connectWithin(this.adapter, abort);
      if (gen !== this.generation) return;
      const backfill = await this.adapter.sync(this.everOpened ? 'reconnect' : 'initial', abort.signal);
      if (gen !== this.generation) return;
      // After a reconnect, what the backfill brings that the store lacks was missed: new to the user.
      const origin = this.everOpened ? 'missed' as const : 'backfill' as const;
      const stale = this.everOpened ? typingStops(this.deps.store.getState()) : [];
      this.deps.store.apply([...stale, ...backfill.map((e) => ({ ...e, origin: e.origin ?? origin }))]);
      const live = this.buffer;
      this.buffer = [];
      this.buffering = false;
      this.deps.store.apply(live);
      this.markStableLater();
      this.everOpened = true;
      this.setStatus('open');
      // The history is here: render it in this task, to paint at the next frame, not the one after.
      this.deps.store.flush();
      this.deps.onOpen(backfill);
    } catch (err) {
      if (gen !== this.generation || this.disposed) return;
      this.buffering = false;
      this.adapter?.close();
      // An unknown protocol cannot get better; one whose chunk failed to load (the error has a cause) may.
      const reason: DisconnectReason = err instanceof ConnectError ? err.reason
        : err instanceof ParleyError && err.code === 'protocol' && err.cause === undefined ? 'config-error' : 'network-error';
      const code = reason === 'auth-failed' ? 'auth' : reason === 'subscription-rejected' ? 'subscription'
        : reason === 'config-error' ? (err instanceof ParleyError ? err.code : 'config') : 'transport';
      this.deps.report(err instanceof ParleyError ? err : new ParleyError(code, messageOf(err), { protocol: this.deps.protocol, cause: err }));
      if (FATAL_REASONS.has(reason)) this.setStatus('closed', reason);
      else this.scheduleRetry(reason);
    }
  }

  /**
   * The adapter's connect, given up after the deadline: the attempt is aborted (the adapter closes
   * what it opened) and ends with `timeout`, and the backoff decides what follows.
   */
  private async connectWithin(adapter: Adapter, abort: AbortController): Promise<void> {
    const ms = this.deps.connectTimeoutMs;
    let timer: number | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = this.deps.scheduler.setTimeout(() => {
        const hint = adapter.timeoutHint ? `: ${adapter.timeoutHint}` : '';
        reject(new ConnectError('timeout', `${this.deps.protocol}: not connected within ${ms} ms${hint}`));
        abort.abort();
      }, ms);
    });
    try {
      await Promise.race([adapter.connect(abort.signal), deadline]);
    } finally {
      this.deps.scheduler.clearTimeout(timer as number);
    }
  }

  /** The backoff starts again from its first step only once this connection has lasted. */
  private markStableLater(): void {
    this.clearStable();
    this.stableTimer = this.deps.scheduler.setTimeout(() => { this.stableTimer = undefined; this.attempt = 0; }, this.deps.stableAfterMs);
  }

  private clearStable(): void {
    if (this.stableTimer !== undefined) this.deps.scheduler.clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
  }

  private scheduleRetry(reason: DisconnectReason): void {
    this.clearRetry();
    this.setStatus('reconnecting', reason);
    const delay = backoffDelay(this.attempt++, this.deps.backoff, this.deps.random());
    this.retryTimer = this.deps.scheduler.setTimeout(() => { this.retryTimer = undefined; void this.open(); }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.deps.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private handleClosed(reason: DisconnectReason, detail?: string): void {
    if (this.disposed || this.statusValue === 'closed') return;
    this.generation++;
    this.abort?.abort();
    this.clearStable();
    this.buffering = false;
    this.adapter?.close();
    if (detail) this.deps.report(new ParleyError('transport', `connection lost (${reason}): ${detail}`, { protocol: this.deps.protocol }));
    if (FATAL_REASONS.has(reason)) this.setStatus('closed', reason);
    else this.scheduleRetry(reason);
  }

  private handleOffline(): void {
    if (this.disposed || this.statusValue === 'closed' || this.statusValue === 'idle') return;
    this.generation++;
    this.abort?.abort();
    this.clearRetry();
    this.clearStable();
    this.buffering = false;
    this.adapter?.close();
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting', 'offline');
  }

  private handleOnline(): void {
    if (this.disposed || this.statusValue === 'closed' || this.statusValue === 'open' || this.statusValue === 'idle') return;
    this.attempt = 0;
    void this.open();
  }

  /**
   * The backend said the stream may have missed something (`resync.required`: a gap, a changed
   * identity): run the catch-up on the open connection, as after a reconnect, and apply what it
   * brings as missed. One at a time; one asked for meanwhile runs after it. (While connecting,
   * the connect's own sync covers it.)
   */
  private async resync(): Promise<void> {
    if (this.resyncing) { this.resyncAgain = true; return; }
    const adapter = this.adapter;
    const abort = this.abort;
    if (!adapter || !abort || this.statusValue !== 'open') return;
    const gen = this.generation;
    this.resyncing = true;
    try {
      const events = await adapter.sync('reconnect', abort.signal);
      if (gen === this.generation && !this.disposed) this.deps.store.apply(events.map((e) => ({ ...e, origin: e.origin ?? 'missed' as const })));
    } catch (err) {
      if (gen === this.generation && !this.disposed) {
        this.deps.report(new ParleyError('transport', `${this.deps.protocol}: the catch-up the backend asked for failed: ${messageOf(err)}`, { protocol: this.deps.protocol, cause: err }));
      }
    } finally {
      this.resyncing = false;
    }
    if (this.resyncAgain && gen === this.generation) {
      this.resyncAgain = false;
      await this.resync();
    }
  }

  private host(): AdapterHost {
    const deps = this.deps;
    return {
      protocol: deps.protocol,
      options: deps.options,
      scheduler: deps.scheduler,
      storage: deps.storage,
      fetch: deps.fetch,
      ...(deps.upload ? { upload: deps.upload } : {}),
      ...(deps.transport ? { transport: deps.transport } : {}),
      view: this.view,
      emit: (events) => {
        if (this.disposed || events.length === 0) return;
        const live = events.map((e) => ({ ...e, origin: e.origin ?? 'live' as const }));
        if (this.buffering) this.buffer.push(...live);
        else {
          deps.store.queue(live); // applied with the rest of this frame's events
          if (live.some((e) => e.type === 'resync.required')) void this.resync();
        }
      },
      report: (error) => { if (!this.disposed) deps.report(error); },
      closed: (reason, detail) => this.handleClosed(reason, detail),
    };
  }
}

/**
 * After a reconnect, whoever was shown typing stops. No backend here lets a client ask who is
 * typing, and a "stopped" sent while the socket was cut is lost for good (IMKIT sends none at
 * all); a typist who still types says so again on the new socket, and that frame, held while
 * the catch-up ran, is applied after these.
 */
function typingStops(state: ChatState): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const [conversationId, typists] of state.typing) {
    for (const t of typists) events.push({ type: 'typing.stopped', conversationId, actorId: t.actor.id, wireName: 'reconnect' });
  }
  return events;
}
