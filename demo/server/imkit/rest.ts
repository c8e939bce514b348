/**
 * The IMKIT client REST API (headers `IM-CLIENT-KEY` + `IM-Authorization`; answers
 * `{RC, RM, result}`, errors `{RC, RM, error: {code, message}}` [I2 list-messages.md]): `GET /me`,
 * `GET /rooms`, `GET /rooms/:id`,
 * `GET /rooms/:id/messages/v3?limit&beforeMessage&afterMessage&afterTime&timeRangeField&sortOrder`, `POST /rooms/:id/message`
 * (send; edit with `_id`; recall with `_id` + `messageType:"recall"`), `PUT /rooms/:id/lastRead`,
 * `POST /rooms/:id/join`, `POST /messages/user-delete`.
 *
 * Message pages take the less convenient reading wherever IMKIT leaves the order open (see
 * demo/server/README.md): an `afterTime` query answers the newest `limit` changes after the time, newest
 * first, whatever `sortOrder` says (the docs say "sorted by update time", not which way); a
 * `beforeMessage` / `afterMessage` page holds its cursor message (the vendor's Vue SDK drops the
 * first item of such pages) and follows `sortOrder` (`asc` | `desc`, as that SDK sends it),
 * newest first without one, as is the latest page.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { HttpStatusError, optionalString, Router, type RouteContext, type RouteHandler } from '../http.js';
import type { ImkitActions } from './actions.js';
import { clientJson, DEMO_CLIENT_KEY, DEMO_TOKEN, ME, messageJson, roomJson, type ImkitStore, type Room } from './store.js';

const ok = (result: unknown): [number, unknown] => [200, { RC: 0, RM: 'OK', result }];

/** Error codes IMKIT documents for these statuses [I2 list-messages.md]; the others are unconfirmed. */
const ERROR_CODES: Record<number, [string, string]> = {
  401: ['INVALID_TOKEN', 'Invalid or expired token'],
  403: ['NOT_ROOM_MEMBER', 'Client is not in the room or room does not exist'],
};

/** An error in IMKIT's shape: `{RC: status, RM, error: {code, message}}`. */
function imkitError(err: HttpStatusError): [number, unknown] {
  const [code, message] = ERROR_CODES[err.status] ?? [err.message.toUpperCase().replace(/[^A-Z]+/g, '_').replace(/^_|_$/g, ''), err.message];
  return [err.status, { RC: err.status, RM: err.message, error: { code, message } }];
}

/** A route whose HttpStatusErrors answer in IMKIT's error shape. */
const imkit = (handler: RouteHandler): RouteHandler => async (ctx) => {
  try {
    return await handler(ctx);
  } catch (err) {
    if (err instanceof HttpStatusError) return imkitError(err);
    throw err;
  }
};

/** A message's `extra`: an object, or the JSON string the vendor's Flutter SDK sends. */
function extraOf(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') {
    try { v = JSON.parse(v) as unknown; } catch { throw new HttpStatusError(422, 'extra is not JSON'); }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

/** A list in the order `sortOrder` asks (`asc` | `desc`), newest first without one. */
function ordered<T>(ascending: T[], sortOrder: string | null): T[] {
  return sortOrder === 'asc' ? ascending : [...ascending].reverse();
}

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
    .add('GET', '/me', imkit(({ req }) => ok(clientJson(store.client(authorize(req))))))
    .add('GET', '/rooms', imkit(({ req }) => {
      const me = authorize(req);
      const rooms = store.roomsOf(me)
        .map((r) => roomJson(store, r, me))
        .sort((a, b) => latest(b) - latest(a));
      return ok({ totalCount: rooms.length, data: rooms });
    }))
    .add('GET', '/rooms/:id', imkit((ctx) => ok(roomJson(store, memberRoom(ctx).room))))
    .add('GET', '/rooms/:id/messages/v3', imkit((ctx) => {
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
      const sortOrder = ctx.query.get('sortOrder');
      let page: typeof list;
      if (afterTime !== undefined) {
        const field = ctx.query.get('timeRangeField') ?? 'updatedAt';
        const at = (m: (typeof list)[number]): number => (field === 'updatedAt' ? m.updatedAtMS : m.messageTimeMS);
        // The newest changes, newest first; sortOrder is not documented here and is ignored.
        const changed = list.filter((m) => at(m) > afterTime);
        if (changed.length > limit) store.served.afterTimeCut++;
        page = changed.sort((a, b) => at(b) - at(a)).slice(0, limit);
      } else if (after) page = ordered(list.slice(index(after), index(after) + limit), sortOrder);
      else if (before) {
        const end = index(before) + 1;
        page = ordered(list.slice(Math.max(0, end - limit), end), sortOrder);
      } else page = ordered(list.slice(-limit), sortOrder);
      const data = page.map((m) => messageJson(store, m));
      const userDeletedIDs = page.filter((m) => store.userDeleted.has(m._id)).map((m) => m._id);
      return ok({ totalCount: list.length, data, userDeletedIDs });
    }))
    .add('POST', '/rooms/:id/message', imkit((ctx) => {
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
      const reply = optionalString(ctx.body, 'reply');
      // An image or file message names an upload (`originalUrl`), as the vendor's SDKs send it.
      if (type === 'image' || type === 'file') {
        const url = optionalString(ctx.body, 'originalUrl');
        if (!url) throw new HttpStatusError(422, 'originalUrl is required');
        const extra = extraOf(ctx.body.extra);
        const file = { url, thumbnailUrl: optionalString(ctx.body, 'thumbnailUrl'), fileName: typeof extra.fileName === 'string' ? extra.fileName : undefined,
          mimeType: typeof extra.mimeType === 'string' ? extra.mimeType : undefined, bytes: typeof extra.bytes === 'number' ? extra.bytes : undefined };
        return ok(messageJson(store, actions.say(room, me, text ?? '', { messageType: type, file, ...(reply ? { reply } : {}) })));
      }
      if (!text || !text.trim()) throw new HttpStatusError(422, 'message is required');
      if (type !== 'text') throw new HttpStatusError(422, 'the demo sends text, image and file messages only');
      return ok(messageJson(store, actions.say(room, me, text, reply ? { reply } : {})));
    }))
    .add('PUT', '/rooms/:id/lastRead', imkit((ctx) => {
      const { me, room } = memberRoom(ctx);
      const messageId = optionalString(ctx.body, 'message');
      if (!messageId || !store.findMessage(room, messageId)) throw new HttpStatusError(422, 'message must be a message of the room');
      actions.read(room, me, messageId);
      return ok({ client: me, lastRead: messageId, badge: store.unread(room, me) });
    }))
    // createAndJoin [I2 create-a-room.md]: the caller joins the new room with any invitees; `_id`
    // optional (else IMKIT makes one); a roomType other than direct or group, or an invitee
    // who is not a client, is refused.
    .add('POST', '/rooms/createAndJoin', imkit(({ req, body }) => {
      const me = authorize(req);
      const type = optionalString(body, 'roomType') ?? 'group';
      if (type !== 'group' && type !== 'direct') throw new HttpStatusError(400, 'Invalid room type');
      const raw = body.invitee;
      const invitees = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : raw === undefined ? [] : null;
      if (!invitees || !invitees.every((i): i is string => typeof i === 'string' && store.clients.has(i))) throw new HttpStatusError(400, 'Specified invitee does not exist');
      const id = optionalString(body, '_id') ?? randomBytes(12).toString('hex');
      if (store.rooms.has(id)) throw new HttpStatusError(409, 'Room already exists');
      const room = store.createRoom(id, optionalString(body, 'name') ?? '', [me, ...invitees.filter((i) => i !== me)], type);
      return ok(roomJson(store, room, me));
    }))
    .add('POST', '/rooms/:id/join', imkit((ctx) => {
      const me = authorize(ctx.req);
      const room = store.rooms.get(ctx.params.id ?? '');
      if (!room) throw new HttpStatusError(404, 'Room not found');
      if (!room.members.includes(me)) {
        if (!store.invitations.has(room._id)) throw new HttpStatusError(403, 'No invitation to this room');
        actions.join(room, me);
      }
      return ok(roomJson(store, room, me));
    }))
    .add('POST', '/messages/user-delete', imkit((ctx) => {
      const me = authorize(ctx.req);
      const room = store.rooms.get(optionalString(ctx.body, 'room') ?? '');
      if (!room || !room.members.includes(me)) throw new HttpStatusError(404, 'Room not found');
      const ids = Array.isArray(ctx.body.messages) ? ctx.body.messages.filter((x): x is string => typeof x === 'string') : [];
      actions.userDelete(room, ids, false);
      return ok({ room: room._id, messages: ids });
    }));
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
