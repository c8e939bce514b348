/**
 * Comapi frames as the service sends them, and who hears each: the participants of a
 * conversation hear its messages, statuses, updates and deletion; the others (not the typist)
 * hear typing; a removed participant hears its own removal. Each event keeps its conversation
 * id where the real service puts it: `payload.context` (sent, on the socket), `payload`
 * (typing, delivered/read), top level (participants, conversation.*, and every event of the
 * events API).
 */
import { randomUUID } from 'node:crypto';
import type { ComapiSockets } from './sockets.js';
import { API_SPACE, ROLES, type ComapiStore, type Conversation, type ConversationEvent, type Json, type Profile } from './store.js';

export class ComapiEvents {
  constructor(private readonly store: ComapiStore, private readonly sockets: ComapiSockets) {}

  /**
   * A conversation-log event as a frame. On the socket a `sent` event has no top-level
   * `conversationId`; the events API adds it to every event.
   */
  frameOf(c: Conversation, e: ConversationEvent, forApi: boolean): Json {
    const base: Json = { eventId: e.eventId, apiSpaceId: API_SPACE, name: e.name };
    if (e.name === 'conversationMessage.sent') {
      const m = c.messages.find((x) => x.id === e.messageId);
      const from = this.store.profiles.get(e.createdBy);
      const text = m?.parts.find((p) => p.type === 'text/plain')?.data ?? '';
      base.payload = {
        messageId: e.messageId,
        metadata: m?.metadata ?? {},
        context: { from: { id: e.createdBy, name: from?.name ?? e.createdBy }, conversationId: c.id, sentBy: e.createdBy, sentOn: m?.sentOn ?? e.publishedOn },
        parts: m?.parts ?? [],
        alert: { text: 'New Message', platforms: { apns: { alert: text }, fcm: { notification: { title: c.name, body: text } } } },
      };
    } else {
      base.payload = { messageId: e.messageId, conversationId: c.id, profileId: e.profileId, timestamp: e.timestamp };
    }
    Object.assign(base, { context: { createdBy: e.createdBy }, revision: e.seq, conversationEventId: e.seq, publishedOn: e.publishedOn });
    if (forApi) base.conversationId = c.id;
    return base;
  }

  /** A conversation's REST shape (`GET …/conversations[/id]`). */
  conversationJson(c: Conversation): Json {
    return {
      id: c.id, name: c.name, description: c.description, isPublic: c.isPublic, roles: ROLES,
      participantCount: c.participants.size, latestSentEventId: this.store.latestEventId(c),
      _createdOn: c.createdOn, _updatedOn: c.updatedOn,
    };
  }

  /** Send a logged event to the participants. */
  logged(c: Conversation, e: ConversationEvent): void {
    this.sockets.send(c.participants.keys(), this.frameOf(c, e, false));
  }

  typing(c: Conversation, profileId: string, on: boolean): void {
    const others = [...c.participants.keys()].filter((p) => p !== profileId);
    const now = this.store.now();
    this.sockets.send(others, {
      eventId: randomUUID(), payload: { conversationId: c.id, profileId }, context: { createdBy: profileId, createdOn: now },
      apiSpaceId: API_SPACE, name: on ? 'conversation.participantTyping' : 'conversation.participantTypingOff', publishedOn: now,
    });
  }

  participantAdded(c: Conversation, profileId: string, by: string): void {
    this.sockets.send(c.participants.keys(), this.envelope(c, 'conversation.participantAdded', by, {
      profileId, role: c.participants.get(profileId) ?? 'participant', conversationId: c.id, apiSpaceId: API_SPACE,
    }));
  }

  /** After the profile left `c.participants`: it hears its own removal too. */
  participantRemoved(c: Conversation, profileId: string, by: string): void {
    this.sockets.send([...c.participants.keys(), profileId], this.envelope(c, 'conversation.participantRemoved', by, {
      apiSpaceId: API_SPACE, profileId, conversationId: c.id,
    }));
  }

  conversationUpdated(c: Conversation, by: string): void {
    const frame = this.envelope(c, 'conversation.update', by, { description: c.description, isPublic: c.isPublic, name: c.name, roles: ROLES });
    frame.etag = `"${c.revision}-${c.id.slice(0, 8)}"`;
    this.sockets.send(c.participants.keys(), frame);
  }

  conversationDeleted(c: Conversation, by: string): void {
    this.sockets.send(c.participants.keys(), this.envelope(c, 'conversation.delete', by, { date: this.store.now() }));
  }

  profileUpdated(p: Profile): void {
    const audience = new Set([p.id]);
    for (const c of this.store.conversationsOf(p.id)) for (const id of c.participants.keys()) audience.add(id);
    this.sockets.send(audience, {
      eventId: randomUUID(), apiSpaceId: API_SPACE, name: 'profile.update', payload: { ...p }, eTag: `"${randomUUID().slice(0, 8)}"`,
      context: { createdBy: p.id }, profileId: p.id, publishedOn: this.store.now(),
    });
  }

  private envelope(c: Conversation, name: string, by: string, payload: Json): Json {
    c.revision++;
    return { eventId: randomUUID(), apiSpaceId: API_SPACE, name, payload, context: { createdBy: by }, revision: c.revision, conversationId: c.id, publishedOn: this.store.now() };
  }
}
