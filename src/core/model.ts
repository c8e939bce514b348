/**
 * The normalized data model every protocol decodes into. No Lit, no DOM.
 * Times are epoch milliseconds; ids are strings (numeric wire ids are stringified).
 */

/** Epoch milliseconds, UTC. */
export type EpochMs = number;

/** Who someone is relative to the signed-in user. */
export type ActorRole = 'self' | 'agent' | 'customer' | 'member' | 'bot' | 'system' | 'guest' | 'unknown';

/** A person or bot that writes, reads or types. */
export interface Actor {
  id: string;
  role: ActorRole;
  name?: string;
  avatarUrl?: string;
}

/** A file attached to a message. URLs are untrusted until checked by the renderer. */
export interface Attachment {
  id?: string;
  name?: string;
  mime?: string;
  size?: number;
  url?: string;
  thumbnailUrl?: string;
  /** `image`, `file`, `audio`, `video`, `location` ... */
  kind?: string;
}

/** Delivery state of a message, in rank order except `failed`. */
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** How `text` is to be rendered. `html` MUST go through the sanitizer. */
export type Markup = 'plain' | 'html' | 'markdown' | 'code' | 'latex';

/** What kind of message this is. */
export type MessageKind = 'text' | 'file' | 'post' | 'task' | 'system' | 'template' | 'ai' | 'recalled';

/** One message, as the store keeps it. */
export interface Message {
  id: string;
  conversationId: string;
  kind: MessageKind;
  text: string;
  markup: Markup;
  attachments: Attachment[];
  sender?: Actor;
  createdAt: EpochMs;
  updatedAt?: EpochMs;
  /** Monotonic version for dedup (a wire `updated_at`, `lastModifiedUtc`, a sequence ...). */
  version?: number;
  /** Backend sequence where one exists (Comapi conversationEventId); breaks ties in ordering. */
  seq?: number;
  /** Reply / comment parent. */
  threadParentId?: string;
  /** Client reference used to reconcile an optimistic send (echo_id, loopbackMetadata ...). */
  clientRef?: string;
  status: DeliveryStatus;
  edited?: boolean;
  deleted?: boolean;
  /** Still receiving AI stream chunks. */
  streaming?: boolean;
  /**
   * A send of mine with files (held in memory, never in the durable outbox): how much of them has
   * gone up, from 0 to 1.
   */
  upload?: { sent: number };
  /** Why a send failed, for the UI. */
  error?: string;
  /**
   * When this device first handed this unconfirmed send to the backend. Only a message handed
   * over may be confirmed by matching its text (a backend that echoes no reference): the same
   * text from another device of mine, sent while this one was offline, is that device's message.
   */
  handedOverAt?: EpochMs;
  /**
   * When the backend accepted this send without returning the message (Virola): it is not posted
   * again, by this client or the next one (a reload, a new token), while its echo is awaited.
   */
  acceptedAt?: EpochMs;
  /** Protocol-specific extras (task fields, template attributes ...), never rendered as markup. */
  meta?: Record<string, unknown>;
}

/** Conversation lifecycle states across backends. */
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed' | 'archived' | 'active';

/** One conversation (room, space, topic ...). */
export interface Conversation {
  id: string;
  title?: string;
  status?: ConversationStatus;
  members?: Actor[];
  unreadCount?: number;
  lastActivityAt?: EpochMs;
  lastMessageId?: string;
  assignee?: Actor;
  muted?: boolean;
  pinned?: boolean;
  hidden?: boolean;
  /** When the other side last read, for read marks. */
  peerLastReadAt?: EpochMs;
  meta?: Record<string, unknown>;
}

/** Presence states. */
export type PresenceState = 'online' | 'offline' | 'busy' | 'idle';

/** A pending invitation into a conversation. */
export interface Invitation {
  conversationId: string;
  from?: Actor;
  title?: string;
  at?: EpochMs;
}
