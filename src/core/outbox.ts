/**
 * The outbox: optimistic sends enter the store as `pending` and are delivered in order when the
 * connection is open. A network failure leaves a message pending (it goes out on reconnect);
 * a refusal marks it `failed`, visible with a retry.
 */
import type { ChatEvent } from './events.js';
import type { Command } from './commands.js';
import { ParleyError, messageOf } from './errors.js';
import { NetworkError, failureText } from './http.js';
import type { Message } from './model.js';
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
}

/** Delivers pending messages. */
export class Outbox {
  private readonly inFlight = new Set<string>();
  /** Sent, accepted, but not yet confirmed by a message carrying the reference (echo-less backends). */
  private readonly awaitingEcho = new Set<string>();
  private flushing?: Promise<void>;
  private again = false;

  constructor(private readonly deps: OutboxDeps) {}

  /** Try to deliver one pending message now. */
  async deliver(m: Message): Promise<void> {
    const ref = m.clientRef;
    if (!ref || this.inFlight.has(ref) || this.awaitingEcho.has(ref) || !this.deps.isOpen()) return;
    this.inFlight.add(ref);
    try {
      const events = await this.deps.execute({
        type: 'send', conversationId: m.conversationId, text: m.text, clientRef: ref,
        threadParentId: m.threadParentId, attachments: m.attachments.length ? m.attachments : undefined,
      });
      this.deps.store.apply(events);
      // The server took it but returned no message (Virola): wait for the echo, never post it again.
      if (!events.some((e) => e.type === 'message.created' && e.message.clientRef === ref)) this.awaitingEcho.add(ref);
    } catch (err) {
      if (err instanceof NetworkError || err instanceof NotConnectedError) return; // stays pending; flushed on reconnect
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

  private async drain(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      await Promise.resolve();
      if (!this.deps.isOpen()) return;
      const next = this.deps.store.pendingMessages().find((m) => m.clientRef && !tried.has(m.clientRef) && !this.awaitingEcho.has(m.clientRef));
      if (!next) return;
      tried.add(next.clientRef!);
      await this.deliver(next);
    }
  }
}
