/**
 * My delivered and read marks on others' messages, the policy any protocol that sends them uses
 * (Comapi's `POST …/messages/statusupdates`): a message is marked at most once per status, and
 * never "delivered" once it is "read". Delivered marks for arriving messages are batched per
 * conversation on the core's scheduler; read marks go out at once, when the user sees the thread.
 * A mark that failed is rolled back (the next attempt sends it again): a failed read rejects (the
 * command fails), a failed delivered is reported.
 */
import { ParleyError, messageOf } from '../errors.js';
import type { ChatEvent } from '../events.js';
import type { Scheduler } from '../connection-terms.js';
import type { HeldMessage } from '../store-view.js';

/** Arriving messages are marked delivered after this short pause, together. */
export const DELIVERED_BATCH_MS = 250;

/** Which of the covered messages to take: only those `accept` takes, and only the newest `limit`. */
export interface UpToFilter {
  accept?: (m: HeldMessage) => boolean;
  limit?: number;
}

/**
 * The others' messages a `markRead` covers among a conversation's held ones, oldest first: up to
 * and including `messageId` when it is held, else those created by `at`, else all; deleted ones
 * left out. With a `limit`, the newest that many: the walk goes from the newest back and stops
 * there, so a read mark in a long history costs what it marks.
 */
export function othersUpTo(held: readonly HeldMessage[], messageId?: string, at?: number, filter: UpToFilter = {}): HeldMessage[] {
  const target = messageId === undefined ? -1 : held.findLastIndex((m) => m.id === messageId);
  const { accept, limit = Infinity } = filter;
  const out: HeldMessage[] = [];
  for (let i = target >= 0 ? target : held.length - 1; i >= 0 && out.length < limit; i--) {
    const m = held[i]!;
    if (m.mine || m.deleted || (target < 0 && at !== undefined && m.createdAt > at)) continue;
    if (!accept || accept(m)) out.push(m);
  }
  return out.reverse();
}

/** A status I give others' messages. */
export type ReceiptStatus = 'delivered' | 'read';

/** What the sender needs. */
export interface ReceiptDeps {
  /** The protocol's name, for messages. */
  readonly protocol: string;
  readonly scheduler: Scheduler;
  /** Send one status for these messages of one conversation; `at` is now, epoch ms. */
  send(conversationId: string, messageIds: string[], status: ReceiptStatus, at: number): Promise<void>;
  report(error: ParleyError): void;
  /** Hide credentials in error text. */
  redact(text: string): string;
}

/** Sends delivered and read marks, once each. */
export class ReceiptSender {
  private readonly given = new Map<string, ReceiptStatus>();
  private readonly queued = new Map<string, Set<string>>();
  private timer?: number;

  constructor(private readonly deps: ReceiptDeps) {}

  /** Record a status I already gave (the server said so in a history page). */
  know(conversationId: string, messageId: string, status: ReceiptStatus): void {
    const key = keyOf(conversationId, messageId);
    if (this.given.get(key) !== 'read') this.given.set(key, status);
  }

  /** Whether I already marked this message read. */
  isRead(conversationId: string, messageId: string): boolean {
    return this.given.get(keyOf(conversationId, messageId)) === 'read';
  }

  /** Mark these messages delivered soon (batched). */
  delivered(conversationId: string, messageIds: readonly string[]): void {
    const fresh = messageIds.filter((id) => !this.given.has(keyOf(conversationId, id)));
    if (!fresh.length) return;
    const set = this.queued.get(conversationId) ?? new Set<string>();
    for (const id of fresh) set.add(id);
    this.queued.set(conversationId, set);
    this.timer ??= this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, DELIVERED_BATCH_MS);
  }

  /** Mark the others' messages among these events delivered soon (batched). */
  deliveredIn(events: readonly ChatEvent[]): void {
    for (const e of events) {
      if (e.type === 'message.created' && e.message.sender && e.message.sender.role !== 'self') this.delivered(e.message.conversationId, [e.message.id]);
    }
  }

  /** Send the queued delivered marks now. */
  flush(): void {
    for (const [cid, set] of [...this.queued]) {
      this.queued.delete(cid);
      const ids = [...set].filter((id) => !this.given.has(keyOf(cid, id)));
      if (ids.length) void this.post(cid, ids, 'delivered');
    }
  }

  /** Mark these messages read now; resolves when the server took them (or nothing was new). */
  async read(conversationId: string, messageIds: readonly string[]): Promise<void> {
    const ids = messageIds.filter((id) => !this.isRead(conversationId, id));
    const queued = this.queued.get(conversationId);
    if (queued) for (const id of ids) queued.delete(id); // read implies delivered
    if (ids.length) await this.post(conversationId, ids, 'read');
  }

  /** Stop the timer (the connection ended); queued marks wait for the next `flush`. */
  pause(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async post(cid: string, ids: string[], status: ReceiptStatus): Promise<void> {
    const before = ids.map((id) => this.given.get(keyOf(cid, id)));
    for (const id of ids) this.given.set(keyOf(cid, id), status);
    try {
      await this.deps.send(cid, ids, status, this.deps.scheduler.now());
    } catch (err) {
      ids.forEach((id, i) => {
        const prev = before[i];
        if (prev === undefined) this.given.delete(keyOf(cid, id));
        else this.given.set(keyOf(cid, id), prev);
      });
      const { protocol } = this.deps;
      const error = new ParleyError('command', this.deps.redact(`${protocol}: marking ${ids.length} message(s) ${status} failed: ${messageOf(err)}`), { protocol, cause: err });
      if (status === 'read') throw error;
      this.deps.report(error);
    }
  }
}

function keyOf(conversationId: string, messageId: string): string {
  return `${conversationId}\u0000${messageId}`;
}
