/**
 * The Virola Web API under `/api/v1` [V1 doc/*.md]: login (session cookie), status, users, rooms,
 * messages, comments, read, delete. Every call but login takes the session cookie or
 * `Authorization: Bearer <token>`; errors answer `{errorText, httpStatusCode}` with that status.
 *
 * Paging (`cursor`, `direction`, `limit`): ascending by id; `forward` from the oldest (or from the
 * cursor), `backward` from the newest (or from the cursor). The documentation does not say whether
 * the cursor message itself is included: here it is (so the client's filtering is exercised).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, readJsonBody, requiredString, sendJson, type RouteContext, type RouteHandler } from '../http.js';
import type { VirolaActions } from './actions.js';
import type { Message, User, VirolaStore } from './store.js';

export const SESSION_COOKIE = 'virola_session';

/** An error answered in Virola's shape. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The session id in a request's cookie, if any. */
function sessionOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === SESSION_COOKIE && value) return value;
  }
  return undefined;
}

/** The user of a request: session cookie, Bearer token, or (`queryToken`) a `?token=` parameter. */
export function authenticate(store: VirolaStore, req: IncomingMessage, url: URL, queryToken: boolean): User | undefined {
  const session = sessionOf(req);
  const bySession = session ? store.sessions.get(session) : undefined;
  if (bySession !== undefined) return store.users.get(bySession);
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return store.userByToken(bearer);
  const token = queryToken ? url.searchParams.get('token') : null;
  return token ? store.userByToken(token) : undefined;
}

/**
 * `POST /api/v1/login {userName, password}`: a session and its cookie. The cookie is `SameSite=Lax`
 * (a page on the same site, any port, sends it); a page on another site would need
 * `SameSite=None; Secure`, that is https.
 */
export async function login(store: VirolaStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req).catch(() => ({} as Record<string, unknown>));
  const got = store.login(String(body.userName ?? ''), String(body.password ?? ''));
  if (!got) {
    sendJson(res, 401, { errorText: 'The username or password is invalid.', httpStatusCode: 401 });
    return;
  }
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${got.sessionId}; Path=/; HttpOnly; SameSite=Lax`);
  sendJson(res, 200, { httpStatusCode: 200, userId: got.user.id, userSessionId: got.sessionId });
}

/** Paging as the documentation describes it, cursor included. */
export function page(list: Message[], query: URLSearchParams): Message[] {
  const direction = query.get('direction') === 'backward' ? 'backward' : 'forward';
  const cursorText = query.get('cursor');
  const limitText = query.get('limit');
  const cursor = cursorText === null || cursorText === '' ? undefined : Number(cursorText);
  const limit = limitText === null || limitText === '' ? undefined : Number(limitText);
  if ((cursor !== undefined && !Number.isInteger(cursor)) || (limit !== undefined && (!Number.isInteger(limit) || limit < 1))) {
    throw new ApiError(400, 'cursor and limit must be whole numbers');
  }
  if (direction === 'forward') {
    const from = cursor === undefined || cursor < 0 ? list : list.filter((m) => m.messageId >= cursor);
    return limit === undefined ? from : from.slice(0, limit);
  }
  const upTo = cursor === undefined || cursor < 0 ? list : list.filter((m) => m.messageId <= cursor);
  return limit === undefined ? upTo : upTo.slice(-limit);
}

/** The Web API routes. */
export function createApi(store: VirolaStore, actions: VirolaActions): Router {
  /** A route that needs a signed-in user; ApiErrors become Virola error bodies. */
  const authed = (handler: (ctx: RouteContext, user: User) => unknown): RouteHandler => (ctx) => {
    try {
      const user = authenticate(store, ctx.req, new URL(ctx.req.url ?? '/', 'http://localhost'), false);
      if (!user) throw new ApiError(401, 'Wrong Bearer, please renew Web API Access Token');
      return [200, { httpStatusCode: 200, ...(handler(ctx, user) as Record<string, unknown> | undefined) }];
    } catch (err) {
      if (err instanceof ApiError) return [err.status, { errorText: err.message, httpStatusCode: err.status }];
      throw err;
    }
  };
  const room = (value: string | undefined, user: User) => {
    const r = store.rooms.get(Number(value));
    if (!r) throw new ApiError(404, 'Room not found');
    if (!r.members.has(user.id)) throw new ApiError(403, 'Not a member of this room');
    return r;
  };
  const message = (value: string | undefined, user: User): Message => {
    const m = store.messages.get(Number(value));
    if (!m) throw new ApiError(404, 'Message not found');
    room(String(m.roomId), user);
    return m;
  };
  const content = (body: Record<string, unknown>): string => {
    const text = requiredString(body, 'content');
    if (!text.trim()) throw new ApiError(422, 'content must not be empty');
    return text;
  };

  return new Router()
    .add('POST', '/api/v1/logout', authed(({ req }) => {
      const session = sessionOf(req);
      if (session) store.sessions.delete(session);
      return {};
    }))
    .add('GET', '/api/v1/status', authed(({ req }, user) => ({ userId: user.id, userSessionId: sessionOf(req) ?? 'token' })))
    .add('GET', '/api/v1/users', authed(() => ({ users: [...store.users.values()].map((u) => store.userJson(u)) })))
    .add('GET', '/api/v1/rooms', authed((_ctx, user) => ({
      rooms: [...store.rooms.values()].filter((r) => r.members.has(user.id)).map((r) => store.roomJson(r, user.id)),
    })))
    .add('GET', '/api/v1/rooms/:roomId/messages', authed(({ params, query }, user) => {
      const r = room(params.roomId, user);
      return { roomId: r.id, messages: page(store.list({ roomId: r.id }), query).map((m) => store.messageJson(m)) };
    }))
    .add('POST', '/api/v1/rooms/:roomId/messages', authed(({ params, body }, user) => {
      actions.write([{ roomId: room(params.roomId, user).id, userId: user.id, text: content(body) }]);
      return {};
    }))
    .add('GET', '/api/v1/messages/:messageId/comments', authed(({ params, query }, user) => {
      const parent = message(params.messageId, user);
      return { roomId: parent.roomId, parentMessageId: parent.messageId, messages: page(store.commentsOf(parent.messageId), query).map((m) => store.messageJson(m)) };
    }))
    .add('POST', '/api/v1/messages/:messageId/comments', authed(({ params, body }, user) => {
      const parent = message(params.messageId, user);
      if (parent.parentMessageId) throw new ApiError(422, 'A comment cannot have comments');
      actions.write([{ roomId: parent.roomId, userId: user.id, text: content(body), parentMessageId: parent.messageId }]);
      return {};
    }))
    .add('POST', '/api/v1/messages/:messageId/read', authed(({ params }, user) => {
      actions.read(message(params.messageId, user), user.id);
      return {};
    }))
    .add('DELETE', '/api/v1/messages/:messageId', authed(({ params }, user) => {
      const m = message(params.messageId, user);
      if (m.userId !== user.id) throw new ApiError(403, 'Only the author may delete a message');
      actions.remove(m);
      return {};
    }));
}
