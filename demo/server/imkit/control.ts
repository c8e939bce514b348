/**
 * Test control endpoints under `/__control` (JSON in, JSON out): cut the network, refuse
 * reconnects, speak, type, read, recall and stream as anyone, invite, change preferences, read
 * the server's own record, and run a fault storm (`POST`/`GET /__control/storm`, see storm.ts).
 */
import { HttpStatusError, optionalString, requiredInt, requiredString, Router, type RouteContext } from '../http.js';
import type { ImkitActions, Stream } from './actions.js';
import type { Correspondent } from './correspondent.js';
import type { ImkitRealtime } from './realtime.js';
import { addStormRoutes, Storm } from '../shared/faults.js';
import { imkitStorm } from './storm.js';
import { KIT, KIT_AI, ME, MAIN_ROOM, messageJson, type ImkitStore, type Room } from './store.js';

export interface ControlDeps {
  store: ImkitStore;
  actions: ImkitActions;
  rt: ImkitRealtime;
  kit: Correspondent;
  /** Delay between streamed chunks when a stream is not stepped by hand, ms. */
  chunkDelayMs: number;
}

export function createControlApi({ store, actions, rt, kit, chunkDelayMs }: ControlDeps): Router & { cancel(): void } {
  const roomOf = (body: Record<string, unknown>, key = 'room'): Room => {
    const room = store.rooms.get(optionalString(body, key) ?? MAIN_ROOM);
    if (!room) throw new HttpStatusError(404, 'Room not found');
    return room;
  };
  const messageOf = (room: Room, body: Record<string, unknown>) => {
    const m = store.findMessage(room, requiredString(body, 'id'));
    if (!m) throw new HttpStatusError(404, 'Message not found');
    return m;
  };
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number): void => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };
  const runStream = (s: Stream): void => {
    if (!actions.streamNext(s)) later(() => runStream(s), chunkDelayMs);
  };

  const storm = new Storm(rt.faults);
  const router = new Router()
    .add('POST', '/__control/reset', () => {
      storm.reset();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      kit.reset();
      actions.streams.clear();
      store.reset();
      rt.clearRefusal();
      rt.resetCounters();
      return [200, { ok: true }];
    })
    .add('POST', '/__control/drop', () => [200, { dropped: rt.dropAll() }])
    .add('POST', '/__control/refuse', ({ body }) => {
      rt.refuse(requiredInt(body.ms, 'ms'));
      return [200, { refusingForMs: rt.refusingForMs }];
    })
    .add('POST', '/__control/agent', ({ body }) => {
      if (typeof body.enabled !== 'boolean') throw new HttpStatusError(422, 'enabled must be a boolean');
      kit.setEnabled(body.enabled);
      return [200, { enabled: kit.enabled }];
    })
    .add('POST', '/__control/say', ({ body }) => {
      const room = roomOf(body);
      const sender = optionalString(body, 'sender') ?? KIT;
      const avatarUrl = optionalString(body, 'avatarUrl');
      if (avatarUrl !== undefined) store.client(sender).avatarUrl = avatarUrl;
      // `messageType: image|file` with `url`, `thumbnailUrl?`, `fileName?`: a file message.
      const type = optionalString(body, 'messageType');
      if (type !== undefined && type !== 'image' && type !== 'file') throw new HttpStatusError(422, 'messageType must be image or file');
      const url = optionalString(body, 'url');
      const thumbnailUrl = optionalString(body, 'thumbnailUrl');
      const fileName = optionalString(body, 'fileName');
      const extra = type ? { messageType: type, file: { url: url ?? '', ...(thumbnailUrl ? { thumbnailUrl } : {}), ...(fileName ? { fileName } : {}) } } : {};
      return [200, messageJson(store, actions.say(room, sender, requiredString(body, 'text'), extra))];
    })
    .add('POST', '/__control/edit', ({ body }) => {
      const room = roomOf(body);
      return [200, messageJson(store, actions.edit(room, messageOf(room, body), requiredString(body, 'text')))];
    })
    .add('POST', '/__control/recall', ({ body }) => {
      const room = roomOf(body);
      return [200, messageJson(store, actions.recall(room, messageOf(room, body)))];
    })
    .add('POST', '/__control/typing', ({ body }) => {
      actions.typing(roomOf(body), optionalString(body, 'sender') ?? KIT);
      return [200, { ok: true }];
    })
    .add('POST', '/__control/read', ({ body }) => {
      const room = roomOf(body);
      const id = optionalString(body, 'id') ?? room.messages.at(-1)?._id;
      if (!id) throw new HttpStatusError(422, 'the room has no message');
      actions.read(room, optionalString(body, 'sender') ?? KIT, id);
      return [200, { ok: true, lastRead: id }];
    })
    .add('POST', '/__control/delete', ({ body }) => {
      const room = roomOf(body);
      const id = requiredString(body, 'id');
      if (id !== '_all') messageOf(room, body);
      actions.adminDelete(room, id);
      return [200, { ok: true }];
    })
    .add('POST', '/__control/user-delete', ({ body }) => {
      const room = roomOf(body);
      const ids = Array.isArray(body.ids) ? body.ids.filter((x): x is string => typeof x === 'string') : [];
      actions.userDelete(room, ids, body.all === true);
      return [200, { ok: true }];
    })
    .add('POST', '/__control/pref', ({ body }) => {
      const patch: Record<string, unknown> = {};
      for (const key of ['hidden', 'muted', 'sticky'] as const) if (typeof body[key] === 'boolean') patch[key] = body[key];
      return [200, actions.setPref(roomOf(body), patch)];
    })
    .add('POST', '/__control/my-pref', ({ body }) => {
      const key = requiredString(body, 'key');
      if (body.delete === true) actions.deleteMyPref(key);
      else actions.setMyPref(key, body.data ?? null);
      return [200, { ok: true }];
    })
    .add('POST', '/__control/stream', ({ body }) => {
      const room = roomOf(body);
      const chunks = Array.isArray(body.chunks) ? body.chunks.filter((x): x is string => typeof x === 'string') : [requiredString(body, 'text')];
      if (!chunks.length) throw new HttpStatusError(422, 'chunks must hold text');
      const s = actions.startStream(room, optionalString(body, 'sender') ?? KIT_AI, chunks);
      if (body.manual !== true) runStream(s);
      return [200, { messageId: s.messageId, chunks: chunks.length }];
    })
    .add('POST', '/__control/stream-next', ({ body }) => {
      const s = actions.streams.get(requiredString(body, 'messageId'));
      if (!s) throw new HttpStatusError(404, 'No such stream (finished?)');
      const done = actions.streamNext(s);
      return [200, { done, sent: s.sent }];
    })
    .add('POST', '/__control/invite', ({ body }) => {
      const id = optionalString(body, 'room') ?? `invited-${store.newId().slice(-6)}`;
      const room = actions.invite(id, optionalString(body, 'name') ?? 'Beta testers', optionalString(body, 'from') ?? KIT);
      return [200, { room: room._id }];
    })
    .add('POST', '/__control/cancel-invite', ({ body }) => {
      actions.cancelInvite(roomOf(body));
      return [200, { ok: true }];
    })
    .add('POST', '/__control/member', ({ body }) => {
      const room = roomOf(body);
      const client = requiredString(body, 'client');
      const by = optionalString(body, 'by') ?? KIT;
      if (body.action === 'remove') actions.removeMember(room, by, client);
      else actions.addMember(room, by, client);
      return [200, { members: room.members }];
    })
    .add('GET', '/__control/messages', ({ query }: RouteContext) => {
      const room = store.rooms.get(query.get('room') ?? MAIN_ROOM);
      if (!room) throw new HttpStatusError(404, 'Room not found');
      // Beyond the message JSON: which members' read markers cover it (for comparing read marks).
      return [200, room.messages.map((m) => ({
        ...messageJson(store, m), readBy: room.members.filter((id) => store.hasRead(room, id, m)),
      }))];
    })
    .add('GET', '/__control/state', () => [200, state()])
    .add('POST', '/__control/state', () => [200, state()]);

  function state(): Record<string, unknown> {
    return {
      agent: { enabled: kit.enabled, pendingTimers: kit.pendingTimers },
      socket: {
        connections: rt.connections, authenticated: rt.authenticated, refusingForMs: rt.refusingForMs,
        authAttempts: rt.authAttempts, authFailures: rt.authFailures, confs: rt.confs, typing: rt.typingReceived,
      },
      rooms: [...store.rooms.values()].map((r) => ({
        id: r._id, name: r.name, members: r.members, message_count: r.messages.length,
        last_message_id: r.messages.at(-1)?._id ?? null, last_read: Object.fromEntries(r.lastRead),
      })),
      invitations: [...store.invitations.values()],
      served: { ...store.served },
      userDeleted: [...store.userDeleted],
      prefs: Object.fromEntries(store.prefs),
      me: ME,
      correspondent: KIT,
    };
  }

  addStormRoutes(router, storm, (body) => imkitStorm(store, actions, rt, body));
  return Object.assign(router, { cancel: () => { storm.reset(); for (const t of timers) clearTimeout(t); timers.clear(); } });
}
