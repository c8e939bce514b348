/**
 * What can happen in the emulated Chatwoot, whoever triggers it (REST, control endpoints or the
 * scripted agent): each action changes the store, then announces the change through `events`.
 */
import type { ChatwootEvents } from './events.js';
import type { EchoId } from './serialize.js';
import {
  type Attachment,
  type MessageStatus,
  type ChatwootStore,
  type Contact,
  type Conversation,
  type ConversationStatus,
  type Message,
} from './store.js';

export const DELETED_CONTENT = 'This message was deleted';

/** `should_update_last_seen?`: with nothing unread, an agent's read is written at most hourly. */
export const LAST_SEEN_THROTTLE_MS = 60 * 60 * 1000;

/** `Message.statuses` (app/models/message.rb). */
const STATUSES: ReadonlySet<string> = new Set<MessageStatus>(['sent', 'delivered', 'read', 'failed']);

/** Notified after contact-side actions; the scripted agent listens here. */
export interface ContactActivityListener {
  conversationCreated(conversation: Conversation): void;
  contactMessage(conversation: Conversation, message: Message): void;
}

export interface AgentMessageOptions {
  private?: boolean;
  echoId?: EchoId;
  attachments?: Omit<Attachment, 'id'>[];
}

export class ChatwootActions {
  listener: ContactActivityListener | null = null;

  constructor(
    private readonly store: ChatwootStore,
    private readonly events: ChatwootEvents,
  ) {}

  createContact(name?: string, email?: string): Contact {
    const contact = this.store.createContact(name, email);
    this.events.contactCreated(contact);
    return contact;
  }

  createConversation(contact: Contact): Conversation {
    const conversation = this.store.createConversation(contact);
    this.events.conversationCreated(conversation);
    this.listener?.conversationCreated(conversation);
    return conversation;
  }

  contactSays(conversation: Conversation, content: string, echoId?: EchoId, attachments?: Omit<Attachment, 'id'>[]): Message {
    const message = this.store.addMessage(conversation, { messageType: 0, content, attachments });
    this.events.messageCreated(message, echoId);
    this.listener?.contactMessage(conversation, message);
    return message;
  }

  agentSays(conversation: Conversation, content: string, opts: AgentMessageOptions = {}): Message {
    const message = this.store.addMessage(conversation, {
      messageType: 1,
      content,
      private: opts.private,
      attachments: opts.attachments,
    });
    this.events.messageCreated(message, opts.echoId);
    return message;
  }

  /**
   * Messages::StatusUpdateService (the agent's `PATCH …/messages/{id}`, API inboxes only): an
   * unknown status, or `delivered` over `read`, changes nothing; `failed` keeps the external error.
   * The content never changes: Chatwoot has no route that edits a message's text.
   */
  setMessageStatus(message: Message, status: string, externalError?: string): Message {
    if (!isStatus(status)) return message;
    if (message.status === 'read' && status === 'delivered') return message;
    message.status = status;
    const { external_error: _dropped, ...rest } = message.contentAttributes;
    message.contentAttributes = status === 'failed' && externalError !== undefined ? { ...rest, external_error: externalError } : rest;
    this.store.touch(message);
    this.events.messageUpdated(message);
    return message;
  }

  /** Chatwoot deletes softly: placeholder content, `content_attributes.deleted`, no attachments. */
  deleteMessage(message: Message): Message {
    message.content = DELETED_CONTENT;
    message.contentAttributes = { ...message.contentAttributes, deleted: true };
    message.attachments = [];
    this.store.touch(message);
    this.events.messageUpdated(message);
    return message;
  }

  /**
   * The contact read (Client API `update_last_seen`): `contact_last_seen_at` is saved, which
   * dispatches `conversation.read` to agents (Conversation#notify_status_change), and
   * Conversations::UpdateMessageStatusJob marks every message that is not incoming, still `sent`
   * or `delivered` and created up to then `read`, each announced with `message.updated`.
   */
  contactSeen(conversation: Conversation): void {
    conversation.contactLastSeenAtMs = Date.now();
    this.events.conversationRead(conversation);
    for (const message of conversation.messages) {
      if (message.messageType === 0 || message.createdAtMs > conversation.contactLastSeenAtMs) continue;
      if (message.status !== 'sent' && message.status !== 'delivered') continue;
      message.status = 'read';
      this.store.touch(message);
      this.events.messageUpdated(message);
    }
  }

  /**
   * An agent read (Application API `update_last_seen`): only `agent_last_seen_at` (and, Ada being
   * the assignee, `assignee_last_seen_at`) is written, with `update_columns`: no callback, no
   * event, no message status. With nothing unread (no message created since the last read) it is
   * written only when the last one is an hour old. Returns whether it was written.
   */
  agentSeen(conversation: Conversation): boolean {
    const now = Date.now();
    const unread = conversation.messages.some((m) => m.createdAtMs > conversation.agentLastSeenAtMs);
    if (!unread && conversation.agentLastSeenAtMs !== 0 && now - conversation.agentLastSeenAtMs < LAST_SEEN_THROTTLE_MS) return false;
    conversation.agentLastSeenAtMs = now;
    return true;
  }

  typing(conversation: Conversation, typist: 'agent' | 'contact', on: boolean, isPrivate = false): void {
    this.events.typing(conversation, typist, on, isPrivate);
  }

  /** Sets the status and, like Chatwoot, logs an activity message (agents only see it). */
  setStatus(conversation: Conversation, status: ConversationStatus, by: string): void {
    if (conversation.status === status) return;
    conversation.status = status;
    const activity = this.store.addMessage(conversation, {
      messageType: 2,
      content: status === 'open' ? `Conversation was reopened by ${by}` : `Conversation was marked ${status} by ${by}`,
    });
    this.events.messageCreated(activity);
    this.events.statusChanged(conversation);
  }

  /**
   * `count` alternating contact/agent messages, quietly (no broadcasts, no agent replies). They are
   * history, so both sides have read them: the agent's messages are `read` (the status job ran),
   * the contact's stay `sent` (Chatwoot never changes an incoming message's status), and both
   * read times are now.
   */
  bulk(conversation: Conversation, count: number): Message[] {
    const created: Message[] = [];
    for (let i = 0; i < count; i++) {
      const fromContact = i % 2 === 0;
      const message = this.store.addMessage(conversation, {
        messageType: fromContact ? 0 : 1,
        content: `${fromContact ? 'Visitor' : 'Ada'} history message ${i + 1} of ${count}`,
      });
      if (!fromContact) message.status = 'read';
      created.push(message);
    }
    conversation.agentLastSeenAtMs = conversation.contactLastSeenAtMs = Date.now();
    return created;
  }
}

function isStatus(value: string): value is MessageStatus {
  return STATUSES.has(value);
}
