/**
 * The Comapi REST API of the emulation, under `/apispaces/demo-space`: the session challenge
 * (start + JWT exchange), conversations, messages (pages backwards with `from`, statuses folded
 * in, orphaned status events beside), the events API (`?from=&limit=`), sending, typing. Every
 * call but the session ones needs `Authorization: Bearer <session token>`. Status updates take
 * a JSON array, so `server.ts` routes them (the shared router reads objects only).
 */
import type { IncomingMessage } from 'node:http';
import { HttpStatusError, requiredString, Router } from '../http.js';
import type { ComapiActions } from './actions.js';
import type { ComapiEvents } from './events.js';
import { verifyChallengeJwt } from './jwt.js';
import { API_SPACE, type ComapiStore, type Conversation, type Json, type Part, type Session, type Status } from './store.js';
import { randomUUID } from 'node:crypto';

export const PREFIX = `/apispaces/${API_SPACE}`;
const CHALLENGE_TTL_MS = 5 * 60_000;

export interface RestDeps {
  store: ComapiStore;
  events: ComapiEvents;
  actions: ComapiActions;
}

/** The profile id of the request's bearer session, or a 401. */
export function profileOf(store: ComapiStore, req: IncomingMessage): string {
  const header = req.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined;
  const session = store.sessionOf(token);
  if (!session) throw new HttpStatusError(401, 'Unauthorized: no valid session token');
  return session.profileId;
}

/** The bearer's session when it is the one named in the path, else a 401 / 404. */
function ownSession(store: ComapiStore, req: IncomingMessage, id: string | undefined): Session {
  const header = req.headers.authorization;
  const session = store.sessionOf(typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined);
  if (!session) throw new HttpStatusError(401, 'Unauthorized: no valid session token');
  if (session.id !== id) throw new HttpStatusError(404, 'Session not found');
  return session;
}

/** `{token, session}` as `POST sessions` answers (the SDK's ISessionInfo). */
function sessionInfo(s: Session): { token: string; session: Json } {
  const { token, ...session } = s;
  return { token, session };
}

/** A conversation the profile takes part in, or a 404 / 403. */
export function conversationFor(store: ComapiStore, id: string | undefined, profileId: string): Conversation {
  const c = id ? store.conversations.get(id) : undefined;
  if (!c || c.deleted) throw new HttpStatusError(404, 'Conversation not found');
  if (!c.participants.has(profileId)) throw new HttpStatusError(403, 'Not a participant');
  return c;
}

function intParam(v: string | null, name: string, fallback?: number): number {
  if (v === null || v === '') {
    if (fallback === undefined) throw new HttpStatusError(422, `${name} is required`);
    return fallback;
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new HttpStatusError(422, `${name} must be a whole number`);
  return n;
}

/** Parts of a message body: `[{name?, type?, data?, url?, size?}]`, at least one. */
function partsOf(v: unknown): Part[] {
  if (!Array.isArray(v) || v.length === 0) throw new HttpStatusError(422, 'parts must be a non-empty array');
  return v.map((p: unknown) => {
    if (typeof p !== 'object' || p === null) throw new HttpStatusError(422, 'each part must be an object');
    const r = p as Json;
    const part: Part = {};
    for (const k of ['name', 'type', 'data', 'url'] as const) if (typeof r[k] === 'string') part[k] = r[k] as string;
    if (typeof r.size === 'number') part.size = r.size;
    if (part.data === undefined && part.url === undefined) throw new HttpStatusError(422, 'a part needs data or url');
    return part;
  });
}

/** Apply status updates `[{messageIds, status, timestamp}]` from a profile. */
export function applyStatusUpdates(deps: RestDeps, c: Conversation, profileId: string, body: unknown): number {
  if (!Array.isArray(body)) throw new HttpStatusError(422, 'body must be an array of status updates');
  let count = 0;
  for (const u of body) {
    const r = (typeof u === 'object' && u !== null ? u : {}) as Json;
    const status = r.status;
    if (status !== 'delivered' && status !== 'read') throw new HttpStatusError(422, 'status must be delivered or read');
    if (!Array.isArray(r.messageIds) || !r.messageIds.every((x) => typeof x === 'string')) throw new HttpStatusError(422, 'messageIds must be strings');
    const timestamp = typeof r.timestamp === 'string' && !Number.isNaN(Date.parse(r.timestamp)) ? r.timestamp : deps.store.now();
    count += deps.actions.status(c, profileId, r.messageIds as string[], status as Status, timestamp);
  }
  return count;
}

export function createRestApi(deps: RestDeps): Router {
  const { store, events, actions } = deps;
  const who = (req: IncomingMessage): string => profileOf(store, req);

  function messagesPage(c: Conversation, limit: number, from: number | undefined): Json {
    const latest = store.latestEventId(c);
    const upTo = from === undefined ? latest : Math.min(from, latest);
    const page = c.messages.filter((m) => m.sentEventId <= upTo).slice(-limit);
    const earliest = page[0]?.sentEventId ?? 0;
    const inPage = new Set(page.map((m) => m.id));
    const orphaned = c.events
      .filter((e) => e.name !== 'conversationMessage.sent' && e.seq >= earliest && e.seq <= upTo && !inPage.has(e.messageId))
      .map((e) => ({ id: e.seq, data: { name: e.name.slice('conversationMessage.'.length), payload: { messageId: e.messageId, conversationId: c.id, profileId: e.profileId, timestamp: e.timestamp }, eventId: e.eventId } }));
    const messages = [...page].reverse().map((m) => ({
      id: m.id, sentEventId: m.sentEventId, metadata: m.metadata, parts: m.parts, statusUpdates: m.statusUpdates,
      context: { from: { id: m.from, name: store.profiles.get(m.from)?.name ?? m.from }, conversationId: c.id, sentBy: m.from, sentOn: m.sentOn },
    }));
    return { earliestEventId: earliest, latestEventId: upTo, messages, orphanedEvents: orphaned };
  }

  return new Router()
    .add('GET', `${PREFIX}/sessions/start`, () => {
      const authenticationId = randomUUID();
      const nonce = randomUUID().replace(/-/g, '');
      const expiresAt = Date.now() + CHALLENGE_TTL_MS;
      store.challenges.set(authenticationId, { nonce, expiresAt });
      return [200, { authenticationId, provider: 'jsonWebToken', nonce, expiresOn: new Date(expiresAt).toISOString() }];
    })
    .add('POST', `${PREFIX}/sessions`, ({ body }) => {
      const authenticationId = requiredString(body, 'authenticationId');
      const jwt = requiredString(body, 'authenticationToken');
      const deviceId = requiredString(body, 'deviceId');
      const challenge = store.challenges.get(authenticationId);
      store.challenges.delete(authenticationId); // one try per challenge
      if (!challenge || challenge.expiresAt < Date.now()) throw new HttpStatusError(401, 'Unknown or expired authenticationId');
      const claims = verifyChallengeJwt(jwt, challenge.nonce);
      if ('error' in claims) throw new HttpStatusError(403, `Invalid JWT: ${claims.error}`);
      const isNew = !store.profiles.has(claims.sub);
      store.profile(claims.sub, claims.name);
      const session = store.createSession(claims, { deviceId, platform: body.platform, platformVersion: body.platformVersion, sdkType: body.sdkType, sdkVersion: body.sdkVersion });
      if (isNew) actions.createConversation('Support', ['cleo', claims.sub], 'cleo');
      return [201, sessionInfo(session)];
    })
    .add('GET', `${PREFIX}/sessions/:sid`, ({ req, params }) => {
      const session = ownSession(store, req, params.sid);
      return [200, sessionInfo(session).session];
    })
    .add('DELETE', `${PREFIX}/sessions/:sid`, ({ req, params }) => {
      store.endSession(ownSession(store, req, params.sid).id);
      return [204, undefined];
    })
    .add('GET', `${PREFIX}/conversations`, ({ req, query }) => {
      const me = who(req);
      const asked = query.get('profileId');
      if (asked && asked !== me) throw new HttpStatusError(403, 'profileId is not the session profile');
      return [200, store.conversationsOf(me).map((c) => events.conversationJson(c))];
    })
    // ConversationManager.createConversation: the SDK's ConversationBuilder picks the id (a GUID);
    // the session's profile becomes the owner (announced with participantAdded, as on the seed).
    .add('POST', `${PREFIX}/conversations`, ({ req, body }) => {
      const me = who(req);
      const id = requiredString(body, 'id');
      if (store.conversations.has(id)) throw new HttpStatusError(409, 'A conversation with this id exists');
      const c = actions.createConversation(requiredString(body, 'name'), [me], me, id);
      return [201, events.conversationJson(c)];
    })
    .add('GET', `${PREFIX}/conversations/:cid`, ({ req, params }) => [200, events.conversationJson(conversationFor(store, params.cid, who(req)))])
    .add('GET', `${PREFIX}/conversations/:cid/messages`, ({ req, params, query }) => {
      const c = conversationFor(store, params.cid, who(req));
      const from = query.get('from');
      return [200, messagesPage(c, Math.min(100, Math.max(1, intParam(query.get('limit'), 'limit', 100))), from === null ? undefined : intParam(from, 'from'))];
    })
    .add('POST', `${PREFIX}/conversations/:cid/messages`, ({ req, params, body }) => {
      const me = who(req);
      const c = conversationFor(store, params.cid, me);
      const metadata = typeof body.metadata === 'object' && body.metadata !== null && !Array.isArray(body.metadata) ? body.metadata as Json : {};
      const m = actions.send(c, me, partsOf(body.parts), metadata);
      return [200, { id: m.id, eventId: m.sentEventId }];
    })
    .add('GET', `${PREFIX}/conversations/:cid/events`, ({ req, params, query }) => {
      const c = conversationFor(store, params.cid, who(req));
      const from = intParam(query.get('from'), 'from');
      const limit = Math.min(100, Math.max(1, intParam(query.get('limit'), 'limit', 100)));
      return [200, c.events.filter((e) => e.seq >= from).slice(0, limit).map((e) => events.frameOf(c, e, true))];
    })
    .add('POST', `${PREFIX}/conversations/:cid/typing`, ({ req, params }) => {
      const me = who(req);
      actions.typing(conversationFor(store, params.cid, me), me, true);
      return [204, undefined];
    })
    .add('DELETE', `${PREFIX}/conversations/:cid/typing`, ({ req, params }) => {
      const me = who(req);
      actions.typing(conversationFor(store, params.cid, me), me, false);
      return [204, undefined];
    })
    .add('GET', `${PREFIX}/profiles/:id`, ({ req, params }) => {
      who(req);
      const p = store.profiles.get(params.id ?? '');
      if (!p) throw new HttpStatusError(404, 'Profile not found');
      return [200, p];
    });
}
