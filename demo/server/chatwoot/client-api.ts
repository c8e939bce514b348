/**
 * Chatwoot's Client API (`/public/api/v1/inboxes/{inbox}/contacts…`) for an API-channel inbox,
 * after app/controllers/public/api/v1/inboxes/*_controller.rb and their views
 * (app/views/public/api/v1/inboxes/**, models/_conversation, _message, _contact). There is no
 * auth header: the contact's `source_id` is the credential; unknown inbox, contact or
 * conversation answers 404. Answers are the thin public shapes, never the agents' ones.
 */
import { HttpStatusError, optionalString, requiredInt, requiredString, Router, type RouteContext } from '../http.js';
import type { ChatwootActions } from './actions.js';
import { publicConversationJson, publicMessageJson, type EchoId } from './serialize.js';
import { storeAttachments } from './storage.js';
import { originOf, type FileStore } from '../shared/files.js';
import { INBOX_IDENTIFIER, type ChatwootStore, type Contact, type Conversation } from './store.js';

const BASE = '/public/api/v1/inboxes/:inbox/contacts';
const CONVERSATION = `${BASE}/:source/conversations/:cid`;

export interface ClientApiDeps {
  store: ChatwootStore;
  actions: ChatwootActions;
  agentOnline: () => boolean;
  files: FileStore;
}

export function createClientApi({ store, actions, agentOnline, files }: ClientApiDeps): Router {
  const findContact = ({ params }: RouteContext): Contact => {
    if (params.inbox !== INBOX_IDENTIFIER) throw new HttpStatusError(404, 'Inbox not found');
    const contact = params.source ? store.contactsBySource.get(params.source) : undefined;
    if (!contact) throw new HttpStatusError(404, 'Contact not found');
    return contact;
  };
  const findConversation = (ctx: RouteContext): [Contact, Conversation] => {
    const contact = findContact(ctx);
    const conversation = store.conversations.get(requiredInt(ctx.params.cid, 'conversation id'));
    if (!conversation || conversation.contactId !== contact.id) throw new HttpStatusError(404, 'Conversation not found');
    return [contact, conversation];
  };
  const contactAnswer = (contact: Contact) => ({
    id: contact.id,
    source_id: contact.sourceId,
    pubsub_token: contact.pubsubToken,
    name: contact.name,
    email: contact.email,
  });
  const conversationAnswer = (conversation: Conversation) => publicConversationJson(store, conversation, agentOnline());

  return new Router()
    .add('POST', BASE, ({ params, body }) => {
      if (params.inbox !== INBOX_IDENTIFIER) throw new HttpStatusError(404, 'Inbox not found');
      // Contact `before_validation :downcase_email`; an email that is not `Devise.email_regexp`
      // fails validation: `create!` raises RecordInvalid, which Rails answers 422.
      const email = optionalString(body, 'email')?.toLowerCase() || undefined;
      if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new HttpStatusError(422, 'Validation failed: Email is invalid');
      const contact = actions.createContact(optionalString(body, 'name'), email);
      return [200, contactAnswer(contact)];
    })
    .add('GET', `${BASE}/:source`, (ctx) => [200, contactAnswer(findContact(ctx))])
    .add('GET', `${BASE}/:source/conversations`, (ctx) => {
      const contact = findContact(ctx);
      const mine = [...store.conversations.values()].filter((c) => c.contactId === contact.id);
      return [200, mine.map(conversationAnswer)];
    })
    .add('POST', `${BASE}/:source/conversations`, (ctx) => {
      const conversation = actions.createConversation(findContact(ctx));
      return [200, conversationAnswer(conversation)];
    })
    .add('GET', CONVERSATION, (ctx) => [200, conversationAnswer(findConversation(ctx)[1])])
    // toggle_status: an already resolved conversation is left as it is (and rendered).
    .add('POST', `${CONVERSATION}/toggle_status`, (ctx) => {
      const [contact, conversation] = findConversation(ctx);
      if (conversation.status !== 'resolved') actions.setStatus(conversation, 'resolved', contact.name);
      return [200, conversationAnswer(conversation)];
    })
    // MessageFinder with `filter_internal_messages` and `before` only: `after` is not passed on,
    // so it is ignored (the latest 20); private notes and activity messages are left out.
    .add('GET', `${CONVERSATION}/messages`, (ctx) => {
      const [, conversation] = findConversation(ctx);
      const before = ctx.query.get('before');
      const messages = store.findMessages(conversation, {
        before: before ? requiredInt(before, 'before') : undefined,
        includePrivate: false,
      }).filter((m) => m.messageType !== 2);
      return [200, messages.map((m) => publicMessageJson(store, m, agentOnline()))];
    })
    // The answer is the public message (swagger/paths/public/inboxes/messages/create.yml →
    // public_message): no status, no echo_id. The echo_id comes back on the cable's message.created.
    // Multipart with `attachments[]` stores the files (build_attachment); content may then be absent.
    .add('POST', `${CONVERSATION}/messages`, (ctx) => {
      const [, conversation] = findConversation(ctx);
      const attachments = storeAttachments(files, ctx.files, originOf(ctx.req));
      const content = attachments.length ? optionalString(ctx.body, 'content') ?? '' : requiredString(ctx.body, 'content');
      const message = actions.contactSays(conversation, content, optionalEchoId(ctx.body), attachments);
      return [200, publicMessageJson(store, message, agentOnline())];
    })
    // toggle_typing: 'on' and 'off' dispatch an event; anything else does nothing; always 200.
    .add('POST', `${CONVERSATION}/toggle_typing`, (ctx) => {
      const [, conversation] = findConversation(ctx);
      const status = optionalString(ctx.body, 'typing_status');
      if (status === 'on' || status === 'off') actions.typing(conversation, 'contact', status === 'on');
      return [200, undefined];
    })
    .add('POST', `${CONVERSATION}/update_last_seen`, (ctx) => {
      actions.contactSeen(findConversation(ctx)[1]);
      return [200, undefined];
    });
}

/** `echo_id` may arrive as a string or a number; it is echoed back exactly as the client gave it. */
export function optionalEchoId(body: Record<string, unknown>): EchoId | undefined {
  const value = body.echo_id;
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}
