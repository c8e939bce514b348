/**
 * JSON shapes exactly as Chatwoot pushes them (see seeds/004: `push_event_data` of messages,
 * conversations, contacts and users). REST answers reuse the same shapes.
 */
import {
  ACCOUNT_ID,
  AGENT,
  INBOX_ID,
  type ChatwootStore,
  type Contact,
  type Conversation,
  type Message,
} from './store.js';

/** Whose view a conversation is rendered for: drives `unread_count` and private-note filtering. */
export type Viewer = 'agent' | 'contact';

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

export function messageJson(store: ChatwootStore, message: Message, opts: MessageJsonOptions): Record<string, unknown> {
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
  };
  if (message.senderType === 'Contact' && message.senderId !== null) {
    const contact = store.contactsById.get(message.senderId);
    if (contact) json.sender = contactJson(contact);
  } else if (message.senderType === 'User') {
    json.sender = agentJson(opts.agentOnline, store.agentAvatarUrl);
  }
  if (message.attachments.length > 0) {
    json.attachments = message.attachments.map((a) => ({ ...a, message_id: message.id, account_id: ACCOUNT_ID }));
  }
  if (opts.echoId !== undefined) json.echo_id = opts.echoId;
  return json;
}

export interface ConversationJsonOptions {
  viewer: Viewer;
  agentOnline: boolean;
  /** How many of the latest messages to embed (events embed the last one; REST lists embed 20). */
  messageCount: number;
}

export function conversationJson(
  store: ChatwootStore,
  conversation: Conversation,
  opts: ConversationJsonOptions,
): Record<string, unknown> {
  const contact = store.contactOf(conversation);
  const visible = opts.viewer === 'agent' ? conversation.messages : conversation.messages.filter((m) => !m.private);
  const embedded = opts.messageCount > 0 ? visible.slice(-opts.messageCount) : [];
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
    messages: embedded.map((m) => messageJson(store, m, { agentOnline: opts.agentOnline })),
    meta: {
      sender: contactJson(contact),
      assignee: agentJson(opts.agentOnline, store.agentAvatarUrl),
    },
    status: conversation.status,
    unread_count: unreadCount(conversation, opts.viewer),
    agent_last_seen_at: conversation.agentLastSeenAt,
    contact_last_seen_at: conversation.contactLastSeenAt,
    timestamp: conversation.timestamp,
    account_id: ACCOUNT_ID,
  };
}

/** Messages from the other side that arrived after this viewer last looked. */
function unreadCount(conversation: Conversation, viewer: Viewer): number {
  const lastSeen = viewer === 'agent' ? conversation.agentLastSeenAt : conversation.contactLastSeenAt;
  const otherSide = viewer === 'agent' ? 0 : 1;
  let count = 0;
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const m = conversation.messages[i]!;
    if (m.createdAt <= lastSeen) break;
    if (m.messageType === otherSide && !m.private) count++;
  }
  return count;
}
