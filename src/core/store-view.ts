/**
 * What a protocol may know of the store: a narrow, read-only view core computes from its state
 * (who I am, the conversations and their members, which messages are held and where a catch-up
 * must resume, this device's unsent messages), never the state itself. The store's own work
 * (confirming sends, holding receipts, presence snapshots) stays in the store.
 */
import type { Actor, EpochMs, Message, PresenceState } from './model.js';
import { compareIds } from './order.js';
import { mayConfirmByText } from './reduce-messages.js';
import { isUnconfirmed, type ChatState } from './state.js';

/** What a catch-up reads of one held message. */
export interface HeldMessage {
  readonly id: string;
  readonly createdAt: EpochMs;
  /** The later of `updatedAt` and `version` when they are times, else `createdAt`. */
  readonly changedAt: EpochMs;
  readonly seq?: number;
  readonly threadParentId?: string;
  readonly deleted: boolean;
  readonly streaming: boolean;
  readonly mine: boolean;
  /** The protocol's own fields of the message (as its decoder wrote them). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The range of a conversation's held messages (confirmed ones only). */
export interface HeldRange {
  /** Oldest creation time. */
  readonly oldest: EpochMs;
  /** Newest change (creation, update or version time). */
  readonly newest: EpochMs;
  /** The greatest message id, compared as ids (numeric when both are). */
  readonly greatestId: string;
  readonly count: number;
}

/** A protocol's view of the store. */
export interface StoreView {
  /** Who I am, once the backend said. */
  readonly selfId: string | undefined;
  readonly selfName: string | undefined;
  /** Ids of the conversations the store holds. */
  conversationIds(): string[];
  hasConversation(id: string): boolean;
  /** A conversation's members, when known. */
  members(conversationId: string): readonly Actor[] | undefined;
  /** A profile's name, when known. */
  profileName(id: string): string | undefined;
  /** The presence the store holds in one scope, by id. */
  presence(scope: string): ReadonlyMap<string, PresenceState>;
  /** Whether a message (confirmed or not) is held. */
  hasMessage(conversationId: string, messageId: string): boolean;
  /** Whether a held message is still being streamed (an AI answer). */
  isStreaming(conversationId: string, messageId: string): boolean;
  /** The confirmed messages held in a conversation, in thread order. */
  held(conversationId: string): readonly HeldMessage[];
  /** The range of the confirmed messages held, undefined when none. */
  heldRange(conversationId: string): HeldRange | undefined;
  /** This device's unconfirmed sends in a conversation (pending or failed), oldest first. */
  unconfirmedSends(conversationId: string): readonly Message[];
  /**
   * The unconfirmed send that `incoming` (a fetched message of mine carrying no client ref) may
   * be the server's copy of, as the store itself would match it: the oldest handed over with the
   * same text (`sameText`, default trimmed equality) and not dated before it was written, skipping
   * the client refs in `taken` (claimed already by another fetched message).
   */
  confirmableSend(incoming: Message, sameText?: (mine: string, theirs: string) => boolean, taken?: ReadonlySet<string>): Message | undefined;
}

/** A HeldMessage of a stored message. */
function heldOf(m: Message, selfId: string | undefined): HeldMessage {
  const held: { -readonly [K in keyof HeldMessage]: HeldMessage[K] } = {
    id: m.id, createdAt: m.createdAt, changedAt: Math.max(m.createdAt, m.updatedAt ?? -Infinity, m.version ?? -Infinity), deleted: m.deleted === true, streaming: m.streaming === true,
    mine: m.sender?.role === 'self' || (selfId !== undefined && m.sender?.id === selfId),
  };
  if (m.seq !== undefined) held.seq = m.seq;
  if (m.threadParentId !== undefined) held.threadParentId = m.threadParentId;
  if (m.meta !== undefined) held.meta = m.meta;
  return held;
}

/** What the view reads of a store (a ChatStore is one): its state and its index (lookups that never scan a conversation). */
export interface ViewSource {
  getState(): ChatState;
  /** The stored copy of a message, through the store's index. */
  findMessage(conversationId: string, id: string): Message | undefined;
  /** This device's unconfirmed sends in a conversation, oldest first. */
  unconfirmedMessages(conversationId: string): Message[];
}

/** The view over a store. */
export function storeView(source: ViewSource): StoreView {
  const state = () => source.getState();
  const messagesOf = (cid: string) => state().messages.get(cid) ?? [];
  return {
    get selfId() { return state().selfId; },
    get selfName() { return state().selfName; },
    conversationIds: () => [...state().conversations.keys()],
    hasConversation: (id) => state().conversations.has(id),
    members: (cid) => state().conversations.get(cid)?.members,
    profileName: (id) => state().profiles.get(id)?.name,
    presence(scope) {
      const out = new Map<string, PresenceState>();
      const prefix = `${scope}:`;
      for (const [key, value] of state().presence) if (key.startsWith(prefix)) out.set(key.slice(prefix.length), value);
      return out;
    },
    hasMessage: (cid, id) => source.findMessage(cid, id) !== undefined,
    isStreaming: (cid, id) => source.findMessage(cid, id)?.streaming === true,
    held(cid) {
      // Derived on each call, not kept: a kept copy would cost a long history's heap as much again.
      const selfId = state().selfId;
      const out: HeldMessage[] = [];
      for (const m of messagesOf(cid)) if (!isUnconfirmed(m)) out.push(heldOf(m, selfId));
      return out;
    },
    heldRange(cid) {
      let range: { oldest: number; newest: number; greatestId: string; count: number } | undefined;
      for (const m of messagesOf(cid)) {
        if (isUnconfirmed(m)) continue;
        const changed = Math.max(m.createdAt, m.updatedAt ?? -Infinity, m.version ?? -Infinity);
        if (!range) range = { oldest: m.createdAt, newest: changed, greatestId: m.id, count: 1 };
        else {
          range.oldest = Math.min(range.oldest, m.createdAt);
          range.newest = Math.max(range.newest, changed);
          if (compareIds(m.id, range.greatestId) > 0) range.greatestId = m.id;
          range.count++;
        }
      }
      return range;
    },
    unconfirmedSends: (cid) => source.unconfirmedMessages(cid),
    confirmableSend: (incoming, sameText, taken) => source.unconfirmedMessages(incoming.conversationId)
      .find((m) => m.clientRef !== undefined && !taken?.has(m.clientRef) && mayConfirmByText(m, incoming, sameText)),
  };
}
