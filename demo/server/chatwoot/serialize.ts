/**
 * JSON shapes as Chatwoot renders them: `push_event_data` of messages, conversations, contacts
 * and users for cable frames and the Application API (see seeds/004), and the Client API's thin
 * public shapes (app/views/public/api/v1/models/*.json.jbuilder) for a contact's REST answers.
 */
import {
  ACCOUNT_ID,
  AGENT,
  INBOX_ID,
  type ChatwootStore,
  type Contact,
  type Conversation,
  type Message,
  toSeconds,
} from './store.js';

export function contactJson(contact: Contact): Record<string, unknown> {
  return {
    additional_attributes: {},
    custom_attributes: {},
    email: contact.email,
    id: contact.id,
    identifier: null,
    name: contact.name,
    phone_number: null,
    pubsub_token: contact.pubsubToken,
    thumbnail: contact.thumbnail,
    type: 'contact',
  };
}

export function agentJson(online: boolean, avatarUrl = ''): Record<string, unknown> {
  return {
    id: AGENT.id,
    name: AGENT.name,
    available_name: AGENT.name,
    avatar_url: avatarUrl,
    type: 'user',
    availability_status: online ? 'online' : 'offline',
  };
}

export type EchoId = string | number;

export interface MessageJsonOptions {
  echoId?: EchoId;
  agentOnline: boolean;
}

/**
 * A message as `Message#push_event_data` renders it (app/models/message.rb): every column,
 * `created_at` in unix seconds, `conversation_id` the display id, a small `conversation` summary,
 * `echo_id` only on the frame of the request that gave one (it is an `attr_accessor`, never
 * stored), attachments and sender when present. Cable frames and Application API answers.
 */
export function messageJson(store: ChatwootStore, message: Message, opts: MessageJsonOptions): Record<string, unknown> {
  const conversation = store.conversations.get(message.conversationId);
  const json: Record<string, unknown> = {
    id: message.id,
    content: message.content,
    account_id: ACCOUNT_ID,
    inbox_id: INBOX_ID,
    conversation_id: message.conversationId,
    message_type: message.messageType,
    created_at: message.createdAt,
    updated_at: new Date(message.updatedAtMs).toISOString(),
    private: message.private,
    status: message.status,
    source_id: null,
    content_type: 'text',
    content_attributes: message.contentAttributes,
    sender_type: message.senderType,
    sender_id: message.senderId,
    external_source_ids: {},
    additional_attributes: {},
  };
  if (conversation) {
    json.conversation = {
      assignee_id: AGENT.id,
      unread_count: agentUnreadCount(conversation),
      last_activity_at: conversation.timestamp,
      contact_inbox: { source_id: store.contactOf(conversation).sourceId },
    };
  }
  if (opts.echoId !== undefined) json.echo_id = opts.echoId;
  if (message.attachments.length > 0) json.attachments = attachmentsJson(message);
  const sender = senderJson(store, message, opts.agentOnline);
  if (sender) json.sender = sender;
  return json;
}

/**
 * A message as the Client API renders it (app/views/public/api/v1/models/_message.json.jbuilder):
 * id, content, message_type, content_type, content_attributes, created_at, conversation_id,
 * attachments and sender when present. No status, no updated_at, no echo_id, no private flag.
 */
export function publicMessageJson(store: ChatwootStore, message: Message, agentOnline: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: message.id,
    content: message.content,
    message_type: message.messageType,
    content_type: 'text',
    content_attributes: message.contentAttributes,
    created_at: message.createdAt,
    conversation_id: message.conversationId,
  };
  if (message.attachments.length > 0) json.attachments = attachmentsJson(message);
  const sender = senderJson(store, message, agentOnline);
  if (sender) json.sender = sender;
  return json;
}

function attachmentsJson(message: Message): Record<string, unknown>[] {
  return message.attachments.map((a) => ({ ...a, message_id: message.id, account_id: ACCOUNT_ID }));
}

/** `sender.push_event_data` (Contact, User), or undefined for an activity message. */
function senderJson(store: ChatwootStore, message: Message, agentOnline: boolean): Record<string, unknown> | undefined {
  if (message.senderType === 'Contact' && message.senderId !== null) {
    const contact = store.contactsById.get(message.senderId);
    return contact ? contactJson(contact) : undefined;
  }
  return message.senderType === 'User' ? agentJson(agentOnline, store.agentAvatarUrl) : undefined;
}

export interface ConversationJsonOptions {
  agentOnline: boolean;
}

/**
 * A conversation as `Conversation#push_event_data` renders it
 * (app/presenters/conversations/event_data_presenter.rb): the same object for every audience,
 * `messages` holding only the last chat message (`messages.chat.last`: neither private nor
 * activity), `unread_count` the agents' unread incoming messages (at most 10), the read times in
 * unix seconds. Cable frames (agents and the contact) and Application API answers.
 */
export function conversationJson(
  store: ChatwootStore,
  conversation: Conversation,
  opts: ConversationJsonOptions,
): Record<string, unknown> {
  const contact = store.contactOf(conversation);
  const lastChat = chatMessages(conversation).at(-1);
  return {
    additional_attributes: {},
    can_reply: true,
    channel: 'Channel::Api',
    id: conversation.id,
    inbox_id: INBOX_ID,
    contact_inbox: {
      id: contact.contactInboxId,
      contact_id: contact.id,
      inbox_id: INBOX_ID,
      source_id: contact.sourceId,
      created_at: contact.createdAt.toISOString(),
      updated_at: contact.updatedAt.toISOString(),
      hmac_verified: false,
    },
    messages: lastChat ? [messageJson(store, lastChat, { agentOnline: opts.agentOnline })] : [],
    meta: {
      sender: contactJson(contact),
      assignee: agentJson(opts.agentOnline, store.agentAvatarUrl),
    },
    status: conversation.status,
    unread_count: agentUnreadCount(conversation),
    agent_last_seen_at: toSeconds(conversation.agentLastSeenAtMs),
    contact_last_seen_at: toSeconds(conversation.contactLastSeenAtMs),
    timestamp: conversation.timestamp,
    last_activity_at: conversation.timestamp,
    created_at: Math.floor(Date.parse(conversation.createdAtIso) / 1000),
    account_id: ACCOUNT_ID,
  };
}

/**
 * A conversation as the Client API renders it (app/views/public/api/v1/models/_conversation.json.jbuilder):
 * id (display id), uuid, inbox_id, contact_last_seen_at, status, agent_last_seen_at, every chat
 * message (`messages.chat`, oldest first, in the public message shape) and the contact record.
 * No meta, no assignee, no unread count, no timestamp.
 */
export function publicConversationJson(store: ChatwootStore, conversation: Conversation, agentOnline: boolean): Record<string, unknown> {
  const contact = store.contactOf(conversation);
  return {
    id: conversation.id,
    uuid: conversation.uuid,
    inbox_id: INBOX_ID,
    contact_last_seen_at: toSeconds(conversation.contactLastSeenAtMs),
    status: conversation.status,
    agent_last_seen_at: toSeconds(conversation.agentLastSeenAtMs),
    messages: chatMessages(conversation).map((m) => publicMessageJson(store, m, agentOnline)),
    contact: contactRecordJson(contact),
  };
}

/** `json.contact resource.contact`: the Contact record itself (its columns; no pubsub token, which lives on the contact inbox). */
function contactRecordJson(contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: null,
    account_id: ACCOUNT_ID,
    created_at: contact.createdAt.toISOString(),
    updated_at: contact.updatedAt.toISOString(),
    additional_attributes: {},
    identifier: null,
    custom_attributes: {},
    last_activity_at: null,
    blocked: false,
  };
}

/** `messages.chat` (app/models/message.rb): neither activity nor private. */
export function chatMessages(conversation: Conversation): Message[] {
  return conversation.messages.filter((m) => m.messageType !== 2 && !m.private);
}

/**
 * `unread_incoming_messages.count` (app/models/conversation.rb): the contact's messages created
 * after `agent_last_seen_at`, of which the model takes the last 10.
 */
export function agentUnreadCount(conversation: Conversation): number {
  let count = 0;
  for (let i = conversation.messages.length - 1; i >= 0 && count < 10; i--) {
    const m = conversation.messages[i]!;
    if (m.createdAtMs <= conversation.agentLastSeenAtMs) break;
    if (m.messageType === 0) count++;
  }
  return count;
}
