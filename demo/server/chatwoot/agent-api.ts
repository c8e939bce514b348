/**
 * Chatwoot's Application API for the one agent, Ada (account 1), after
 * app/controllers/api/v1/accounts/conversations_controller.rb and conversations/messages_controller.rb.
 * Every route needs the header `api_access_token: demo-agent-token`; without it the answer is 401
 * as in Chatwoot. Answers use the push_event_data shapes (the agents' partials are close to them).
 */
import { storeAttachments } from './storage.js';
import { originOf, type FileStore } from '../shared/files.js';
import { HttpStatusError, optionalString, requiredInt, requiredString, Router, type RouteContext, type RouteHandler } from '../http.js';
import type { ChatwootActions } from './actions.js';
import { optionalEchoId } from './client-api.js';
import { conversationJson, messageJson } from './serialize.js';
import { ACCOUNT_ID, AGENT, toSeconds, type ChatwootStore, type Conversation, type ConversationStatus, type Message } from './store.js';

const ACCOUNT = '/api/v1/accounts/:account';
const CONVERSATION = `${ACCOUNT}/conversations/:cid`;
const STATUSES: readonly ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];

export interface AgentApiDeps {
  store: ChatwootStore;
  actions: ChatwootActions;
  agentOnline: () => boolean;
  files: FileStore;
}

export function createAgentApi({ store, actions, agentOnline, files }: AgentApiDeps): Router {
  const authed = (handler: RouteHandler): RouteHandler => (ctx) => {
    if (ctx.req.headers.api_access_token !== AGENT.accessToken) {
      throw new HttpStatusError(401, 'You need to sign in or sign up before continuing.');
    }
    if (ctx.params.account !== undefined && ctx.params.account !== String(ACCOUNT_ID)) {
      throw new HttpStatusError(404, 'Account not found');
    }
    return handler(ctx);
  };
  const findConversation = ({ params }: RouteContext): Conversation => {
    const conversation = store.conversations.get(requiredInt(params.cid, 'conversation id'));
    if (!conversation) throw new HttpStatusError(404, 'Conversation not found');
    return conversation;
  };
  const findMessage = (ctx: RouteContext): Message => {
    const conversation = findConversation(ctx);
    const message = store.messagesById.get(requiredInt(ctx.params.mid, 'message id'));
    if (!message || message.conversationId !== conversation.id) throw new HttpStatusError(404, 'Message not found');
    return message;
  };
  const conversationAnswer = (conversation: Conversation) => conversationJson(store, conversation, { agentOnline: agentOnline() });
  const messageAnswer = (message: Message, echoId?: string | number) => messageJson(store, message, { echoId, agentOnline: agentOnline() });

  return new Router()
    .add('GET', '/api/v1/profile', authed(() => [
      200,
      {
        id: AGENT.id,
        name: AGENT.name,
        available_name: AGENT.name,
        display_name: AGENT.name,
        email: 'ada@parley.demo',
        avatar_url: '',
        pubsub_token: AGENT.pubsubToken,
        access_token: AGENT.accessToken,
        account_id: ACCOUNT_ID,
        accounts: [{ id: ACCOUNT_ID, name: 'Parley demo', role: 'agent' }],
      },
    ]))
    .add('GET', `${ACCOUNT}/conversations`, authed(({ query }) => {
      const status = query.get('status') ?? 'open';
      const all = [...store.conversations.values()].sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
      const payload = all.filter((c) => status === 'all' || c.status === status).map(conversationAnswer);
      return [200, { data: { meta: { mine_count: payload.length, unassigned_count: 0, all_count: payload.length }, payload } }];
    }))
    .add('GET', CONVERSATION, authed((ctx) => [200, conversationAnswer(findConversation(ctx))]))
    .add('GET', `${CONVERSATION}/messages`, authed((ctx) => {
      const conversation = findConversation(ctx);
      const before = ctx.query.get('before');
      const after = ctx.query.get('after');
      const messages = store.findMessages(conversation, {
        before: before ? requiredInt(before, 'before') : undefined,
        after: after ? requiredInt(after, 'after') : undefined,
        includePrivate: true,
      });
      const contact = store.contactOf(conversation);
      const meta = { contact: { id: contact.id, name: contact.name }, agent_last_seen_at: toSeconds(conversation.agentLastSeenAtMs) };
      return [200, { meta, payload: messages.map((m) => messageAnswer(m)) }];
    }))
    .add('POST', `${CONVERSATION}/messages`, authed((ctx) => {
      const conversation = findConversation(ctx);
      const echoId = optionalEchoId(ctx.body);
      // Multipart (`attachments[]`, fields as strings) is what the dashboard sends with files.
      const attachments = storeAttachments(files, ctx.files, originOf(ctx.req));
      const content = attachments.length ? optionalString(ctx.body, 'content') ?? '' : requiredString(ctx.body, 'content');
      const message = actions.agentSays(conversation, content, {
        private: ctx.body.private === true || ctx.body.private === 'true',
        echoId,
        attachments,
      });
      return [200, messageAnswer(message, echoId)];
    }))
    // `update` is a status update for API-channel inboxes (Messages::StatusUpdateService):
    // `{status, external_error?}`; a `content` is ignored. There is no way to edit a message's text.
    .add('PATCH', `${CONVERSATION}/messages/:mid`, authed((ctx) => {
      const message = findMessage(ctx);
      const status = optionalString(ctx.body, 'status') ?? '';
      return [200, messageAnswer(actions.setMessageStatus(message, status, optionalString(ctx.body, 'external_error')))];
    }))
    .add('DELETE', `${CONVERSATION}/messages/:mid`, authed((ctx) => [200, messageAnswer(actions.deleteMessage(findMessage(ctx)))]))
    // Conversations::TypingStatusManager: 'on' / 'off' dispatch (a 'recording' event is not
    // emulated); anything else does nothing; always 200.
    .add('POST', `${CONVERSATION}/toggle_typing_status`, authed((ctx) => {
      const status = optionalString(ctx.body, 'typing_status');
      if (status === 'on' || status === 'off') actions.typing(findConversation(ctx), 'agent', status === 'on', ctx.body.is_private === true);
      return [200, undefined];
    }))
    // Writes agent_last_seen_at (throttled), announces nothing; the answer has no body.
    .add('POST', `${CONVERSATION}/update_last_seen`, authed((ctx) => {
      actions.agentSeen(findConversation(ctx));
      return [200, undefined];
    }))
    .add('POST', `${CONVERSATION}/toggle_status`, authed((ctx) => {
      const conversation = findConversation(ctx);
      const wanted = optionalString(ctx.body, 'status');
      const next = wanted ?? (conversation.status === 'open' ? 'resolved' : 'open');
      if (!STATUSES.includes(next as ConversationStatus)) throw new HttpStatusError(422, `status must be one of ${STATUSES.join(', ')}`);
      actions.setStatus(conversation, next as ConversationStatus, AGENT.name);
      return [200, { meta: {}, payload: { success: true, current_status: conversation.status, conversation_id: conversation.id } }];
    }));
}
