/**
 * Test control endpoints under `/__control` (JSON in, JSON out): cut the network, refuse
 * reconnects, speak and type as anyone, skip a sequence number, create, rename and delete
 * conversations, add and remove participants, mint a session, read the server's state, and run
 * a fault storm (`/__control/storm`, see storm.ts).
 */
import { HttpStatusError, optionalString, requiredInt, requiredString, Router, type RouteContext } from '../http.js';
import { addStormRoutes, Storm } from '../shared/faults.js';
import type { ComapiActions } from './actions.js';
import type { Correspondent } from './correspondent.js';
import type { ComapiSockets } from './sockets.js';
import { comapiStorm } from './storm.js';
import { CLEO, type ComapiStore, type Conversation, type Json } from './store.js';

export interface ControlDeps {
  store: ComapiStore;
  actions: ComapiActions;
  sockets: ComapiSockets;
  correspondent: Correspondent;
}

export function createControlApi({ store, actions, sockets, correspondent }: ControlDeps): Router {
  const find = (v: unknown): Conversation => {
    const c = typeof v === 'string' ? store.conversations.get(v) : undefined;
    if (!c) throw new HttpStatusError(404, 'Conversation not found');
    return c;
  };
  const speaker = (body: Json): string => {
    const from = optionalString(body, 'from') ?? CLEO.id;
    store.profile(from);
    return from;
  };

  const storm = new Storm(sockets.faults);
  const router = new Router()
    .add('POST', '/__control/reset', () => {
      storm.reset();
      correspondent.reset();
      store.reset();
      sockets.reset();
      return [200, { ok: true }];
    })
    .add('POST', '/__control/drop', () => [200, { dropped: sockets.dropAll() }])
    .add('POST', '/__control/refuse', ({ body }) => {
      sockets.refuse(requiredInt(body.ms, 'ms'));
      return [200, { refusingForMs: sockets.refusingForMs }];
    })
    .add('POST', '/__control/agent', ({ body }) => {
      if (typeof body.enabled !== 'boolean') throw new HttpStatusError(422, 'enabled must be a boolean');
      correspondent.setEnabled(body.enabled);
      return [200, { enabled: correspondent.enabled }];
    })
    .add('POST', '/__control/session', ({ body }) => {
      const profileId = requiredString(body, 'profileId');
      const isNew = !store.profiles.has(profileId);
      store.profile(profileId, optionalString(body, 'name'));
      const session = store.controlSession(profileId);
      const support = isNew ? actions.createConversation('Support', [CLEO.id, profileId], CLEO.id) : store.conversationsOf(profileId)[0];
      return [200, { token: session.token, profileId, conversationId: support?.id ?? null }];
    })
    .add('POST', '/__control/say', ({ body }) => {
      const m = actions.say(find(body.conversationId), speaker(body), requiredString(body, 'text'));
      return [200, { id: m.id, eventId: m.sentEventId }];
    })
    /** A message of raw parts: `{conversationId, from?, parts: [{name?, type?, data?, url?, size?}]}` (files, images). */
    .add('POST', '/__control/send-parts', ({ body }) => {
      if (!Array.isArray(body.parts) || !body.parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p))) {
        throw new HttpStatusError(422, 'parts must be objects');
      }
      const parts = (body.parts as Record<string, unknown>[]).map((p) => ({
        ...(optionalString(p, 'name') !== undefined ? { name: optionalString(p, 'name') } : {}),
        ...(optionalString(p, 'type') !== undefined ? { type: optionalString(p, 'type') } : {}),
        ...(optionalString(p, 'data') !== undefined ? { data: optionalString(p, 'data') } : {}),
        ...(optionalString(p, 'url') !== undefined ? { url: optionalString(p, 'url') } : {}),
      }));
      const m = actions.send(find(body.conversationId), speaker(body), parts);
      return [200, { id: m.id, eventId: m.sentEventId }];
    })
    .add('POST', '/__control/typing', ({ body }) => {
      if (typeof body.on !== 'boolean') throw new HttpStatusError(422, 'on must be a boolean');
      actions.typing(find(body.conversationId), speaker(body), body.on);
      return [200, { ok: true }];
    })
    .add('POST', '/__control/gap', ({ body }) => [200, actions.gap(find(body.conversationId), speaker(body), optionalString(body, 'text') ?? 'after the gap')])
    .add('POST', '/__control/create', ({ body }) => {
      const ids = body.participants;
      if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw new HttpStatusError(422, 'participants must be profile ids');
      for (const id of ids as string[]) store.profile(id);
      const c = actions.createConversation(requiredString(body, 'name'), ids as string[], (ids as string[])[0] ?? CLEO.id);
      return [200, { id: c.id }];
    })
    .add('POST', '/__control/add', ({ body }) => {
      const c = find(body.conversationId);
      actions.addParticipant(c, store.profile(requiredString(body, 'profileId')).id, CLEO.id);
      return [200, { participants: [...c.participants.keys()] }];
    })
    .add('POST', '/__control/remove', ({ body }) => {
      const c = find(body.conversationId);
      actions.removeParticipant(c, requiredString(body, 'profileId'), CLEO.id);
      return [200, { participants: [...c.participants.keys()] }];
    })
    .add('POST', '/__control/rename', ({ body }) => {
      const c = find(body.conversationId);
      actions.rename(c, requiredString(body, 'name'), CLEO.id);
      return [200, { name: c.name }];
    })
    .add('POST', '/__control/delete', ({ body }) => {
      actions.deleteConversation(find(body.conversationId), CLEO.id);
      return [200, { ok: true }];
    })
    .add('GET', '/__control/messages', ({ query }: RouteContext) => {
      const c = find(query.get('conversationId'));
      return [200, c.messages.map((m) => ({
        id: m.id, from: m.from, text: m.parts.filter((p) => p.data !== undefined).map((p) => p.data).join('\n'),
        sentEventId: m.sentEventId, metadata: m.metadata, statusUpdates: m.statusUpdates, parts: m.parts,
      }))];
    })
    .add('GET', '/__control/state', () => [200, state()])
    .add('POST', '/__control/state', () => [200, state()]);
  addStormRoutes(router, storm, (body) => comapiStorm(store, actions, sockets, body));
  return router;

  function state(): Json {
    return {
      correspondent: { enabled: correspondent.enabled, pendingTimers: correspondent.pendingTimers },
      sockets: { profiles: sockets.connected(), echoes: sockets.echoes, refusingForMs: sockets.refusingForMs },
      sessions: store.sessions.size,
      sessionsByProfile: store.sessionCounts(),
      conversations: [...store.conversations.values()].map((c) => ({
        id: c.id, name: c.name, deleted: c.deleted, participants: [...c.participants.keys()],
        latestEventId: store.latestEventId(c), messageCount: c.messages.length,
      })),
    };
  }
}
