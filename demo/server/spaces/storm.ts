/**
 * The fault storm's operations on the Spaces emulation (demo/server/shared/faults.ts), in one
 * space: Sam writes chats, Dana's other device writes some (`fromSelf`: a plain `MESSAGE_SENT`
 * with no `loopbackMetadata`, as any socket of hers but the sending one gets it), chats are edited
 * (`app.event.message.updated`) and removed (`app.event.message.removed`), and Sam marks the space
 * read (`markread`). Every change goes through the emulation's own actions, so the frames are the
 * real `MESSAGE_SENT` payloads and the store (the record) is truthful. Cuts and the restart go
 * through the socket.io layer.
 *
 * Left out, because Spaces lacks them:
 * - typing: the Spaces socket API has no typing signal (none documented, none in the emulation);
 * - the correspondent's read receipt as the widget sees it: `topic.markread` goes only to the
 *   reader's own sockets, so Sam's read is recorded (the store's read marker) but never reaches
 *   Dana; the suite does not compare read marks for Spaces.
 */
import { HttpStatusError, requiredString } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { SpacesActions } from './actions.js';
import type { SpacesRealtime } from './realtime.js';
import { DANA, SAM, type Item, type SpacesStore, type User } from './store.js';
import { htmlBody, plainText } from './wire.js';

/** The storm's operations on the space `body.conversationId`. */
export function spacesStorm(store: SpacesStore, actions: SpacesActions, realtime: SpacesRealtime, body: Record<string, unknown>): StormOps {
  const space = store.spaces.get(requiredString(body, 'conversationId'));
  if (!space) throw new HttpStatusError(404, 'Space not found');
  const user = (id: string): User => {
    const u = store.users.get(id);
    if (!u) throw new Error(`storm: user ${id} is gone`);
    return u;
  };
  const item = (id: string): Item => {
    const found = store.items.get(id);
    if (!found || found.deleted) throw new Error(`storm: message ${id} is gone`);
    return found;
  };
  return {
    create: (n, fromSelf) => actions.post(user(fromSelf ? DANA.id : SAM.id), space, { category: 'chat', bodyText: htmlBody(`storm message ${n}`) }).id,
    edit: (id, n) => {
      const target = item(id);
      actions.update(target, { bodyText: htmlBody(`${plainText(target.bodyText)} (edit ${n})`) });
    },
    remove: (id) => actions.remove(item(id)),
    read: () => actions.markRead(user(SAM.id), space),
    drop: () => realtime.dropAll(),
    restart: (ms) => { realtime.restart(ms); },
  };
}
