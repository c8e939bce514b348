/**
 * What can happen in the emulation, each change applied to the store and announced to whoever
 * hears it. The REST API, the scripted correspondent and the control endpoints all go through here.
 */
import type { ComapiEvents } from './events.js';
import { CLEO, type ComapiStore, type Conversation, type Json, type Message, type Part, type Status } from './store.js';

/** Hears about activity the scripted correspondent answers. */
export interface ActivityListener {
  conversationCreated(c: Conversation): void;
  messageSent(c: Conversation, m: Message): void;
}

export class ComapiActions {
  listener?: ActivityListener;

  constructor(private readonly store: ComapiStore, private readonly events: ComapiEvents) {}

  /** A message from `from`, announced to the participants. */
  send(c: Conversation, from: string, parts: Part[], metadata: Json = {}): Message {
    const { message, event } = this.store.addMessage(c, from, parts, metadata);
    this.events.logged(c, event);
    if (from !== CLEO.id) this.listener?.messageSent(c, message);
    return message;
  }

  /** A text message. */
  say(c: Conversation, from: string, text: string): Message {
    return this.send(c, from, [{ name: 'body', type: 'text/plain', data: text, size: Buffer.byteLength(text) }]);
  }

  /** Status updates by `profileId`; a status that would not raise one is dropped. Returns how many were recorded. */
  status(c: Conversation, profileId: string, messageIds: readonly string[], status: Status, timestamp: string): number {
    let count = 0;
    for (const id of messageIds) {
      const m = c.messages.find((x) => x.id === id);
      const event = m && this.store.setStatus(c, m, profileId, status, timestamp);
      if (!event) continue;
      this.events.logged(c, event);
      count++;
    }
    return count;
  }

  typing(c: Conversation, profileId: string, on: boolean): void {
    this.events.typing(c, profileId, on);
  }

  /** A conversation with these participants (the first is its owner); each is announced as added. */
  createConversation(name: string, participantIds: readonly string[], by: string, id?: string): Conversation {
    const c = this.store.createConversation(name, participantIds.map((p, i) => [p, i === 0 ? 'owner' : 'participant']), id);
    for (const p of participantIds) this.events.participantAdded(c, p, by);
    this.listener?.conversationCreated(c);
    return c;
  }

  addParticipant(c: Conversation, profileId: string, by: string): void {
    if (c.participants.has(profileId)) return;
    c.participants.set(profileId, 'participant');
    this.events.participantAdded(c, profileId, by);
  }

  removeParticipant(c: Conversation, profileId: string, by: string): void {
    if (!c.participants.delete(profileId)) return;
    this.events.participantRemoved(c, profileId, by);
  }

  rename(c: Conversation, name: string, by: string): void {
    c.name = name;
    c.updatedOn = this.store.now();
    this.events.conversationUpdated(c, by);
  }

  deleteConversation(c: Conversation, by: string): void {
    c.deleted = true;
    this.events.conversationDeleted(c, by);
  }

  /**
   * A live event that skips a sequence number: one message is logged but never sent on the
   * socket, then the next one is. A client must fetch the skipped one (`GET …/events`).
   */
  gap(c: Conversation, from: string, text: string): { skipped: number; sent: number } {
    const skipped = this.store.addMessage(c, from, [{ name: 'body', type: 'text/plain', data: `${text} (never sent live)`, size: text.length + 18 }]);
    const sent = this.say(c, from, text);
    return { skipped: skipped.event.seq, sent: sent.sentEventId };
  }
}
