/**
 * The fault storm's operations on the Virola emulation (demo/server/shared/faults.ts): Vera (or
 * Sam's other device) writes, edits and deletes in one room, Vera reads Sam's messages; cuts and
 * restarts go through the event hub. Virola has no typing events, so the storm sends none. No
 * fresh token: Sam's Web API token is one per user (store.ts); a new session cookie comes from
 * signing in again (`POST /api/v1/login`), which the suite does from the page.
 */
import { HttpStatusError, requiredInt } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { VirolaActions } from './actions.js';
import type { EventHub } from './hub.js';
import { SAM, VERA, type Message, type VirolaStore } from './store.js';

export function virolaStorm(store: VirolaStore, actions: VirolaActions, hub: EventHub, body: Record<string, unknown>): StormOps {
  const roomId = requiredInt(body.conversationId, 'conversationId');
  if (!store.rooms.has(roomId)) throw new HttpStatusError(404, 'Room not found');
  const message = (id: string): Message => {
    const m = store.messages.get(Number(id));
    if (!m) throw new Error(`storm: message ${id} is gone`);
    return m;
  };
  return {
    create: (n, fromSelf) => String(actions.write([{ roomId, userId: fromSelf ? SAM.id : VERA.id, text: `storm message ${n}` }])[0]!.messageId),
    edit: (id, n) => {
      const m = message(id);
      m.text = `${m.text} (edit ${n})`;
      m.lastEditedUtc = store.now();
      m.lastModifiedUtc = m.lastEditedUtc;
      hub.messagesUpdated([m]);
    },
    remove: (id) => actions.remove(message(id)),
    read: () => {
      const unread = store.list({ roomId }).filter((m) => m.userId === SAM.id && !m.readTimestamps.has(VERA.id));
      for (const m of unread) store.markRead(m, VERA.id);
      if (unread.length) hub.messagesUpdated(unread);
    },
    drop: () => hub.dropAll(),
    restart: (ms) => {
      hub.refuse(ms);
      hub.dropAll();
    },
  };
}
