/**
 * What can happen in the emulated Chatwoot, whoever triggers it (REST, control endpoints or the
 * scripted agent): each action changes the store, then announces the change through `events`.
 */
import type { ChatwootEvents } from './events.js';
import type { EchoId } from './serialize.js';
import {
  nowSeconds,
  type Attachment,
  type ChatwootStore,
  type Contact,
  type Conversation,
  type ConversationStatus,
  type Message,
} from './store.js';

export const DELETED_CONTENT = 'This message was deleted';

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

  contactSays(conversation: Conversation, content: string, echoId?: EchoId): Message {
    const message = this.store.addMessage(conversation, { messageType: 0, content });
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

  editMessage(message: Message, content: string): Message {
    message.content = content;
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

  /** The contact read the conversation: the agent's messages up to now become `read`. */
  contactSeen(conversation: Conversation): void {
    conversation.contactLastSeenAt = nowSeconds();
    this.markRead(conversation, 1, conversation.contactLastSeenAt);
    this.events.conversationRead(conversation);
  }

  /** The agent read the conversation: the contact's messages up to now become `read`. */
  agentSeen(conversation: Conversation): void {
    conversation.agentLastSeenAt = nowSeconds();
    this.markRead(conversation, 0, conversation.agentLastSeenAt);
    this.events.conversationRead(conversation);
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
   * history, so both sides have read them: a later read receipt does not re-announce thousands.
   */
  bulk(conversation: Conversation, count: number): Message[] {
    const created: Message[] = [];
    for (let i = 0; i < count; i++) {
      const fromContact = i % 2 === 0;
      const message = this.store.addMessage(conversation, {
        messageType: fromContact ? 0 : 1,
        content: `${fromContact ? 'Visitor' : 'Ada'} history message ${i + 1} of ${count}`,
      });
      message.status = 'read';
      created.push(message);
    }
    conversation.agentLastSeenAt = conversation.contactLastSeenAt = nowSeconds();
    return created;
  }

  private markRead(conversation: Conversation, messageType: 0 | 1, upTo: number): void {
    for (let i = conversation.messages.length - 1; i >= 0; i--) {
      const message = conversation.messages[i]!;
      if (message.messageType !== messageType || message.private || message.createdAt > upTo) continue;
      if (message.status === 'read') break; // everything older was read before
      message.status = 'read';
      this.store.touch(message);
      this.events.messageUpdated(message);
    }
  }
}
