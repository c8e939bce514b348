/**
 * The fault storm's operations on the Comapi emulation (demo/server/shared/faults.ts), in one
 * conversation between Cleo and a visitor: Cleo (or the visitor's other device) writes, Cleo
 * types on and off, marks the visitor's messages delivered as they arrive (as her script does)
 * and reads them all; cuts and restarts go through the socket server. Every change goes through
 * `ComapiActions`, so the frames are the service's own `conversationMessage.sent` /
 * `.delivered` / `.read` and `conversation.participantTyping[Off]` events, logged with their
 * `conversationEventId` like any other.
 *
 * A fresh token (`freshToken`, the suite's token change): a new session for the same visitor, as
 * the challenge flow (`sessions/start`, then the page's JWT) would give it; the older session stays
 * valid until it expires, as Comapi's do.
 *
 * Left out: edits and deletes. Comapi's documented protocol has no event for either (messages
 * are immutable once sent; only the conversation can be deleted), so the storm writes instead.
 */
import { HttpStatusError } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { ComapiActions } from './actions.js';
import type { ComapiSockets } from './sockets.js';
import { CLEO, type ComapiStore, type Conversation } from './store.js';

/** The storm's operations on the conversation named by the control body's `conversationId`. */
export function comapiStorm(store: ComapiStore, actions: ComapiActions, sockets: ComapiSockets, body: Record<string, unknown>): StormOps {
  const c: Conversation | undefined = typeof body.conversationId === 'string' ? store.conversations.get(body.conversationId) : undefined;
  if (!c || c.deleted) throw new HttpStatusError(404, 'Conversation not found');
  if (!c.participants.has(CLEO.id)) throw new HttpStatusError(422, 'Cleo is not in this conversation');
  // The visitor: the first participant who is not Cleo.
  const visitor = [...c.participants.keys()].find((p) => p !== CLEO.id);
  if (!visitor) throw new HttpStatusError(422, 'the conversation has no visitor');

  return {
    create: (n, fromSelf) => {
      const m = actions.say(c, fromSelf ? visitor : CLEO.id, `storm message ${n}`);
      // Cleo's client acknowledges what reaches her at once; reading comes later.
      if (fromSelf) actions.status(c, CLEO.id, [m.id], 'delivered', store.now());
      return m.id;
    },
    typing: (on) => actions.typing(c, CLEO.id, on),
    read: () => {
      const unread = c.messages.filter((m) => m.from === visitor && m.statusUpdates[CLEO.id]?.status !== 'read').map((m) => m.id);
      if (unread.length) actions.status(c, CLEO.id, unread, 'read', store.now());
    },
    drop: () => sockets.dropAll(),
    restart: (ms) => {
      sockets.refuse(ms);
      sockets.dropAll();
    },
    freshToken: () => store.controlSession(visitor).token,
  };
}
