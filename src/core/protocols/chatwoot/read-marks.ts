/**
 * The other side's read time per conversation, as Chatwoot gives it: a time
 * (`agent_last_seen_at` for a contact, `contact_last_seen_at` for an agent), never a status on my
 * messages (a contact's own messages stay `sent` in Chatwoot forever). A receipt only raises the
 * messages the store holds when it arrives, so a message of mine that comes later (a page read
 * after the conversation list, a frame held back, my other device's message) is raised here when
 * it was created at or before the newest read time already seen.
 */
import type { ChatEvent } from '../../events.js';

/** Remembers each conversation's newest read time by the other side and applies it to my messages. */
export class PeerReadMarks {
  private readonly readAt = new Map<string, number>();

  /** Note the batch's read receipts, then return it with my messages they cover raised to `read`. */
  apply(events: readonly ChatEvent[]): ChatEvent[] {
    for (const e of events) {
      if (e.type !== 'receipt.read' || e.at === undefined || e.conversationId === undefined || e.reader.role === 'self') continue;
      if (e.at > (this.readAt.get(e.conversationId) ?? -Infinity)) this.readAt.set(e.conversationId, e.at);
    }
    return events.map((e) => {
      if (e.type !== 'message.created') return e;
      const m = e.message;
      const at = e.conversationId === undefined ? undefined : this.readAt.get(e.conversationId);
      if (at === undefined || m.sender?.role !== 'self' || m.deleted || m.createdAt > at) return e;
      if (m.status === 'read' || m.status === 'failed' || m.status === 'pending') return e;
      return { ...e, message: { ...m, status: 'read' } };
    });
  }
}
