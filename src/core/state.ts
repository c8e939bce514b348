/**
 * The store's state shape, and a draft that copies only what an update touches,
 * so selectors can compare slices by identity.
 */
import type { DisconnectReason } from './connection-terms.js';
import type { Actor, Conversation, Invitation, Message, PresenceState } from './model.js';
import { compareMessages, indexOfMessage, insertionIndex, statusAbove } from './order.js';
import { PersistentMap } from './persistent-map.js';

/** Connection states. */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Someone typing in a conversation. */
export interface TypingEntry {
  actor: Actor;
  preview?: string;
  expiresAt: number;
}

/** Older-history paging state of one conversation. */
export interface HistoryState {
  hasMore: boolean;
  loading: boolean;
}

/** A listed conversation's place in the list: pinned first, then the latest activity, then the id. */
export interface ConversationRank {
  readonly id: string;
  readonly pinned: boolean;
  /** The later of the conversation's last activity and its last message, ms (0 when unknown). */
  readonly activity: number;
}

/** Everything a widget shows. Immutable: every change produces new objects for what changed. */
export interface ChatState {
  readonly selfId?: string;
  readonly selfName?: string;
  readonly status: ConnectionStatus;
  readonly statusReason?: DisconnectReason;
  readonly conversations: ReadonlyMap<string, Conversation>;
  /** Messages per conversation, sorted. */
  readonly messages: ReadonlyMap<string, readonly Message[]>;
  readonly typing: ReadonlyMap<string, readonly TypingEntry[]>;
  readonly presence: ReadonlyMap<string, PresenceState>;
  /** The presence scopes a complete list arrived for: there, whoever is not listed is offline. */
  readonly presenceKnown: readonly string[];
  readonly profiles: ReadonlyMap<string, Actor>;
  readonly preferences: ReadonlyMap<string, unknown>;
  readonly invitations: readonly Invitation[];
  readonly history: ReadonlyMap<string, HistoryState>;
  readonly activeConversation?: string;
  /** The conversations that are not hidden, in list order; kept in order as events arrive, not re-sorted. */
  readonly conversationOrder: readonly ConversationRank[];
  /** Sum of every conversation's unread count. */
  readonly unreadTotal: number;
  /** Whether the active thread is on screen (false while a launcher is closed). */
  readonly viewing: boolean;
}

/** A fresh, empty state. */
export function initialState(): ChatState {
  return {
    status: 'idle',
    conversations: PersistentMap.empty(),
    messages: PersistentMap.empty(),
    typing: new Map(),
    presence: new Map(),
    presenceKnown: [],
    profiles: new Map(),
    preferences: new Map(),
    invitations: [],
    history: new Map(),
    conversationOrder: [],
    unreadTotal: 0,
    viewing: true,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether a message is this device's unconfirmed send (its id is the local one). */
export function isUnconfirmed(m: Message): boolean {
  return m.id.startsWith('local:');
}

/** Whether a receipt may raise `m` to `status`: mine, settled on the server, not a tombstone, below it. */
export function mayRaiseTo(m: Message, status: 'delivered' | 'read'): boolean {
  return m.sender?.role === 'self' && !m.deleted && !isUnconfirmed(m) && statusAbove(m.status, status);
}

/** Messages of one conversation by id. */
type ById = Map<string, Message>;

/**
 * One conversation's messages by id, its unconfirmed sends, and the candidates a receipt may raise:
 * my settled messages below read, appended as stored (an array: cheaper than a map per message)
 * and pruned of stale copies and raised ones whenever a receipt walks them.
 */
class ConversationIndex {
  readonly all: ById = new Map();
  readonly unconfirmed: ById = new Map();
  private candidates: Message[] = [];

  set(m: Message): void {
    this.all.set(m.id, m);
    if (isUnconfirmed(m)) this.unconfirmed.set(m.id, m);
    else if (this.unconfirmed.size) this.unconfirmed.delete(m.id);
    if (mayRaiseTo(m, 'read')) this.candidates.push(m);
  }

  delete(m: Message): void {
    this.all.delete(m.id);
    this.unconfirmed.delete(m.id);
  }

  /** The stored messages a receipt could raise to `status`; the candidates keep only those still below read. */
  raisable(status: 'delivered' | 'read'): Message[] {
    const live = this.candidates.filter((m) => this.all.get(m.id) === m && mayRaiseTo(m, 'read'));
    this.candidates = live;
    return status === 'read' ? [...live] : live.filter((m) => mayRaiseTo(m, status));
  }
}

/**
 * Every stored message by conversation and id, with this device's unconfirmed sends and my
 * messages a receipt may still raise kept on the side. Confirming a send, applying a receipt,
 * finding what the outbox must deliver and what the cache must keep never scan a conversation
 * (which can hold 100,000 messages); a receipt touches only what it can raise.
 */
export class MessageIndex {
  private readonly conversations = new Map<string, ConversationIndex>();

  get(conversationId: string, id: string): Message | undefined {
    return this.conversations.get(conversationId)?.all.get(id);
  }

  set(m: Message): void {
    let c = this.conversations.get(m.conversationId);
    if (!c) this.conversations.set(m.conversationId, c = new ConversationIndex());
    c.set(m);
  }

  delete(m: Message): void {
    this.conversations.get(m.conversationId)?.delete(m);
  }

  /** Forget one conversation's messages. */
  deleteConversation(conversationId: string): void {
    this.conversations.delete(conversationId);
  }

  clear(): void {
    this.conversations.clear();
  }

  /** This device's unconfirmed sends in one conversation, or in all, oldest first. */
  unconfirmed(conversationId?: string): Message[] {
    const out: Message[] = [];
    const held = conversationId === undefined ? [...this.conversations.values()] : [this.conversations.get(conversationId)];
    for (const c of held) if (c) for (const m of c.unconfirmed.values()) out.push(m);
    return out.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** My messages in a conversation that a receipt could still raise to `status` (a copy: safe to replace them while iterating). */
  raisable(conversationId: string, status: 'delivered' | 'read'): Message[] {
    return this.conversations.get(conversationId)?.raisable(status) ?? [];
  }
}

/** A list shorter than this takes an out-of-order message in place (a short copy); a longer one sorts once instead. */
const SPLICE_LIMIT = 512;

/**
 * Copy-on-write working copy of a ChatState. Each map and each conversation's message list
 * is copied at most once per draft.
 */
export class Draft {
  readonly next: Mutable<ChatState>;
  private copied = new Set<string>();
  private copiedLists = new Set<string>();
  /** Conversation objects this draft created: not yet seen by any reader. */
  private readonly ownConversations = new Set<Conversation>();
  /** Lists this draft appended to out of order: sorted once, before their order is read. */
  private readonly unsortedLists = new Set<string>();
  /** Conversations whose entry or message list this draft changed: their list place may have moved. */
  readonly touchedConversations = new Set<string>();
  changed = false;

  constructor(readonly base: ChatState, private readonly index: MessageIndex) {
    this.next = { ...base };
  }

  /** A writable copy of one of the state's maps (conversations and messages change through their own methods). */
  map<K extends 'typing' | 'presence' | 'profiles' | 'preferences' | 'history'>(
    key: K,
  ): Map<string, ChatState[K] extends ReadonlyMap<string, infer V> ? V : never> {
    return this.writable(key);
  }

  /** Store a conversation's new version (a new object: this draft may write it in place until sealed). */
  setConversation(c: Conversation): void {
    this.persistent('conversations').set(c.id, c);
    this.touchedConversations.add(c.id);
    this.ownConversations.add(c);
  }

  /**
   * A conversation this draft stored, writable in place (a burst of messages into one conversation
   * copies it once, not once per message); undefined when it is the base state's, to be copied.
   */
  ownConversation(id: string): Mutable<Conversation> | undefined {
    const c = this.next.conversations.get(id);
    if (!c || !this.ownConversations.has(c)) return undefined;
    this.touchedConversations.add(id);
    return c;
  }

  /** Forget a conversation (its messages stay until `clearMessages`). */
  deleteConversation(id: string): void {
    this.persistent('conversations').delete(id);
    this.touchedConversations.add(id);
  }

  /** End this draft's writes: the maps it forked become immutable. */
  seal(): void {
    this.sortLists();
    for (const key of ['conversations', 'messages'] as const) {
      const map = this.next[key];
      if (this.copied.has(key) && map instanceof PersistentMap) map.seal();
    }
  }

  /**
   * A writable next version of the conversations or messages: these can hold 100,000 entries, so a
   * change copies one chunk of them, not the whole map.
   */
  private persistent<K extends 'conversations' | 'messages'>(key: K): PersistentMap<ChatState[K] extends ReadonlyMap<string, infer V> ? V : never> {
    type V = ChatState[K] extends ReadonlyMap<string, infer T> ? T : never;
    this.changed = true;
    if (!this.copied.has(key)) {
      this.copied.add(key);
      const base = this.base[key] as ReadonlyMap<string, V>;
      (this.next as Record<string, unknown>)[key] = (base instanceof PersistentMap ? base : PersistentMap.from(base)).fork();
    }
    return this.next[key] as unknown as PersistentMap<V>;
  }

  private writable<K extends 'typing' | 'presence' | 'profiles' | 'preferences' | 'history'>(
    key: K,
  ): Map<string, ChatState[K] extends ReadonlyMap<string, infer V> ? V : never> {
    this.changed = true;
    if (!this.copied.has(key)) {
      this.copied.add(key);
      (this.next as Record<string, unknown>)[key] = new Map(this.base[key] as ReadonlyMap<string, unknown>);
    }
    return this.next[key] as unknown as Map<string, ChatState[K] extends ReadonlyMap<string, infer V> ? V : never>;
  }

  /** Set a scalar field. */
  set<K extends keyof ChatState>(key: K, value: ChatState[K]): void {
    if (this.next[key] === value) return;
    this.changed = true;
    this.next[key] = value;
  }

  /** A writable copy of a conversation's message list (it may be out of order until `sortLists`). */
  private list(conversationId: string): Message[] {
    const messages = this.persistent('messages');
    this.touchedConversations.add(conversationId);
    if (!this.copiedLists.has(conversationId)) {
      this.copiedLists.add(conversationId);
      messages.set(conversationId, [...(messages.get(conversationId) ?? [])]);
    }
    return messages.get(conversationId) as Message[];
  }

  /** A writable copy of a conversation's message list, in order. */
  private sortedList(conversationId: string): Message[] {
    const list = this.list(conversationId);
    if (this.unsortedLists.delete(conversationId)) list.sort(compareMessages);
    return list;
  }

  /** Put every list this draft appended to out of order back in order (one sort each, not a splice per message). */
  sortLists(): void {
    for (const cid of this.unsortedLists) this.sortedList(cid);
  }

  /** The current stored copy of a message by conversation and id. */
  message(conversationId: string, id: string): Message | undefined {
    return this.index.get(conversationId, id);
  }

  /** This device's unconfirmed sends in a conversation, oldest first (no scan of the conversation). */
  unconfirmed(conversationId: string): Message[] {
    return this.index.unconfirmed(conversationId);
  }

  /** My messages in a conversation a receipt could raise to `status` (no scan of the conversation). */
  raisable(conversationId: string, status: 'delivered' | 'read'): Message[] {
    return this.index.raisable(conversationId, status);
  }

  /**
   * Insert a message (it must not be present). One that sorts last is appended; one that belongs
   * earlier in a long list is appended too and the list is sorted once before anything needs its
   * order, so a page of older history costs one sort, not a splice (a copy of the list) per message.
   */
  insertMessage(m: Message): void {
    const list = this.list(m.conversationId);
    this.index.set(m);
    const last = list[list.length - 1];
    if (!last || this.unsortedLists.has(m.conversationId) || compareMessages(last, m) <= 0) {
      list.push(m);
      return;
    }
    if (list.length < SPLICE_LIMIT) list.splice(insertionIndex(list, m), 0, m);
    else {
      list.push(m);
      this.unsortedLists.add(m.conversationId);
    }
  }

  /** Remove a message by its stored copy. */
  removeMessage(m: Message): void {
    const list = this.sortedList(m.conversationId);
    const i = indexOfMessage(list, m);
    if (i >= 0) list.splice(i, 1);
    this.index.delete(m);
  }

  /** Replace a stored message with a new version, moving it if its sort key changed. */
  replaceMessage(prev: Message, next: Message): void {
    if (prev.createdAt === next.createdAt && prev.seq === next.seq && prev.id === next.id && prev.conversationId === next.conversationId) {
      const list = this.list(prev.conversationId);
      // Out of order, the list is searched from its end (where a burst's changes land); in order, by its key.
      const i = this.unsortedLists.has(prev.conversationId) ? list.lastIndexOf(prev) : indexOfMessage(list, prev);
      if (i >= 0) {
        list[i] = next;
        this.index.set(next);
        return;
      }
    }
    this.removeMessage(prev);
    this.insertMessage(next);
  }

  /** Drop a whole conversation's messages. */
  clearMessages(conversationId: string): void {
    const messages = this.persistent('messages');
    this.touchedConversations.add(conversationId);
    this.index.deleteConversation(conversationId);
    messages.delete(conversationId);
    this.copiedLists.delete(conversationId);
    this.unsortedLists.delete(conversationId);
  }
}

/** Key of a message in the store's index. */
export function messageKey(conversationId: string, id: string): string {
  return `${conversationId}\u0000${id}`;
}
