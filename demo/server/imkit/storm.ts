/**
 * The fault storm's operations on the IMKIT emulation (demo/server/shared/faults.ts), in one room,
 * all through the emulation's own actions so every frame is a real IMKIT event frame:
 *
 * - create: Kit writes (`chat message`), or (`fromSelf`) the demo client's other device does;
 * - edit: the message's sender edits it (`chat message` again, same `_id`, newer `updatedAtMS`);
 * - remove: mostly the sender recalls it (`chat message` of type `recall`, the record keeps the
 *   tombstone); every `ADMIN_DELETE_EVERY`-th removal is an admin deleting it for good
 *   (`messageDeleted`, the record forgets it), IMKIT's two ways a message goes for everyone;
 * - typing: Kit types (`typing`). IMKIT has no "stopped typing" frame (clients expire the notice,
 *   the Vue SDK after 6 s), so "typing off" sends nothing;
 * - read: Kit reads up to the room's newest message (`lastRead`);
 * - drop / restart: through the socket server (restart also refuses new sockets for a while and
 *   forgets each socket's delivery with its held frames).
 *
 * No fresh token: the emulation accepts one client token (`demo-imkit-token`, realtime.ts and
 * rest.ts), so the suite's token change has no second credential to hand over here.
 */
import { HttpStatusError } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { ImkitActions } from './actions.js';
import type { ImkitRealtime } from './realtime.js';
import { KIT, ME, MAIN_ROOM, type ImkitStore, type StoredMessage } from './store.js';

/** One removal in this many is an admin's permanent delete; the others are recalls. */
export const ADMIN_DELETE_EVERY = 4;

/** The storm's operations on the room named by `body.conversationId` (default the demo room). */
export function imkitStorm(store: ImkitStore, actions: ImkitActions, rt: ImkitRealtime, body: Record<string, unknown>): StormOps {
  const roomId = typeof body.conversationId === 'string' && body.conversationId ? body.conversationId : MAIN_ROOM;
  const room = store.rooms.get(roomId);
  if (!room) throw new HttpStatusError(404, 'Room not found');
  const message = (id: string): StoredMessage => {
    const m = store.findMessage(room, id);
    if (!m) throw new Error(`storm: message ${id} is gone`);
    return m;
  };
  let removals = 0;
  return {
    create: (n, fromSelf) => actions.say(room, fromSelf ? ME : KIT, `storm message ${n}`)._id,
    edit: (id, n) => {
      const m = message(id);
      actions.edit(room, m, `${m.message} (edit ${n})`);
    },
    remove: (id) => {
      const m = message(id);
      if (++removals % ADMIN_DELETE_EVERY === 0) actions.adminDelete(room, m._id);
      else actions.recall(room, m);
    },
    typing: (on) => {
      if (on) actions.typing(room, KIT);
    },
    read: () => {
      const newest = room.messages.at(-1);
      if (newest) actions.read(room, KIT, newest._id);
    },
    drop: () => rt.dropAll(),
    restart: (ms) => {
      rt.restart(ms);
    },
  };
}
