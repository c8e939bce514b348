/**
 * The REST side of the Spaces emulation: guest sign-in, me, spaces, join, message pages, the
 * activities record, markread, edits and deletes. Auth: `Authorization: jwt <token>` (or `bearer`).
 */
import type { IncomingMessage } from 'node:http';
import { HttpStatusError, optionalString, Router, type RouteContext } from '../http.js';
import type { SpacesActions } from './actions.js';
import type { Item, Space, SpacesStore, User } from './store.js';
import { itemJson, topicJson, userJson } from './wire.js';

const MAX_SIZE = 50;

/**
 * The user of a request's `Authorization: jwt <JWT>` or `bearer <OAuth token>` (a token only
 * under its own kind), or a 401.
 */
export function authUser(store: SpacesStore, req: IncomingMessage): User {
  const header = req.headers.authorization ?? '';
  const m = /^(jwt|bearer) (\S+)$/i.exec(header);
  const result = m ? store.authenticate(m[1]!.toLowerCase() === 'bearer' ? 'oauth' : 'jwt', m[2]) : undefined;
  if (!result || 'refusal' in result) throw new HttpStatusError(401, result ? `Unauthorized: ${result.refusal}` : 'Invalid or missing authorization');
  return result.user;
}

function memberSpace(store: SpacesStore, user: User, spaceId: string | undefined): Space {
  const space = spaceId ? store.spaces.get(spaceId) : undefined;
  if (!space) throw new HttpStatusError(404, 'Space not found');
  if (!store.isMember(space, user.id)) throw new HttpStatusError(403, 'Not a member of this space');
  return space;
}

function size(query: URLSearchParams): number {
  const n = Number(query.get('size') ?? 30);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_SIZE) : 30;
}

/** A `refTime`/`after` value: ms, or an ISO text. */
function timeParam(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) throw new HttpStatusError(400, `${name} must be a timestamp`);
  return ms;
}

export function createSpacesApi({ store, actions }: { store: SpacesStore; actions: SpacesActions }): Router {
  const json = (item: Item) => itemJson(store, item);
  return new Router()
    .add('POST', '/api/anonymous/auth', ({ body }) => {
      const displayname = optionalString(body, 'displayname')?.trim();
      const username = optionalString(body, 'username')?.trim();
      if (!displayname || !username) throw new HttpStatusError(400, 'displayname and username are required');
      const user = store.createGuest(displayname, username);
      return [200, { token: user.token }];
    })
    .add('GET', '/api/users/me', ({ req }) => [200, userJson(authUser(store, req))])
    .add('GET', '/api/spaces/:id', ({ req, params }) => [200, topicJson(store, memberSpace(store, authUser(store, req), params.id))])
    .add('GET', '/api/spaces/:id/join', ({ req, params }) => {
      const user = authUser(store, req);
      const space = store.spaces.get(params.id ?? '');
      if (!space) throw new HttpStatusError(404, 'Space not found');
      if (store.addMember(space, user)) actions.joined(space, user);
      return [200, topicJson(store, space)];
    })
    .add('GET', '/api/spaces/:id/messages/query', ({ req, params, query }: RouteContext) => {
      const space = memberSpace(store, authUser(store, req), params.id);
      const before = query.get('direction') !== 'after';
      const ref = timeParam(query.get('refTime'), 'refTime') ?? (before ? Infinity : 0);
      const parents = query.get('parentmsg_category') ?? 'none';
      const n = size(query);
      const all = store.itemsOf(space.id).filter((i) => !i.deleted).filter((i) => {
        if (parents === 'none') return !i.parentId;
        return i.parentId !== undefined && store.items.get(i.parentId)?.category === parents;
      });
      const time = (i: Item) => Date.parse(i.created);
      const page = before
        ? all.filter((i) => time(i) < ref).slice(-n).reverse()
        : all.filter((i) => time(i) > ref).slice(0, n);
      const last = page.at(-1);
      const nextPageUrl = page.length === n && last
        ? `/api/spaces/${space.id}/messages/query?direction=${before ? 'before' : 'after'}&size=${n}&refTime=${time(last)}` : null;
      return [200, { data: page.map(json), nextPageUrl, prevPageUrl: null }];
    })
    .add('GET', '/api/activitiesrecord/messages', ({ req, query }) => {
      const space = memberSpace(store, authUser(store, req), query.get('spaceid') ?? undefined);
      const after = timeParam(query.get('after'), 'after');
      if (after === undefined) throw new HttpStatusError(400, 'after is required');
      const n = size(query);
      const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
      const changed = store.itemsOf(space.id).filter((i) => i.modifiedMs > after).sort((a, b) => a.modifiedMs - b.modifiedMs);
      const slice = changed.slice(page * n, page * n + n);
      const more = changed.length > (page + 1) * n;
      return [200, {
        data: slice.map((i) => (i.deleted ? { ...json(i), deleted: true } : json(i))),
        nextPageUrl: more ? `/api/activitiesrecord/messages?spaceid=${space.id}&after=${after}&size=${n}&page=${page + 1}` : null,
        total: changed.length,
      }];
    })
    .add('POST', '/api/messages/:id', ({ req, params, body }) => [200, json(updateMessage(store, actions, authUser(store, req), params.id, body))])
    .add('PATCH', '/api/messages/:id', ({ req, params, body }) => [200, json(updateMessage(store, actions, authUser(store, req), params.id, body))])
    .add('POST', '/api/users/me/spaces/:id/markread', ({ req, params }) => {
      const user = authUser(store, req);
      actions.markRead(user, memberSpace(store, user, params.id));
      return [200, { ok: true }];
    });
}

/** `POST /api/messages/deletemessages` with a JSON array of ids (the shared router only reads objects). */
export function deleteMessages(store: SpacesStore, actions: SpacesActions, user: User, ids: unknown): Record<string, unknown> {
  if (!Array.isArray(ids) || ids.length > 100 || ids.some((x) => typeof x !== 'string')) throw new HttpStatusError(400, 'body must be an array of at most 100 message ids');
  const answer = { deletedMessages: [] as string[], notDeletedMessages: [] as unknown[], notFoundMmessages: [] as string[], noPermittedMessages: [] as unknown[] };
  for (const id of ids as string[]) {
    const item = store.items.get(id);
    const space = item ? store.spaces.get(item.spaceId) : undefined;
    if (!item || item.deleted || !space) {
      answer.notFoundMmessages.push(id);
      continue;
    }
    const admin = space.members.some((m) => m.userId === user.id && m.role === 'admin');
    if (item.senderId !== user.id && !admin) {
      answer.noPermittedMessages.push({ messageId: id, reason: { code: 'message.no_permission', message: 'Only the author can delete this message.' } });
      continue;
    }
    actions.remove(item);
    answer.deletedMessages.push(id);
  }
  return answer;
}


/**
 * `POST|PATCH /api/messages/{id} {_id, content: {bodyText?, description?}}`: a new text for an item
 * of the caller's own (a space admin may not change someone else's words: the less lenient
 * reading of PERM_TOPIC_UPDATE); `app.event.*.updated` to the space; answers the item.
 */
function updateMessage(store: SpacesStore, actions: SpacesActions, user: User, id: string | undefined, body: Record<string, unknown>): Item {
  const item = id ? store.items.get(id) : undefined;
  if (!item || item.deleted) throw new HttpStatusError(404, 'Message not found');
  if (body._id !== id) throw new HttpStatusError(400, '_id is required and must be the message id');
  const content = body.content;
  if (!content || typeof content !== 'object' || Array.isArray(content)) throw new HttpStatusError(400, 'content is required');
  const bodyText = optionalString(content as Record<string, unknown>, 'bodyText');
  const description = optionalString(content as Record<string, unknown>, 'description');
  if (bodyText === undefined && description === undefined) throw new HttpStatusError(400, 'content needs bodyText or description');
  const space = store.spaces.get(item.spaceId);
  if (!space || !store.isMember(space, user.id)) throw new HttpStatusError(403, 'Not a member of this space');
  if (item.senderId !== user.id) throw new HttpStatusError(403, 'Only the author can update this message');
  actions.update(item, { ...(bodyText !== undefined ? { bodyText } : {}), ...(description !== undefined ? { description } : {}) });
  return item;
}
