/**
 * The normalized event union: what every codec produces and the store consumes.
 */
import type {
  Actor, Conversation, EpochMs, Invitation, Message, PresenceState,
} from './model.js';

/** Fields every event carries. */
export interface EventEnvelope {
  /** Conversation the event belongs to, when it belongs to one. */
  conversationId?: string;
  /**
   * `live` from the socket; `missed`: fetched after a reconnect, new to the user (announced and
   * counted unread like live ones); `backfill`: history (initial sync, older pages);
   * `cache`: local persistence.
   */
  origin?: 'live' | 'missed' | 'backfill' | 'cache';
  /** Wire name the event came from, for debugging. */
  wireName?: string;
  /** The raw decoded frame, for debugging. Never rendered. */
  raw?: unknown;
}

/** A cursor that lets an adapter resume where it stopped. */
export type SyncCursor =
  | { kind: 'sequence'; conversationId: string; value: number }
  | { kind: 'messageId'; conversationId: string; value: string }
  | { kind: 'time'; conversationId?: string; value: EpochMs };

/** Partial message used by updates: `id` and `conversationId` are required. */
export type MessagePatch = Partial<Message> & { id: string; conversationId: string };

/** Partial conversation used by updates. */
export type ConversationPatch = Partial<Conversation> & { id: string };

/** The union. */
export type ChatEvent = EventEnvelope & (
  | { type: 'message.created'; message: Message }
  | { type: 'message.updated'; message: MessagePatch }
  | { type: 'message.deleted'; conversationId: string; messageIds: string[] | 'all'; scope: 'everyone' | 'self' }
  | { type: 'conversation.created'; conversation: Conversation }
  | { type: 'conversation.updated'; conversation: ConversationPatch }
  | { type: 'conversation.deleted'; conversationId: string }
  | { type: 'conversation.restored'; conversationId: string }
  | { type: 'participant.joined'; conversationId: string; participant: Actor; roleInConversation?: string }
  | { type: 'participant.left'; conversationId: string; participantId: string; isSelf: boolean }
  | { type: 'typing.started'; conversationId: string; actor: Actor; preview?: string; expiresAt: EpochMs }
  | { type: 'typing.stopped'; conversationId: string; actorId: string }
  /** With only an `upToMessageId` the store does not hold yet, the receipt waits for that message (one per reader). */
  | { type: 'receipt.read'; conversationId: string; reader: Actor; upToMessageId?: string; messageIds?: string[]; at?: EpochMs }
  | { type: 'receipt.delivered'; conversationId: string; reader: Actor; messageIds?: string[]; at?: EpochMs }
  | { type: 'unread.changed'; conversationId: string; unreadCount: number; lastReadAt?: EpochMs }
  /** `complete`: `statuses` lists everyone online in the scope; anyone else the store holds there went offline. */
  | { type: 'presence.changed'; statuses: Record<string, PresenceState>; scope: 'agents' | 'contacts' | 'members'; complete?: boolean }
  | { type: 'profile.updated'; profile: Actor & { data?: unknown } }
  | { type: 'preference.updated'; scope: 'conversation' | 'user'; key?: string; value?: unknown; deleted?: boolean }
  | { type: 'ai.stream.chunk'; conversationId: string; messageId: string; sender?: Actor; delta: string; at?: EpochMs }
  | { type: 'invitation'; invitation: Invitation; cancelled?: boolean }
  | { type: 'identity.changed'; selfId: string; name?: string }
  | { type: 'resync.required'; reason: 'gap' | 'reconnect' | 'identity-changed' | 'purge'; cursor?: SyncCursor }
  | { type: 'unknown' }
);

/** Narrow the union by `type`. */
export type ChatEventOf<T extends ChatEvent['type']> = Extract<ChatEvent, { type: T }>;
