/**
 * The store's state shape, and a draft that copies only what an update touches,
 * so selectors can compare slices by identity.
 */
import type { DisconnectReason } from './connection-terms.js';
import type { Actor, Conversation, Invitation, Message, PresenceState } from './model.js';
import { indexOfMessage, insertionIndex } from './order.js';
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

/**
 * Every stored message by conversation and id, and this device's unconfirmed sends on their own:
 * confirming a send, finding what the outbox must deliver and what the cache must keep never
 * scan a conversation (which can hold 100,000 messages).
 */
export class MessageIndex {
  private readonly byKey = new Map<string, Message>();
  private readonly unconfirmedByConversation = new Map<string, Map<string, Message>>();

  get(conversationId: string, id: string): Message | undefined {
    return this.byKey.get(messageKey(conversationId, id));
  }

  set(m: Message): void {
    this.byKey.set(messageKey(m.conversationId, m.id), m);
    if (!isUnconfirmed(m)) return;
    let local = this.unconfirmedByConversation.get(m.conversationId);
    if (!local) this.unconfirmedByConversation.set(m.conversationId, local = new Map());
    local.set(m.id, m);
  }

  delete(m: Message): void {
    this.byKey.delete(messageKey(m.conversationId, m.id));
    const local = this.unconfirmedByConversation.get(m.conversationId);
    if (local?.delete(m.id) && local.size === 0) this.unconfirmedByConversation.delete(m.conversationId);
  }

  clear(): void {
    this.byKey.clear();
    this.unconfirmedByConversation.clear();
  }

  /** This device's unconfirmed sends in one conversation, or in all, oldest first. */
  unconfirmed(conversationId?: string): Message[] {
    const maps = conversationId === undefined ? [...this.unconfirmedByConversation.values()]
      : [this.unconfirmedByConversation.get(conversationId) ?? new Map<string, Message>()];
    const out: Message[] = [];
    for (const map of maps) for (const m of map.values()) out.push(m);
    return out.sort((a, b) => a.createdAt - b.createdAt);
  }
}

/**
 * Copy-on-write working copy of a ChatState. Each map and each conversation's message list
 * is copied at most once per draft.
 */
export class Draft {
  readonly next: Mutable<ChatState>;
  private copied = new Set<string>();
  private copiedLists = new Set<string>();
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

  /** Store a conversation's new version. */
  setConversation(c: Conversation): void {
    this.persistent('conversations').set(c.id, c);
    this.touchedConversations.add(c.id);
  }

  /** Forget a conversation (its messages stay until `clearMessages`). */
  deleteConversation(id: string): void {
    this.persistent('conversations').delete(id);
    this.touchedConversations.add(id);
  }

  /** End this draft's writes: the maps it forked become immutable. */
  seal(): void {
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

  /** A writable copy of a conversation's message list. */
  list(conversationId: string): Message[] {
    const messages = this.persistent('messages');
    this.touchedConversations.add(conversationId);
    if (!this.copiedLists.has(conversationId)) {
      this.copiedLists.add(conversationId);
      messages.set(conversationId, [...(messages.get(conversationId) ?? [])]);
    }
    return messages.get(conversationId) as Message[];
  }

  /** The current stored copy of a message by conversation and id. */
  message(conversationId: string, id: string): Message | undefined {
    return this.index.get(conversationId, id);
  }

  /** This device's unconfirmed sends in a conversation, oldest first (no scan of the conversation). */
  unconfirmed(conversationId: string): Message[] {
    return this.index.unconfirmed(conversationId);
  }

  /** Insert a message in order (it must not be present). */
  insertMessage(m: Message): void {
    const list = this.list(m.conversationId);
    list.splice(insertionIndex(list, m), 0, m);
    this.index.set(m);
  }

  /** Remove a message by its stored copy. */
  removeMessage(m: Message): void {
    const list = this.list(m.conversationId);
    const i = indexOfMessage(list, m);
    if (i >= 0) list.splice(i, 1);
    this.index.delete(m);
  }

  /** Replace a stored message with a new version, moving it if its sort key changed. */
  replaceMessage(prev: Message, next: Message): void {
    const list = this.list(prev.conversationId);
    const i = indexOfMessage(list, prev);
    if (i >= 0 && prev.createdAt === next.createdAt && prev.seq === next.seq && prev.id === next.id
        && prev.conversationId === next.conversationId) {
      list[i] = next;
      this.index.set(next);
      return;
    }
    this.removeMessage(prev);
    this.insertMessage(next);
  }

  /** Drop a whole conversation's messages. */
  clearMessages(conversationId: string): void {
    const messages = this.persistent('messages');
    this.touchedConversations.add(conversationId);
    for (const m of messages.get(conversationId) ?? []) this.index.delete(m);
    messages.delete(conversationId);
    this.copiedLists.delete(conversationId);
  }
}

/** Key of a message in the store's index. */
export function messageKey(conversationId: string, id: string): string {
  return `${conversationId}\u0000${id}`;
}
