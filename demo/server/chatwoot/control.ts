/**
 * Test control endpoints under `/__control` (JSON in, JSON out). They let integration tests cut
 * the network, hold the client in "reconnecting", speak as either side, seed long histories and
 * run a fault storm (`/__control/storm`, see demo/server/shared/faults.ts).
 */
import { HttpStatusError, optionalString, requiredInt, requiredString, Router, type RouteContext } from '../http.js';
import { addStormRoutes, Storm } from '../shared/faults.js';
import type { ChatwootActions } from './actions.js';
import type { CableServer } from './cable.js';
import { optionalEchoId } from './client-api.js';
import type { ChatwootEvents } from './events.js';
import type { ScriptedAgent } from './scripted-agent.js';
import { chatwootStorm } from './storm.js';
import type { RequestThrottle } from './throttle.js';
import { conversationJson, messageJson } from './serialize.js';
import { toSeconds, type Attachment, type ChatwootStore, type Conversation, type ConversationStatus } from './store.js';

const MAX_BULK = 100_000;

export interface ControlDeps {
  store: ChatwootStore;
  actions: ChatwootActions;
  events: ChatwootEvents;
  cable: CableServer;
  agent: ScriptedAgent;
  throttle: RequestThrottle;
}

export function createControlApi({ store, actions, events, cable, agent, throttle }: ControlDeps): Router {
  const agentOnline = () => agent.enabled;
  const findConversation = (value: unknown): Conversation => {
    const conversation = store.conversations.get(requiredInt(value, 'conversation_id'));
    if (!conversation) throw new HttpStatusError(404, 'Conversation not found');
    return conversation;
  };
  const typing = (body: Record<string, unknown>, typist: 'agent' | 'contact'): [number, unknown] => {
    const conversation = findConversation(body.conversation_id);
    if (typeof body.on !== 'boolean') throw new HttpStatusError(422, 'on must be a boolean');
    actions.typing(conversation, typist, body.on);
    return [200, { ok: true }];
  };
  const answer = (message: Parameters<typeof messageJson>[1], echoId?: string | number) =>
    messageJson(store, message, { echoId, agentOnline: agentOnline() });

  const storm = new Storm(cable.faults);
  const router = new Router()
    .add('POST', '/__control/reset', () => {
      storm.reset();
      agent.reset();
      store.reset();
      events.reset();
      cable.clearRefusal();
      throttle.set(undefined);
      return [200, { ok: true }];
    })
    /** Rack::Attack's `req/ip` throttle: `{limit, period_ms}` turns it on, `{}` off (see throttle.ts). */
    .add('POST', '/__control/throttle', ({ body }) => {
      const on = body.limit !== undefined;
      throttle.set(on ? { limit: requiredInt(body.limit, 'limit'), periodMs: requiredInt(body.period_ms, 'period_ms') } : undefined);
      return [200, { on }];
    })
    .add('POST', '/__control/drop', () => [200, { dropped: cable.dropAll() }])
    .add('POST', '/__control/refuse', ({ body }) => {
      cable.refuse(requiredInt(body.ms, 'ms'));
      return [200, { refusingForMs: cable.refusingForMs }];
    })
    .add('POST', '/__control/agent', ({ body }) => {
      if (typeof body.enabled !== 'boolean') throw new HttpStatusError(422, 'enabled must be a boolean');
      agent.setEnabled(body.enabled);
      return [200, { enabled: agent.enabled }];
    })
    .add('POST', '/__control/agent-say', ({ body }) => {
      const conversation = findConversation(body.conversation_id);
      const message = actions.agentSays(conversation, requiredString(body, 'content'), {
        private: body.private === true,
        attachments: parseAttachments(body.attachments),
      });
      return [200, answer(message)];
    })
    /** Avatars: `{url}` sets Ada's (`avatar_url`); with `source_id`, that contact's (`thumbnail`). */
    .add('POST', '/__control/avatar', ({ body }) => {
      const url = optionalString(body, 'url') ?? '';
      const sourceId = optionalString(body, 'source_id');
      if (sourceId === undefined) store.agentAvatarUrl = url;
      else {
        const contact = store.contactsBySource.get(sourceId);
        if (!contact) throw new HttpStatusError(404, 'Contact not found');
        contact.thumbnail = url;
      }
      return [200, { ok: true }];
    })
    /** `agent-typing` / `contact-typing` `{conversation_id, on}`: the agent's or the contact's typing notice. */
    .add('POST', '/__control/agent-typing', ({ body }) => typing(body, 'agent'))
    .add('POST', '/__control/contact-typing', ({ body }) => typing(body, 'contact'))
    .add('POST', '/__control/contact-say', ({ body }) => {
      const conversation = findConversation(body.conversation_id);
      const contact = store.contactsBySource.get(requiredString(body, 'source_id'));
      if (!contact || contact.id !== conversation.contactId) throw new HttpStatusError(404, 'Contact not found in that conversation');
      const echoId = optionalEchoId(body);
      return [200, answer(actions.contactSays(conversation, requiredString(body, 'content'), echoId), echoId)];
    })
    .add('POST', '/__control/status', ({ body }) => {
      const conversation = findConversation(body.conversation_id);
      const status = requiredString(body, 'status') as ConversationStatus;
      if (!['open', 'resolved', 'pending', 'snoozed'].includes(status)) throw new HttpStatusError(422, 'unknown status');
      actions.setStatus(conversation, status, 'Ada');
      return [200, conversationJson(store, conversation, { agentOnline: agentOnline() })];
    })
    .add('POST', '/__control/bulk', ({ body }) => {
      const conversation = findConversation(body.conversation_id);
      const count = requiredInt(body.count, 'count');
      if (count < 1 || count > MAX_BULK) throw new HttpStatusError(422, `count must be 1..${MAX_BULK}`);
      const created = actions.bulk(conversation, count);
      return [200, { created: created.length, first_id: created[0]!.id, last_id: created[created.length - 1]!.id }];
    })
    .add('GET', '/__control/messages', ({ query }: RouteContext) => {
      const conversation = findConversation(query.get('conversation_id'));
      return [200, conversation.messages.map((m) => answer(m))];
    })
    .add('GET', '/__control/state', () => [200, state()])
    .add('POST', '/__control/state', () => [200, state()]);
  addStormRoutes(router, storm, (body) => chatwootStorm(store, actions, cable, body));
  return router;

  function state(): Record<string, unknown> {
    return {
      agent: { enabled: agent.enabled, pendingTimers: agent.pendingTimers },
      cable: {
        connections: cable.connectionCount,
        refusingForMs: cable.refusingForMs,
        subscriptions: cable.allSubscriptions().map((s) => ({ kind: s.kind, identifier: s.identifier })),
      },
      presence: { contacts: events.presenceSnapshot() },
      contacts: [...store.contactsById.values()].map((c) => ({ id: c.id, name: c.name, email: c.email, source_id: c.sourceId, pubsub_token: c.pubsubToken })),
      conversations: [...store.conversations.values()].map((c) => ({
        id: c.id,
        contact_id: c.contactId,
        status: c.status,
        message_count: c.messages.length,
        last_message_id: c.messages.at(-1)?.id ?? null,
        agent_last_seen_at: toSeconds(c.agentLastSeenAtMs),
        contact_last_seen_at: toSeconds(c.contactLastSeenAtMs),
      })),
    };
  }
}

/** Optional attachments for agent-say: `[{file_type, data_url, thumb_url?, extension?, file_size?}]`. */
function parseAttachments(value: unknown): Omit<Attachment, 'id'>[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new HttpStatusError(422, 'attachments must be an array');
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new HttpStatusError(422, 'attachment must be an object');
    const fields = item as Record<string, unknown>;
    const dataUrl = requiredString(fields, 'data_url');
    return {
      file_type: optionalString(fields, 'file_type') ?? 'image',
      data_url: dataUrl,
      thumb_url: optionalString(fields, 'thumb_url') ?? dataUrl,
      extension: optionalString(fields, 'extension') ?? null,
      file_size: typeof fields.file_size === 'number' ? fields.file_size : 0,
    };
  });
}
