/**
 * The outbox: optimistic sends enter the store as `pending` and are delivered in order when the
 * connection is open. A network failure leaves a message pending (it goes out on reconnect);
 * "not now" (429, 503) pauses the outbox for the server's `Retry-After` (or a backoff) and tries
 * again, a few times; a 401 leaves it pending for the next token (the connection ends as
 * `auth-failed`); any other refusal marks it `failed`, visible with a retry.
 */
import type { ChatEvent } from './events.js';
import type { Command } from './commands.js';
import { ParleyError, messageOf } from './errors.js';
import { NetworkError, failureText, httpErrorIn, isTryLater, isUnauthorized } from './http.js';
import { backoffDelay } from './backoff.js';
import type { Scheduler } from './connection-terms.js';
import type { Message } from './model.js';
import type { OutgoingFile } from './uploads.js';
import { NotConnectedError } from './connection.js';
import type { ChatStore } from './store.js';

/** What the outbox needs from its owner. */
export interface OutboxDeps {
  store: ChatStore;
  isOpen(): boolean;
  execute(command: Command): Promise<ChatEvent[]>;
  report(error: ParleyError): void;
  /** Credentials out of a text shown to the user (the server's reason may echo them). */
  redact?(text: string): string;
  /** The files of an unsent message, held in memory by its owner. */
  filesOf?(clientRef: string): readonly OutgoingFile[] | undefined;
  /** The backend took this send: its files are not needed any more. */
  delivered?(clientRef: string): void;
  /** Timers for waiting out a "not now"; cleared with their owner. */
  scheduler: Pick<Scheduler, 'setTimeout' | 'clearTimeout'>;
  /** Source of jitter for a wait the server did not name. */
  random?(): number;
}

/** How many "not now" answers in a row one message waits out before it is marked failed. */
export const MAX_TRY_LATER = 5;
/** The wait after a "not now" without `Retry-After`: 2 s, doubling, at most a minute. */
const TRY_LATER_BACKOFF = { base: 2_000, cap: 60_000 };

/** Delivers pending messages. */
export class Outbox {
  private readonly inFlight = new Set<string>();
  private flushing?: Promise<void>;
  private again = false;
  /** The server said "not now": nothing is sent until this timer runs. */
  private pauseTimer?: number;
  /** "Not now" answers in a row, per message. */
  private readonly tryLater = new Map<string, number>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Try to deliver one pending message now. */
  async deliver(m: Message): Promise<void> {
    const ref = m.clientRef;
    if (!ref || m.acceptedAt !== undefined || this.inFlight.has(ref) || this.paused || !this.deps.isOpen()) return;
    this.inFlight.add(ref);
    this.deps.store.markHandedOver(m.conversationId, ref);
    try {
      const files = m.upload ? this.deps.filesOf?.(ref) : undefined;
      if (m.upload && !files?.length) throw new Error('its files are no longer here');
      if (m.upload) this.deps.store.setUploadProgress(m.conversationId, ref, 0);
      const events = await this.deps.execute({
        type: 'send', conversationId: m.conversationId, text: m.text, clientRef: ref,
        threadParentId: m.threadParentId, attachments: m.attachments.length ? m.attachments : undefined,
        ...(files ? { files, progress: (sent: number) => this.deps.store.setUploadProgress(m.conversationId, ref, sent) } : {}),
      });
      this.tryLater.delete(ref);
      this.deps.delivered?.(ref);
      this.deps.store.apply(events);
      // The server took it but returned no message (Virola): wait for the echo, never post it again,
      // nor does the next client (the mark is kept with the outbox: a reload, a new token).
      if (!events.some((e) => e.type === 'message.created' && e.message.clientRef === ref)) this.deps.store.markAccepted(m.conversationId, ref);
    } catch (err) {
      if (err instanceof NotConnectedError) return; // stays pending; flushed on reconnect
      if (err instanceof NetworkError) {
        // Stays pending. The socket may still be up while the REST call failed (a proxy, a throttle
        // answered without CORS): then nothing else would try again before a reconnect.
        if (this.deps.isOpen()) this.waitOut(ref, undefined);
        return;
      }
      if (isUnauthorized(err)) return; // stays pending: the connection ends as auth-failed, a new token sends it
      const http = httpErrorIn(err);
      if (http && isTryLater(http) && this.waitOut(ref, http.retryAfterMs, { why: `the server answered ${http.status}`, cause: err })) return;
      this.tryLater.delete(ref);
      // The person sees why in plain words; the report keeps the technical message.
      const shown = failureText(err);
      this.deps.store.setPendingState(m.conversationId, ref, 'failed', this.deps.redact ? this.deps.redact(shown) : shown);
      this.deps.report(new ParleyError('command', `send failed: ${messageOf(err)}`, { cause: err }));
    } finally {
      this.inFlight.delete(ref);
    }
  }

  /**
   * Deliver every pending message, oldest first, one at a time (keeps their order on the server).
   * Messages added while a flush runs are picked up by the same flush.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true; // a drain may be past its last look: run once more after it
      return this.flushing;
    }
    const run = this.drain().finally(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    this.flushing = run;
    return run;
  }

  /** Cancel a wait (the owner goes away). */
  dispose(): void {
    if (this.pauseTimer !== undefined) this.deps.scheduler.clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
  }

  private get paused(): boolean {
    return this.pauseTimer !== undefined;
  }

  /**
   * "Not now" for `ref`: pause every send (they share the server's throttle, and order matters)
   * for the server's `Retry-After`, or a growing backoff without one, then flush again. False
   * once the message has waited `MAX_TRY_LATER` times in a row: a refusal then fails it. A
   * server's "not now" is reported; a request with no answer waits quietly (it is not an error
   * of the server's, and the message shows as pending).
   */
  private waitOut(ref: string, retryAfter: number | undefined, refusal?: { why: string; cause: unknown }): boolean {
    const count = (this.tryLater.get(ref) ?? 0) + 1;
    if (count > MAX_TRY_LATER) return false;
    this.tryLater.set(ref, count);
    const waitMs = retryAfter ?? backoffDelay(count - 1, TRY_LATER_BACKOFF, this.deps.random?.() ?? Math.random());
    if (this.pauseTimer !== undefined) this.deps.scheduler.clearTimeout(this.pauseTimer);
    this.pauseTimer = this.deps.scheduler.setTimeout(() => {
      this.pauseTimer = undefined;
      void this.flush();
    }, waitMs);
    if (refusal) {
      this.deps.report(new ParleyError('command', `send deferred: ${refusal.why}; trying again in ${Math.ceil(waitMs / 1000)} s `
        + `(${count} of ${MAX_TRY_LATER})`, { cause: refusal.cause }));
    }
    return true;
  }

  private async drain(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      await Promise.resolve();
      if (!this.deps.isOpen() || this.paused) return;
      const next = this.deps.store.pendingMessages().find((m) => m.clientRef && m.acceptedAt === undefined && !tried.has(m.clientRef));
      if (!next) return;
      tried.add(next.clientRef!);
      await this.deliver(next);
    }
  }
}
