/**
 * The Chatwoot emulation's state: one account (1), one API inbox (`demo-inbox`), one agent (Ada),
 * contacts, conversations and messages, all in memory. Pure data plus lookups; who hears about a
 * change is decided in `events.ts`, the JSON shapes live in `serialize.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export const ACCOUNT_ID = 1;
export const INBOX_ID = 1;
export const INBOX_IDENTIFIER = 'demo-inbox';
export const AGENT = { id: 1, name: 'Ada', accessToken: 'demo-agent-token', pubsubToken: 'demo-agent-token' } as const;

/** 0 incoming (contact), 1 outgoing (agent), 2 activity. */
export type MessageType = 0 | 1 | 2;
export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';

export interface Contact {
  id: number;
  contactInboxId: number;
  sourceId: string;
  pubsubToken: string;
  name: string;
  email: string | null;
  /** Avatar URL (`thumbnail`); empty when none. */
  thumbnail: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Attachment {
  id: number;
  file_type: string;
  data_url: string;
  thumb_url: string;
  extension: string | null;
  file_size: number;
}

export interface Message {
  id: number;
  conversationId: number;
  messageType: MessageType;
  content: string;
  private: boolean;
  status: MessageStatus;
  /** Unix seconds, as Chatwoot sends it. */
  createdAt: number;
  /** The same instant in milliseconds: "created since the agent last looked" compares it (Postgres keeps microseconds). */
  createdAtMs: number;
  /** Milliseconds; serialized as ISO. Strictly increases on every change. */
  updatedAtMs: number;
  senderType: 'Contact' | 'User' | null;
  senderId: number | null;
  contentAttributes: Record<string, unknown>;
  attachments: Attachment[];
}

export interface Conversation {
  /** The display id (per account), used in every path and payload. */
  id: number;
  /** `uuid`, rendered by the Client API's conversation partial. */
  uuid: string;
  contactId: number;
  status: ConversationStatus;
  /**
   * When an agent (Ada, who is also the assignee, so `assignee_last_seen_at` moves with it) and the
   * contact last looked, epoch ms, 0 = never. Rendered as unix seconds (`.to_i`).
   */
  agentLastSeenAtMs: number;
  contactLastSeenAtMs: number;
  /** Last activity, unix seconds. */
  timestamp: number;
  createdAtIso: string;
  /** Ascending by id. */
  messages: Message[];
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Epoch ms to the unix seconds Chatwoot renders (`time.to_i`; 0 for never). */
export const toSeconds = (ms: number): number => Math.floor(ms / 1000);

const ADJECTIVES = ['white', 'quiet', 'brave', 'lucky', 'misty', 'sunny', 'calm', 'swift'];
const NOUNS = ['shadow', 'river', 'meadow', 'comet', 'harbor', 'forest', 'pebble', 'breeze'];

/** Chatwoot-like generated visitor name, deterministic per id: `white-shadow-394`. */
function visitorName(id: number): string {
  return `${ADJECTIVES[id % ADJECTIVES.length]}-${NOUNS[Math.floor(id / ADJECTIVES.length) % NOUNS.length]}-${100 + ((id * 37) % 900)}`;
}

/**
 * Ids keep increasing across `reset()` so a client cache from an earlier test can never collide
 * with a new record.
 */
export class ChatwootStore {
  readonly contactsBySource = new Map<string, Contact>();
  readonly contactsById = new Map<number, Contact>();
  readonly contactsByToken = new Map<string, Contact>();
  readonly conversations = new Map<number, Conversation>();
  readonly messagesById = new Map<number, Message>();
  /** Ada's avatar URL (`avatar_url`); empty when none. */
  agentAvatarUrl = '';
  private nextContactId = 1;
  private nextConversationId = 1;
  private nextMessageId = 1;
  private nextAttachmentId = 1;

  reset(): void {
    this.agentAvatarUrl = '';
    this.contactsBySource.clear();
    this.contactsById.clear();
    this.contactsByToken.clear();
    this.conversations.clear();
    this.messagesById.clear();
  }

  createContact(name?: string, email?: string): Contact {
    const id = this.nextContactId++;
    const now = new Date();
    const contact: Contact = {
      id,
      contactInboxId: id,
      sourceId: randomUUID(),
      pubsubToken: randomBytes(12).toString('hex'),
      name: name?.trim() || visitorName(id),
      email: email ?? null,
      thumbnail: '',
      createdAt: now,
      updatedAt: now,
    };
    this.contactsBySource.set(contact.sourceId, contact);
    this.contactsById.set(id, contact);
    this.contactsByToken.set(contact.pubsubToken, contact);
    return contact;
  }

  createConversation(contact: Contact): Conversation {
    const conversation: Conversation = {
      id: this.nextConversationId++,
      uuid: randomUUID(),
      contactId: contact.id,
      status: 'open',
      agentLastSeenAtMs: 0,
      contactLastSeenAtMs: 0,
      timestamp: nowSeconds(),
      createdAtIso: new Date().toISOString(),
      messages: [],
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  contactOf(conversation: Conversation): Contact {
    const contact = this.contactsById.get(conversation.contactId);
    if (!contact) throw new Error(`conversation ${conversation.id} has no contact`);
    return contact;
  }

  addMessage(
    conversation: Conversation,
    fields: { messageType: MessageType; content: string; private?: boolean; attachments?: Omit<Attachment, 'id'>[] },
  ): Message {
    const nowMs = Date.now();
    const fromContact = fields.messageType === 0;
    const message: Message = {
      id: this.nextMessageId++,
      conversationId: conversation.id,
      messageType: fields.messageType,
      content: fields.content,
      private: fields.private ?? false,
      status: 'sent',
      createdAt: Math.floor(nowMs / 1000),
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      senderType: fields.messageType === 2 ? null : fromContact ? 'Contact' : 'User',
      senderId: fields.messageType === 2 ? null : fromContact ? conversation.contactId : AGENT.id,
      contentAttributes: {},
      attachments: (fields.attachments ?? []).map((a) => ({ ...a, id: this.nextAttachmentId++ })),
    };
    conversation.messages.push(message);
    conversation.timestamp = message.createdAt;
    this.messagesById.set(message.id, message);
    return message;
  }

  /** Marks a change: `updated_at` moves forward by at least 1 ms even within the same millisecond. */
  touch(message: Message): void {
    message.updatedAtMs = Math.max(Date.now(), message.updatedAtMs + 1);
  }

  /**
   * Chatwoot's MessageFinder (app/finders/message_finder.rb): `after` → the next 100 (id > after); `before` → the 20 before;
   * both → after ≤ id < before (up to 1000); neither → the latest 20. Always ascending.
   */
  findMessages(conversation: Conversation, opts: { before?: number; after?: number; includePrivate: boolean }): Message[] {
    const all = opts.includePrivate ? conversation.messages : conversation.messages.filter((m) => !m.private);
    const { before, after } = opts;
    if (after !== undefined && before !== undefined) {
      return all.slice(lowerBound(all, after), lowerBound(all, before)).slice(0, 1000);
    }
    if (before !== undefined) {
      const end = lowerBound(all, before);
      return all.slice(Math.max(0, end - 20), end);
    }
    if (after !== undefined) {
      const start = lowerBound(all, after + 1);
      return all.slice(start, start + 100);
    }
    return all.slice(-20);
  }
}

/** Index of the first message whose id is >= id (messages are ascending by id). */
function lowerBound(messages: Message[], id: number): number {
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (messages[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
