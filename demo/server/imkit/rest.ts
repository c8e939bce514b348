/**
 * The IMKIT client REST API (headers `IM-CLIENT-KEY` + `IM-Authorization`; answers
 * `{RC, RM, result}`): `GET /me`, `GET /rooms`, `GET /rooms/:id`,
 * `GET /rooms/:id/messages/v3?limit&beforeMessage&afterMessage&afterTime&timeRangeField`, `POST /rooms/:id/message`
 * (send; edit with `_id`; recall with `_id` + `messageType:"recall"`), `PUT /rooms/:id/lastRead`,
 * `POST /rooms/:id/join`, `POST /messages/user-delete`.
 */
import type { IncomingMessage } from 'node:http';
import { HttpStatusError, optionalString, Router, type RouteContext } from '../http.js';
import type { ImkitActions } from './actions.js';
import { clientJson, DEMO_CLIENT_KEY, DEMO_TOKEN, ME, messageJson, roomJson, type ImkitStore, type Room } from './store.js';

const ok = (result: unknown): [number, unknown] => [200, { RC: 0, RM: 'OK', result }];

/** Throws 401 unless the request carries the demo client key and token; returns the client id. */
export function authorize(req: IncomingMessage): string {
  if (req.headers['im-client-key'] !== DEMO_CLIENT_KEY || req.headers['im-authorization'] !== DEMO_TOKEN) {
    throw new HttpStatusError(401, 'Unauthorized');
  }
  return ME;
}

export function createRestApi(store: ImkitStore, actions: ImkitActions): Router {
  const memberRoom = (ctx: RouteContext): { me: string; room: Room } => {
    const me = authorize(ctx.req);
    const room = store.rooms.get(ctx.params.id ?? '');
    if (!room) throw new HttpStatusError(404, 'Room not found');
    if (!room.members.includes(me)) throw new HttpStatusError(403, 'Client is not in the room');
    return { me, room };
  };
  const limitOf = (q: URLSearchParams): number => {
    const n = Number(q.get('limit') ?? 20);
    return Number.isInteger(n) && n > 0 ? Math.min(n, 500) : 20;
  };

  return new Router()
    .add('GET', '/me', ({ req }) => ok(clientJson(store.client(authorize(req)))))
    .add('GET', '/rooms', ({ req }) => {
      const me = authorize(req);
      const rooms = store.roomsOf(me)
        .map((r) => roomJson(store, r, me))
        .sort((a, b) => latest(b) - latest(a));
      return ok({ totalCount: rooms.length, data: rooms });
    })
    .add('GET', '/rooms/:id', (ctx) => ok(roomJson(store, memberRoom(ctx).room)))
    .add('GET', '/rooms/:id/messages/v3', (ctx) => {
      const { room } = memberRoom(ctx);
      const limit = limitOf(ctx.query);
      const list = room.messages;
      const index = (id: string | null): number => {
        const i = id ? list.findIndex((m) => m._id === id) : -1;
        if (id && i < 0) throw new HttpStatusError(404, 'Message not found');
        return i;
      };
      const before = ctx.query.get('beforeMessage');
      const after = ctx.query.get('afterMessage');
      const afterTime = timeParam(ctx.query.get('afterTime'));
      let page = list.slice(-limit);
      if (afterTime !== undefined) {
        const field = ctx.query.get('timeRangeField') ?? 'updatedAt';
        const at = (m: (typeof list)[number]): number => (field === 'updatedAt' ? m.updatedAtMS : m.messageTimeMS);
        page = list.filter((m) => at(m) > afterTime).sort((a, b) => at(a) - at(b)).slice(0, limit);
      } else if (after) page = list.slice(index(after) + 1, index(after) + 1 + limit);
      else if (before) {
        const end = index(before);
        page = list.slice(Math.max(0, end - limit), end);
      }
      const data = page.map((m) => messageJson(store, m));
      const userDeletedIDs = page.filter((m) => store.userDeleted.has(m._id)).map((m) => m._id);
      return ok({ totalCount: list.length, data, userDeletedIDs });
    })
    .add('POST', '/rooms/:id/message', (ctx) => {
      const { me, room } = memberRoom(ctx);
      const id = optionalString(ctx.body, '_id');
      const type = optionalString(ctx.body, 'messageType') ?? 'text';
      if (id) {
        const m = store.findMessage(room, id);
        if (!m) throw new HttpStatusError(404, 'Message not found');
        if (m.sender !== me) throw new HttpStatusError(403, 'Only the sender may change a message');
        if (type === 'recall') return ok(messageJson(store, actions.recall(room, m)));
        const text = optionalString(ctx.body, 'message');
        if (text === undefined) throw new HttpStatusError(422, 'message is required');
        return ok(messageJson(store, actions.edit(room, m, text)));
      }
      const text = optionalString(ctx.body, 'message');
      if (!text || !text.trim()) throw new HttpStatusError(422, 'message is required');
      if (type !== 'text') throw new HttpStatusError(422, 'the demo sends text only');
      const reply = optionalString(ctx.body, 'reply');
      return ok(messageJson(store, actions.say(room, me, text, reply ? { reply } : {})));
    })
    .add('PUT', '/rooms/:id/lastRead', (ctx) => {
      const { me, room } = memberRoom(ctx);
      const messageId = optionalString(ctx.body, 'message');
      if (!messageId || !store.findMessage(room, messageId)) throw new HttpStatusError(422, 'message must be a message of the room');
      actions.read(room, me, messageId);
      return ok({ client: me, lastRead: messageId, badge: store.unread(room, me) });
    })
    .add('POST', '/rooms/:id/join', (ctx) => {
      const me = authorize(ctx.req);
      const room = store.rooms.get(ctx.params.id ?? '');
      if (!room) throw new HttpStatusError(404, 'Room not found');
      if (!room.members.includes(me)) {
        if (!store.invitations.has(room._id)) throw new HttpStatusError(403, 'No invitation to this room');
        actions.join(room, me);
      }
      return ok(roomJson(store, room, me));
    })
    .add('POST', '/messages/user-delete', (ctx) => {
      const me = authorize(ctx.req);
      const room = store.rooms.get(optionalString(ctx.body, 'room') ?? '');
      if (!room || !room.members.includes(me)) throw new HttpStatusError(404, 'Room not found');
      const ids = Array.isArray(ctx.body.messages) ? ctx.body.messages.filter((x): x is string => typeof x === 'string') : [];
      actions.userDelete(room, ids, false);
      return ok({ room: room._id, messages: ids });
    });
}

/** `afterTime`: epoch ms or ISO-8601; 400 for anything else. */
function timeParam(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (Number.isNaN(ms)) throw new HttpStatusError(400, 'afterTime must be epoch ms or ISO-8601');
  return ms;
}

function latest(room: Record<string, unknown>): number {
  const last = room.lastMessage as { messageTimeMS?: number } | undefined;
  return last?.messageTimeMS ?? (room.createdTimeMS as number);
}
