/**
 * Commands answered by a later frame, not by an acknowledgement: a send whose echo (carrying the
 * command's reference) confirms it and whose failure frame refuses it (Spaces' `SEND_MESSAGE`,
 * answered by `MESSAGE_SENT` with its `loopbackMetadata`). Each waits at most `timeoutMs` (a
 * core scheduler timer); the connection's end refuses every one still waiting. A handshake that
 * waits for every answer to what it sent (Spaces' `SUBSCRIBE_CHANNEL` per space) uses
 * `answeredWithin`.
 */
import type { Scheduler } from '../connection-terms.js';

interface Waiting<T> {
  resolve(value: T): void;
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

/** Reference → the promise of the command waiting for its answer. */
export class PendingReplies<T> {
  private readonly waiting = new Map<string, Waiting<T>>();

  constructor(private readonly scheduler: Scheduler, private readonly timeoutMs: number) {}

  /** Wait for the answer to `ref`; a retry replaces an older wait for the same reference. */
  wait(ref: string): Promise<T> {
    this.reject(ref, new Error('sent again'));
    return new Promise<T>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.waiting.delete(ref);
        reject(new SendTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
      this.waiting.set(ref, { resolve, reject, timer });
    });
  }

  /** Put a command on the wire (`transmit()`, false when it could not) and wait for its answer; one not sent fails with `notSent()`. */
  send(ref: string, transmit: () => boolean, notSent: () => Error): Promise<T> {
    const answer = this.wait(ref);
    if (!transmit()) this.reject(ref, notSent());
    return answer;
  }

  /** The oldest waiting reference (to blame a failure that names none). */
  oldest(): string | undefined {
    return this.waiting.keys().next().value;
  }

  /** Answer `ref`; false when nothing waited for it. */
  resolve(ref: string, value: T): boolean {
    const w = this.take(ref);
    w?.resolve(value);
    return w !== undefined;
  }

  /** Fail `ref`; false when nothing waited for it. */
  reject(ref: string, err: Error): boolean {
    const w = this.take(ref);
    w?.reject(err);
    return w !== undefined;
  }

  /** Fail every waiting command (the connection went away). */
  rejectAll(err: () => Error): void {
    for (const ref of [...this.waiting.keys()]) this.reject(ref, err());
  }

  private take(ref: string): Waiting<T> | undefined {
    const w = this.waiting.get(ref);
    if (!w) return undefined;
    this.waiting.delete(ref);
    this.scheduler.clearTimeout(w.timer);
    return w;
  }
}

/** What an `answeredWithin` wait fails with. */
export interface AnswerFailures {
  /** No answer in time. */
  timedOut(): Error;
  /** The connection ended first. */
  closed(): Error;
}

/**
 * Wait until every answer is in: `arm(done)` starts listening (it calls `done()` once all arrived,
 * possibly at once) and returns how to stop. Rejects with `timedOut()` after `ms` (a core
 * scheduler timer) or with `closed()` when `signal` aborts; the timer, the abort listener and
 * the answers' listener are removed whichever comes first.
 */
export function answeredWithin(scheduler: Scheduler, signal: AbortSignal, ms: number, fail: AnswerFailures, arm: (done: () => void) => () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(fail.closed());
      return;
    }
    let finished = false;
    let disarm = (): void => undefined;
    const finish = (err?: Error): void => {
      if (finished) return;
      finished = true;
      scheduler.clearTimeout(timer);
      signal.removeEventListener('abort', ended);
      disarm();
      if (err) reject(err);
      else resolve();
    };
    const ended = (): void => finish(fail.closed());
    const timer = scheduler.setTimeout(() => finish(fail.timedOut()), ms);
    signal.addEventListener('abort', ended, { once: true });
    const stop = arm(() => finish());
    if (finished) stop();
    else disarm = stop;
  });
}
