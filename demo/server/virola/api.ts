/**
 * The Virola Web API under `/api/v1` [V1 doc/*.md]: login (session cookie), status, users, rooms,
 * messages, comments, read, delete. Calls take the session cookie `VirolaUserSessionId`
 * [V1 doc/login.md, doc/logout.md] or `Authorization: Bearer <token>` [V1 doc/token-authentication.md],
 * except `GET /api/v1/status`, documented for the cookie alone [V1 doc/status.md] (unconfirmed
 * whether it also takes a token: the less convenient reading, cookie only, is taken). A request
 * with a Bearer is judged by it alone (a wrong token is refused even beside a good cookie:
 * unconfirmed, less convenient reading). Errors answer `{errorText, httpStatusCode}` with that status.
 *
 * Paging (`cursor`, `direction`, `limit`): ascending by id; `forward` from the oldest (or from the
 * cursor), `backward` from the newest (or from the cursor). The documentation does not say whether
 * the cursor message itself is included: here it is (so the client's filtering is exercised).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, readJsonBody, requiredString, sendJson, type RouteContext, type RouteHandler } from '../http.js';
import type { VirolaActions } from './actions.js';
import type { Attachment, Message, User, VirolaStore } from './store.js';

/** The session cookie's name, as Virola's own 401 text names it [V1 doc/logout.md]. */
export const SESSION_COOKIE = 'VirolaUserSessionId';
/** Virola's 401 texts: a refused token [V1 doc/status.md, doc/messages.md], and neither credential [V1 doc/logout.md]. */
export const WRONG_BEARER = 'Wrong Bearer, please renew Web API Access Token';
export const NO_CREDENTIALS = 'The Authorization HTTP-header or VirolaUserSessionId cookie expected';

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

/**
 * The user of a request's session cookie, or undefined. This is all the events socket and the
 * status check accept: no token in the URL, no header [V1 doc/events.md, doc/status.md].
 */
export function sessionUser(store: VirolaStore, req: IncomingMessage): User | undefined {
  const session = sessionOf(req);
  const id = session ? store.sessions.get(session) : undefined;
  return id === undefined ? undefined : store.users.get(id);
}

/** The user of a REST request: its Bearer token when it has one (judged alone), else its session cookie. */
function restUser(store: VirolaStore, req: IncomingMessage): User {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    const user = bearer ? store.userByToken(bearer) : undefined;
    if (!user) throw new ApiError(401, WRONG_BEARER);
    return user;
  }
  const user = sessionUser(store, req);
  if (!user) throw new ApiError(401, NO_CREDENTIALS);
  return user;
}

/**
 * `POST /api/v1/login {userName, password}`: a session and its "secure, HTTP-only cookie"
 * [V1 doc/login.md]. Its SameSite attribute is not documented: `Strict` here (the less convenient
 * reading), so only a page on the Virola server's own site (any port) sends it, to REST and to the
 * events socket. (Chromium counts http://localhost as secure, so `Secure` works on loopback.)
 */
export async function login(store: VirolaStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req).catch(() => ({} as Record<string, unknown>));
  const got = store.login(String(body.userName ?? ''), String(body.password ?? ''));
  if (!got) {
    sendJson(res, 401, { errorText: 'The username or password is invalid.', httpStatusCode: 401 });
    return;
  }
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${got.sessionId}; Path=/; Secure; HttpOnly; SameSite=Strict`);
  sendJson(res, 200, { httpStatusCode: 200, userId: got.user.id, userSessionId: got.sessionId });
}

/**
 * `POST /api/v1/logout`: ends the cookie's session and tells the browser to drop the cookie; a
 * request without a live session gets 401 "…cookie expected" [V1 doc/logout.md]. The cookie is
 * cleared either way (the page is signed out after it).
 */
export function logout(store: VirolaStore, req: IncomingMessage, res: ServerResponse): void {
  const session = sessionOf(req);
  const live = session !== undefined && store.sessions.delete(session);
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict`);
  if (live) sendJson(res, 200, { httpStatusCode: 200 });
  else sendJson(res, 401, { errorText: NO_CREDENTIALS, httpStatusCode: 401 });
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
/** What the API counts for tests: session checks asked and refused. */
export interface ApiCounters {
  statusChecks: number;
  statusRefused: number;
}

/** No limit is published; the demo takes the less convenient reading (the client's default, 10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The bytes of uploaded attachments, by id (the seeded ones have none: their download is a 404). */
const blobs = new Map<number, { type: string; bytes: Buffer }>();

/**
 * `GET /api/v1/attachments/{id}/{fileName}` [V1 doc/attachments.md]: the file, its type, with a
 * signed-in user's cookie or token (401 without); unknown id, or a name that is not its own: 404.
 * False for other paths.
 */
export function serveAttachment(store: VirolaStore, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const m = /^\/api\/v1\/attachments\/(\d+)\/([^/]+)$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) return false;
  let user: User;
  try {
    user = restUser(store, req);
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 401;
    sendJson(res, status, { errorText: err instanceof Error ? err.message : 'Unauthorized', httpStatusCode: status });
    return true;
  }
  const id = Number(m[1]);
  const owner = [...store.messages.values()].find((x) => x.attachments.some((a) => a.attachmentId === id));
  const meta = owner?.attachments.find((a) => a.attachmentId === id);
  const blob = blobs.get(id);
  const rooms = owner ? store.rooms.get(owner.roomId) : undefined;
  if (!owner || !meta || !blob || !rooms?.members.has(user.id) || decodeURIComponent(m[2]!) !== meta.fileName) {
    sendJson(res, 404, { errorText: 'Attachment not found', httpStatusCode: 404 });
    return true;
  }
  res.writeHead(200, { 'Content-Type': blob.type || 'application/octet-stream', 'Content-Length': blob.bytes.length, 'X-Content-Type-Options': 'nosniff' });
  res.end(blob.bytes);
  return true;
}

export function createApi(store: VirolaStore, actions: VirolaActions, counters: ApiCounters): Router {
  /** Virola's error body for an ApiError; anything else is a bug and propagates. */
  const failed = (err: unknown): [number, unknown] => {
    if (err instanceof ApiError) return [err.status, { errorText: err.message, httpStatusCode: err.status }];
    throw err;
  };
  /** A route that needs a signed-in user (token or cookie); ApiErrors become Virola error bodies. */
  const authed = (handler: (ctx: RouteContext, user: User) => unknown): RouteHandler => (ctx) => {
    try {
      const user = restUser(store, ctx.req);
      return [200, { httpStatusCode: 200, ...(handler(ctx, user) as Record<string, unknown> | undefined) }];
    } catch (err) {
      return failed(err);
    }
  };
  /** `GET /api/v1/status`: the cookie session only [V1 doc/status.md]. */
  const status: RouteHandler = ({ req }) => {
    counters.statusChecks++;
    const user = sessionUser(store, req);
    if (!user) {
      counters.statusRefused++;
      return failed(new ApiError(401, req.headers.authorization ? WRONG_BEARER : NO_CREDENTIALS));
    }
    return [200, { httpStatusCode: 200, userId: user.id, userSessionId: sessionOf(req) }];
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
  /** An attachment of a message in a room of the user's; 404 otherwise. */
  const attachment = (value: string | undefined, user: User): { a: Attachment; m: Message } => {
    const wanted = Number(value);
    for (const m of store.messages.values()) {
      const a = m.attachments.find((x) => x.attachmentId === wanted);
      if (a) {
        room(String(m.roomId), user);
        return { a, m };
      }
    }
    throw new ApiError(404, 'Attachment not found');
  };
  const content = (body: Record<string, unknown>): string => {
    const text = requiredString(body, 'content');
    if (!text.trim()) throw new ApiError(422, 'content must not be empty');
    return text;
  };

  return new Router()
    .add('GET', '/api/v1/status', status)
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
    // Attach files to a message [V1 doc/attachments.md]: multipart, one or more parts named
    // `files`; none is a 400. Who may attach is not documented: the author only, the less
    // convenient reading. The answer is `{httpStatusCode: 200}`; the message follows as
    // `TextMessagesUpdated` with its attachments.
    .add('POST', '/api/v1/messages/:messageId/attachments', authed(({ params, files }, user) => {
      const m = message(params.messageId, user);
      if (m.userId !== user.id) throw new ApiError(403, 'Only the author may attach files to a message');
      const parts = files.filter((f) => f.field === 'files');
      if (!parts.length) throw new ApiError(400, 'No files: send them as multipart parts named "files"');
      if (parts.some((f) => f.bytes.length > MAX_ATTACHMENT_BYTES)) throw new ApiError(413, 'File too large');
      for (const [i, a] of actions.attach(m, parts).entries()) blobs.set(a.attachmentId, { type: parts[i]!.type, bytes: parts[i]!.bytes });
      return {};
    }))
    .add('GET', '/api/v1/attachments/:attachmentId', authed(({ params }, user) => ({ ...attachment(params.attachmentId, user).a })))
    .add('DELETE', '/api/v1/messages/:messageId', authed(({ params }, user) => {
      const m = message(params.messageId, user);
      if (m.userId !== user.id) throw new ApiError(403, 'Only the author may delete a message');
      actions.remove(m);
      return {};
    }));
}
