/**
 * My delivered and read marks on others' messages (`POST …/messages/statusupdates`). Delivered
 * marks for arriving messages are batched per conversation on the core's scheduler; read marks
 * go out when the user sees the thread. A message is marked at most once per status, and never
 * "delivered" once it is "read".
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { Scheduler } from '../../protocol.js';
import type { StatusUpdate } from './rest.js';

/** Arriving messages are marked delivered after this short pause, together. */
export const DELIVERED_BATCH_MS = 250;

/** What the sender needs. */
export interface ReceiptDeps {
  scheduler: Scheduler;
  send(conversationId: string, updates: StatusUpdate[]): Promise<void>;
  report(error: ParleyError): void;
  /** Hide credentials in error text. */
  redact(text: string): string;
}

type Given = 'delivered' | 'read';

/** Sends status updates, once each. */
export class ReceiptSender {
  private readonly given = new Map<string, Given>();
  private readonly queued = new Map<string, Set<string>>();
  private timer?: number;

  constructor(private readonly deps: ReceiptDeps) {}

  /** Record a status I already gave (the server said so in a history page). */
  know(conversationId: string, messageId: string, status: Given): void {
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

  /** Stop the timer (the adapter closed); queued marks wait for the next `flush`. */
  pause(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async post(cid: string, ids: string[], status: Given): Promise<void> {
    const before = ids.map((id) => this.given.get(keyOf(cid, id)));
    for (const id of ids) this.given.set(keyOf(cid, id), status);
    const timestamp = new Date(this.deps.scheduler.now()).toISOString();
    try {
      await this.deps.send(cid, [{ messageIds: ids, status, timestamp }]);
    } catch (err) {
      ids.forEach((id, i) => {
        const prev = before[i];
        if (prev === undefined) this.given.delete(keyOf(cid, id));
        else this.given.set(keyOf(cid, id), prev);
      });
      const error = new ParleyError('command', this.deps.redact(`comapi: marking ${ids.length} message(s) ${status} failed: ${messageOf(err)}`), { protocol: 'comapi', cause: err });
      if (status === 'read') throw error;
      this.deps.report(error);
    }
  }
}

function keyOf(conversationId: string, messageId: string): string {
  return `${conversationId}\u0000${messageId}`;
}
