/**
 * Sends waiting for their answer. `SEND_MESSAGE` has no acknowledgement of its own: the
 * `MESSAGE_SENT` echo carrying our `loopbackMetadata` (the clientRef) confirms a send, and
 * `SEND_MESSAGE_FAILED` refuses it. Each waits at most `timeoutMs` (a host.scheduler timer).
 */
import type { ChatEvent } from '../../events.js';
import type { Scheduler } from '../../protocol.js';

interface Waiting {
  resolve(events: ChatEvent[]): void;
  reject(err: Error): void;
  timer: number;
}

/** A send that got no answer in time: it is marked failed (with a retry), not resent blindly. */
export class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the server within ${Math.round(ms / 1000)} s`);
    this.name = 'SendTimeoutError';
  }
}

/** clientRef → the execute() promise of that send. */
export class PendingSends {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly scheduler: Scheduler, private readonly timeoutMs: number) {}

  /** Wait for the answer to the send `ref`. */
  wait(ref: string): Promise<ChatEvent[]> {
    this.reject(ref, new Error('sent again')); // a retry replaces an older wait for the same message
    return new Promise<ChatEvent[]>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.waiting.delete(ref);
        reject(new SendTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
      this.waiting.set(ref, { resolve, reject, timer });
    });
  }

  /** Whether a send with this ref is waiting. */
  has(ref: string): boolean {
    return this.waiting.has(ref);
  }

  /** The oldest waiting ref (to blame a failure that names none). */
  oldest(): string | undefined {
    return this.waiting.keys().next().value;
  }

  /** Confirm `ref` with the events of its echo; false when nothing waited for it. */
  resolve(ref: string, events: ChatEvent[]): boolean {
    const w = this.take(ref);
    w?.resolve(events);
    return w !== undefined;
  }

  /** Fail `ref`; false when nothing waited for it. */
  reject(ref: string, err: Error): boolean {
    const w = this.take(ref);
    w?.reject(err);
    return w !== undefined;
  }

  /** Fail every waiting send (the socket went away). */
  rejectAll(err: () => Error): void {
    for (const ref of [...this.waiting.keys()]) this.reject(ref, err());
  }

  private take(ref: string): Waiting | undefined {
    const w = this.waiting.get(ref);
    if (!w) return undefined;
    this.waiting.delete(ref);
    this.scheduler.clearTimeout(w.timer);
    return w;
  }
}
