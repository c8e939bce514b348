/**
 * The fault storm's operations on the Spaces emulation (demo/server/shared/faults.ts), in one
 * space: Sam writes chats, the storm's user's other device writes some (`fromSelf`: a plain
 * `MESSAGE_SENT` with no `loopbackMetadata`, as any socket of theirs but the sending one gets it;
 * the user is `body.selfId`, a member or a guest of the space, Dana by default), chats are edited
 * (`app.event.message.updated`) and removed (`app.event.message.removed`), and Sam marks the space
 * read (`markread`). Every change goes through the emulation's own actions, so the frames are the
 * real `MESSAGE_SENT` payloads and the store (the record) is truthful. Cuts and the restart go
 * through the socket.io layer.
 *
 * A fresh token (`freshToken`, the suite's token change): for a guest, a new JWT for the same
 * guest id, signed as the anonymous sign-in signs them (a later `iat`), as a page that renews
 * its visitor's token would hand over. Members sign in with fixed test tokens here (store.ts),
 * one per member, so a member has no second token to give.
 *
 * Left out, because Spaces lacks them:
 * - typing: the Spaces socket API has no typing signal (none documented, none in the emulation);
 * - the correspondent's read receipt as the widget sees it: `topic.markread` goes only to the
 *   reader's own sockets, so Sam's read is recorded (the store's read marker) but never reaches
 *   Dana; the suite does not compare read marks for Spaces.
 */
import { HttpStatusError, optionalString, requiredString } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { SpacesActions } from './actions.js';
import type { SpacesRealtime } from './realtime.js';
import { DANA, SAM, type Item, type SpacesStore, type User } from './store.js';
import { guestJwt } from './tokens.js';
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
  const self = store.users.get(optionalString(body, 'selfId') ?? DANA.id);
  if (!self) throw new HttpStatusError(404, 'User not found');
  if (!store.isMember(space, self.id)) throw new HttpStatusError(422, 'the storm\'s user is not in this space');
  const item = (id: string): Item => {
    const found = store.items.get(id);
    if (!found || found.deleted) throw new Error(`storm: message ${id} is gone`);
    return found;
  };
  return {
    create: (n, fromSelf) => actions.post(fromSelf ? self : user(SAM.id), space, { category: 'chat', bodyText: htmlBody(`storm message ${n}`) }).id,
    edit: (id, n) => {
      const target = item(id);
      actions.update(target, { bodyText: htmlBody(`${plainText(target.bodyText)} (edit ${n})`) });
    },
    remove: (id) => actions.remove(item(id)),
    read: () => actions.markRead(user(SAM.id), space),
    drop: () => realtime.dropAll(),
    restart: (ms) => { realtime.restart(ms); },
    ...(self.type === 'anonymous' ? { freshToken: () => freshGuestToken(self) } : {}),
  };
}

/** A new JWT for the same guest: issued now, or a second later when that would repeat the one it has (`iat` is in seconds). */
function freshGuestToken(guest: User): string {
  const now = guestJwt(guest.id);
  return now !== guest.token ? now : guestJwt(guest.id, Date.now() + 1000);
}
