/**
 * Test control endpoints under `/__control` (JSON in, JSON out): cut the network, hold the client
 * off, speak as anyone (batches across rooms too), read and delete as anyone, change rooms, and
 * read the server's own record.
 */
import { HttpStatusError, Router, optionalString, requiredInt, requiredString, type RouteContext } from '../http.js';
import type { Draft, VirolaActions } from './actions.js';
import type { Correspondent } from './correspondent.js';
import type { EventHub } from './hub.js';
import type { ApiCounters } from './api.js';
import { addStormRoutes, Storm } from '../shared/faults.js';
import { virolaStorm } from './storm.js';
import { SAM, VERA, type MarkupType, type Message, type VirolaStore } from './store.js';

const MARKUPS: MarkupType[] = ['TextPlain', 'TextHtml', 'TextMarkdown', 'TextCode', 'TextLatex'];

export interface ControlDeps {
  store: VirolaStore;
  actions: VirolaActions;
  hub: EventHub;
  correspondent: Correspondent;
  /** Rooms and greetings a fresh state starts with. */
  seed(): void;
  /** The API's session-check counters (reset with the state). */
  counters: ApiCounters;
}

export function createControlApi({ store, actions, hub, correspondent, seed, counters }: ControlDeps): Router {
  const room = (value: unknown) => {
    const r = store.rooms.get(requiredInt(value, 'roomId'));
    if (!r) throw new HttpStatusError(404, 'Room not found');
    return r;
  };
  const message = (value: unknown): Message => {
    const m = store.messages.get(requiredInt(value, 'messageId'));
    if (!m) throw new HttpStatusError(404, 'Message not found');
    return m;
  };
  const draft = (body: Record<string, unknown>): Draft => {
    const markupType = (optionalString(body, 'markupType') ?? 'TextPlain') as MarkupType;
    if (!MARKUPS.includes(markupType)) throw new HttpStatusError(422, 'unknown markupType');
    const userId = body.userId === undefined ? VERA.id : requiredInt(body.userId, 'userId');
    if (!store.users.has(userId)) throw new HttpStatusError(404, 'User not found');
    const d: Draft = { roomId: room(body.roomId).id, userId, text: requiredString(body, 'text'), markupType };
    if (body.parentMessageId !== undefined) d.parentMessageId = message(body.parentMessageId).messageId;
    if (body.fileNames !== undefined) {
      if (!Array.isArray(body.fileNames) || !body.fileNames.every((x) => typeof x === 'string')) throw new HttpStatusError(422, 'fileNames must be strings');
      d.fileNames = body.fileNames as string[];
    }
    return d;
  };

  const storm = new Storm(hub.faults);
  const router = new Router()
    .add('POST', '/__control/reset', () => {
      storm.reset();
      correspondent.reset();
      hub.dropAll();
      hub.clearRefusal();
      store.reset();
      hub.upgrades.attempts = 0;
      hub.upgrades.unauthorized = 0;
      counters.statusChecks = 0;
      counters.statusRefused = 0;
      seed();
      return [200, { ok: true, rooms: [...store.rooms.values()].map((r) => ({ roomId: r.id, name: r.name })) }];
    })
    .add('POST', '/__control/drop', () => [200, { dropped: hub.dropAll() }])
    .add('POST', '/__control/refuse', ({ body }) => {
      hub.refuse(requiredInt(body.ms, 'ms'));
      return [200, { refusingForMs: hub.refusingForMs }];
    })
    .add('POST', '/__control/correspondent', ({ body }) => {
      if (typeof body.enabled !== 'boolean') throw new HttpStatusError(422, 'enabled must be a boolean');
      correspondent.setEnabled(body.enabled);
      return [200, { enabled: correspondent.enabled }];
    })
    // {roomId, text, markupType?, userId?, parentMessageId?} or {messages: [those]}: one batch.
    .add('POST', '/__control/say', ({ body }) => {
      const drafts = Array.isArray(body.messages)
        ? body.messages.map((m: unknown) => draft(typeof m === 'object' && m !== null ? m as Record<string, unknown> : {}))
        : [draft(body)];
      return [200, { messages: actions.write(drafts).map((m) => store.messageJson(m)) }];
    })
    /** Rename a user (default Vera): `{userId?, displayName}`; the widget reads names when it connects. */
    .add('POST', '/__control/user', ({ body }) => {
      const user = store.users.get(body.userId === undefined ? VERA.id : requiredInt(body.userId, 'userId'));
      if (!user) throw new HttpStatusError(404, 'User not found');
      user.displayName = requiredString(body, 'displayName');
      return [200, store.userJson(user)];
    })
    .add('POST', '/__control/read', ({ body }) => {
      const m = message(body.messageId);
      actions.read(m, body.userId === undefined ? VERA.id : requiredInt(body.userId, 'userId'));
      return [200, store.messageJson(m)];
    })
    .add('POST', '/__control/delete', ({ body }) => {
      actions.remove(message(body.messageId));
      return [200, { ok: true }];
    })
    .add('POST', '/__control/room', ({ body }) => {
      const r = actions.createRoom(requiredString(body, 'name'), body.type === 'Public' ? 'Public' : 'Private', [SAM.id, VERA.id]);
      return [200, store.roomJson(r, SAM.id)];
    })
    .add('POST', '/__control/room-update', ({ body }) => {
      const r = room(body.roomId);
      actions.renameRoom(r, requiredString(body, 'name'));
      return [200, store.roomJson(r, SAM.id)];
    })
    .add('POST', '/__control/room-delete', ({ body }) => {
      actions.deleteRoom(room(body.roomId));
      return [200, { ok: true }];
    })
    // A raw text frame to every socket of a user (default Sam): malformed frames for tests.
    .add('POST', '/__control/raw', ({ body }) => {
      const userId = body.userId === undefined ? SAM.id : requiredInt(body.userId, 'userId');
      return [200, { sent: hub.raw(userId, requiredString(body, 'text')) }];
    })
    .add('GET', '/__control/messages', ({ query }: RouteContext) => {
      const r = room(query.get('roomId'));
      const all = [...store.messages.values()].filter((m) => m.roomId === r.id).sort((a, b) => a.messageId - b.messageId);
      return [200, all.map((m) => store.messageJson(m))];
    })
    .add('GET', '/__control/state', () => [200, state()])
    .add('POST', '/__control/state', () => [200, state()]);
  addStormRoutes(router, storm, (body) => virolaStorm(store, actions, hub, body));
  return router;

  function state(): Record<string, unknown> {
    return {
      correspondent: { enabled: correspondent.enabled, pendingTimers: correspondent.pendingTimers },
      sockets: { connections: hub.connectionCount, refusingForMs: hub.refusingForMs, ...hub.upgrades },
      statusChecks: { asked: counters.statusChecks, refused: counters.statusRefused },
      users: [...store.users.values()].map((u) => store.userJson(u)),
      rooms: [...store.rooms.values()].map((r) => ({ ...store.roomJson(r, SAM.id), members: [...r.members] })),
      sessions: store.sessions.size,
    };
  }
}
