/**
 * The store: one object per widget. `apply(events)` reduces normalized events into immutable state;
 * subscribers hear about it at most once per animation frame.
 */
import type { ChatEvent, ChatEventOf, MessagePatch } from './events.js';
import type { Message, PresenceState } from './model.js';
import type { DisconnectReason } from './connection-terms.js';
import {
  aiChunk, furthest, isStale, markOf, messageCreated, messageDeleted, messageUpdated, pendingId, readByMarks, receipt, type ReadMark,
} from './reduce-messages.js';
import { clearUnread, patchConversation, removeConversation, reorderConversations, stopTyping, touchConversation } from './reduce-conversations.js';
import { Draft, MessageIndex, initialState, messageKey, type ChatState, type ConnectionStatus } from './state.js';

export type { ChatState, ConnectionStatus, ConversationRank, TypingEntry, HistoryState } from './state.js';
export { pendingId } from './reduce-messages.js';

/** Schedules a callback for the next frame. */
export type FrameScheduler = (cb: () => void) => void;

const defaultFrame: FrameScheduler = (cb) => {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (raf) raf(cb);
  else setTimeout(cb, 16);
};

/** Options of a store. */
export interface StoreOptions {
  /** How to wait for the next frame (tests pass a synchronous or manual one). */
  frame?: FrameScheduler;
  now?: () => number;
}

/** Updates held for messages not here yet, at most; the oldest is dropped first. */
const MAX_HELD_UPDATES = 2_000;

/** The store. */
export class ChatStore {
  private state: ChatState = initialState();
  private readonly index = new MessageIndex();
  /** Updates for messages not held yet, by message, oldest first (at most MAX_HELD_UPDATES). */
  private readonly heldUpdates = new Map<string, MessagePatch>();
  /** Read receipts naming a message not held yet, per conversation and reader (the latest wins). */
  private readonly heldReceipts = new Map<string, ChatEventOf<'receipt.read'>>();
  /**
   * How far each reader has read, by conversation then reader (receipts up to a message or a time):
   * messages of mine that arrive later (older pages, catch-up) and are covered come in read.
   */
  private readonly readMarks = new Map<string, Map<string, ReadMark>>();
  private readonly listeners = new Set<(state: ChatState) => void>();
  private readonly messageListeners = new Set<(message: Message) => void>();
  private scheduled = false;
  /** Events to apply at the next frame (see `queue`). */
  private queued: ChatEvent[] = [];
  private readonly frame: FrameScheduler;
  private readonly now: () => number;

  constructor(opts: StoreOptions = {}) {
    this.frame = opts.frame ?? defaultFrame;
    this.now = opts.now ?? Date.now;
  }

  /** The current state (events queued for the next frame are applied first). */
  getState(): ChatState {
    this.drain();
    return this.state;
  }

  /** Listen for state changes (batched per frame). Returns the unsubscribe function. */
  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listen for newly arrived messages (not confirmations of my own sends, not replays). */
  onMessage(listener: (message: Message) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Apply a batch of events now (after any queued ones). */
  apply(events: readonly ChatEvent[]): void {
    this.drain();
    this.applyNow(events);
  }

  /**
   * Apply events at the next frame, together with every other event queued before it: a burst of
   * live frames costs one update (one copy of each list it touches) per frame, not one per event.
   * Anything that reads the store first (getState, a lookup, a local change) applies them then, so
   * no reader ever sees the store without them.
   */
  queue(events: readonly ChatEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) this.queued.push(e);
    this.schedule();
  }

  /** Apply the queued events now. */
  private drain(): void {
    if (this.queued.length === 0) return;
    const events = this.queued;
    this.queued = [];
    this.applyNow(events);
  }

  private applyNow(events: readonly ChatEvent[]): void {
    if (events.length === 0) return;
    const arrived: Message[] = [];
    this.update((d) => {
      for (const e of events) {
        const m = this.reduce(d, e);
        if (m) arrived.push(m);
      }
    });
    for (const m of arrived) for (const l of this.messageListeners) l(m);
  }

  /** Notify subscribers now instead of at the next frame (tests, teardown). */
  flush(): void {
    this.drain();
    this.scheduled = false;
    for (const l of [...this.listeners]) l(this.state);
  }

  // ---- local changes (the connection and the UI) ----

  /** Forget everything (a new backend, server or user). Subscribers are notified. */
  reset(): void {
    this.queued = []; // what the old backend, server or user sent is forgotten with the rest
    this.index.clear();
    this.heldReceipts.clear();
    this.readMarks.clear();
    this.heldUpdates.clear();
    const viewing = this.state.viewing; // whether the thread is on screen belongs to the page, not to the backend
    this.update((d) => {
      d.changed = true;
      const next = d.next as Record<string, unknown>;
      for (const key of Object.keys(next)) delete next[key]; // optional fields too (selfId, activeConversation ...)
      Object.assign(next, initialState(), { viewing });
    });
  }

  /** Enter an optimistic message as `pending`. */
  addPending(m: Omit<Message, 'id' | 'status'> & { clientRef: string }): Message {
    const message: Message = { ...m, id: pendingId(m.clientRef), status: 'pending' };
    this.update((d) => {
      if (!d.message(m.conversationId, message.id)) d.insertMessage(message);
    });
    return message;
  }

  /** Mark an optimistic message failed (stays visible, with the reason) or pending again (retry). */
  setPendingState(conversationId: string, clientRef: string, status: 'pending' | 'failed', error?: string): void {
    this.update((d) => {
      const m = d.message(conversationId, pendingId(clientRef));
      if (m && m.status !== status) d.replaceMessage(m, { ...m, status, error: status === 'failed' ? error : undefined });
    });
  }

  /** How much of an unconfirmed send's files has gone up (0 to 1). */
  setUploadProgress(conversationId: string, clientRef: string, sent: number): void {
    this.update((d) => {
      const m = d.message(conversationId, pendingId(clientRef));
      if (m?.upload && m.upload.sent !== sent) d.replaceMessage(m, { ...m, upload: { sent } });
    });
  }

  /** Note that the outbox handed this unconfirmed send to the backend (once; the first time counts). */
  markHandedOver(conversationId: string, clientRef: string): void {
    this.update((d) => {
      const m = d.message(conversationId, pendingId(clientRef));
      if (m && m.handedOverAt === undefined) d.replaceMessage(m, { ...m, handedOverAt: this.now() });
    });
  }

  /** Note that the backend accepted this unconfirmed send and its echo is awaited: it is not posted again. */
  markAccepted(conversationId: string, clientRef: string): void {
    this.update((d) => {
      const m = d.message(conversationId, pendingId(clientRef));
      if (m && m.acceptedAt === undefined) d.replaceMessage(m, { ...m, acceptedAt: this.now() });
    });
  }

  /** Remove an optimistic message (discard). */
  discardPending(conversationId: string, clientRef: string): void {
    this.update((d) => {
      const m = d.message(conversationId, pendingId(clientRef));
      if (m) d.removeMessage(m);
    });
  }

  /** Messages still waiting to be sent, oldest first. */
  pendingMessages(): Message[] {
    this.drain();
    return this.index.unconfirmed().filter((m) => m.status === 'pending');
  }

  /** This device's sends not yet confirmed (pending or failed), oldest first; in one conversation when given. */
  unconfirmedMessages(conversationId?: string): Message[] {
    this.drain();
    return this.index.unconfirmed(conversationId);
  }

  /** The stored copy of a message, by its id (an index lookup, no scan). */
  findMessage(conversationId: string, id: string): Message | undefined {
    this.drain();
    return this.index.get(conversationId, id);
  }

  /** Connection status, with the reason of the last disconnect. */
  setStatus(status: ConnectionStatus, reason?: DisconnectReason): void {
    this.update((d) => { d.set('status', status); d.set('statusReason', reason); });
  }

  /** Who "me" is. */
  setSelf(id: string | undefined, name?: string): void {
    this.update((d) => { d.set('selfId', id); if (name !== undefined) d.set('selfName', name); });
  }

  /** The open conversation, and whether it is on screen; viewing it clears its unread count. */
  setActive(conversationId: string | undefined, viewing = this.state.viewing): void {
    this.update((d) => {
      d.set('activeConversation', conversationId);
      d.set('viewing', viewing);
      if (conversationId && viewing) clearUnread(d, conversationId);
    });
  }

  /** Older-history paging state. */
  setHistory(conversationId: string, hasMore: boolean, loading: boolean): void {
    this.update((d) => { d.map('history').set(conversationId, { hasMore, loading }); });
  }

  /** Drop typing entries whose time is up. Returns the next expiry, if any. */
  expireTyping(now = this.now()): number | undefined {
    let next: number | undefined;
    this.update((d) => {
      for (const [cid, entries] of this.state.typing) {
        const live = entries.filter((t) => t.expiresAt > now);
        if (live.length !== entries.length) {
          if (live.length) d.map('typing').set(cid, live);
          else d.map('typing').delete(cid);
        }
        for (const t of live) next = next === undefined ? t.expiresAt : Math.min(next, t.expiresAt);
      }
    });
    return next;
  }

  // ---- internals ----

  private update(fn: (d: Draft) => void): void {
    this.drain(); // a local change comes after the events queued before it
    const d = new Draft(this.state, this.index);
    fn(d);
    d.sortLists();
    reorderConversations(d); // the list order moves only what this update touched
    d.seal();
    if (!d.changed) return;
    this.state = d.next;
    this.schedule();
  }

  /** Notify subscribers (and apply queued events) at the next frame, once. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.frame(() => { if (this.scheduled) this.flush(); });
  }




  /** Keep an update for a message not held yet; a later one for the same message merges over it. */
  private holdUpdate(patch: MessagePatch): void {
    const key = messageKey(patch.conversationId, patch.id);
    const held = this.heldUpdates.get(key);
    if (held && isStale(held, patch)) return;
    this.heldUpdates.delete(key); // re-inserted last: the oldest held is the first to go
    this.heldUpdates.set(key, held ? { ...held, ...patch } : patch);
    if (this.heldUpdates.size > MAX_HELD_UPDATES) this.heldUpdates.delete(this.heldUpdates.keys().next().value as string);
  }

  /** The update held for `m`, if any, applies now that the message is here. */
  private releaseUpdate(d: Draft, m: { conversationId: string; id: string }): void {
    if (!this.heldUpdates.size) return;
    const key = messageKey(m.conversationId, m.id);
    const held = this.heldUpdates.get(key);
    if (!held || !d.message(m.conversationId, m.id)) return;
    this.heldUpdates.delete(key);
    messageUpdated(d, { type: 'message.updated', conversationId: m.conversationId, message: held });
  }

  /** `m` is here: the read marks that cover it raise it, and receipts held for it (they named it before it arrived) apply now. */
  private receiptsFor(d: Draft, m: { conversationId: string; id: string }): void {
    const marks = this.readMarks.get(m.conversationId);
    if (marks) readByMarks(d, m, marks.values());
    if (!this.heldReceipts.size || !d.message(m.conversationId, m.id)) return;
    for (const [key, held] of this.heldReceipts) {
      if (held.conversationId !== m.conversationId || held.upToMessageId !== m.id) continue;
      this.heldReceipts.delete(key);
      this.read(d, held);
    }
  }

  /** Apply a read receipt, and move its reader's read mark on (see `readMarks`). */
  private read(d: Draft, e: ChatEventOf<'receipt.read'>): void {
    receipt(d, e);
    const mark = e.reader.role === 'self' ? undefined : markOf(d, e);
    if (!mark) return;
    let marks = this.readMarks.get(e.conversationId);
    if (!marks) this.readMarks.set(e.conversationId, marks = new Map());
    marks.set(e.reader.id, furthest(marks.get(e.reader.id), mark));
  }

  /** Reduce one event; returns a newly arrived message, if any. */
  private reduce(d: Draft, e: ChatEvent): Message | undefined {
    switch (e.type) {
      case 'message.created': {
        const arrived = messageCreated(d, e);
        this.releaseUpdate(d, e.message);
        this.receiptsFor(d, e.message);
        const m = e.message;
        const fresh = e.origin === 'live' || e.origin === 'missed' || e.origin === undefined;
        // Unread counts only what came from the backend just now (live, or missed while cut off).
        touchConversation(d, m, arrived !== undefined && (e.origin === 'live' || e.origin === 'missed'));
        stopTyping(d, m.conversationId, m.sender?.id);
        return fresh ? arrived : undefined; // history has not just arrived
      }
      case 'message.updated':
        // A message not here yet: the update waits for it and applies when it comes.
        if (messageUpdated(d, e)) this.receiptsFor(d, e.message);
        else this.holdUpdate(e.message);
        return undefined;
      case 'message.deleted':
        if (e.messageIds === 'all' && e.scope === 'everyone') { if (d.next.messages.has(e.conversationId)) d.clearMessages(e.conversationId); }
        else messageDeleted(d, e);
        return undefined;
      case 'receipt.read':
        // Read up to a message not here yet (it is on its way, or a page away): apply it when it comes.
        // (One that also says when, or which messages, applies now by that.)
        if (e.upToMessageId !== undefined && e.at === undefined && !e.messageIds && !d.message(e.conversationId, e.upToMessageId)) {
          this.heldReceipts.set(`${e.conversationId}\n${e.reader.id}`, e);
          return undefined;
        }
        this.read(d, e);
        return undefined;
      case 'receipt.delivered': receipt(d, e); return undefined;
      case 'ai.stream.chunk': {
        const started = aiChunk(d, e, this.now());
        if (started) touchConversation(d, started, false); // later chunks (and late ones) leave the conversation as is
        return undefined;
      }
      case 'conversation.created': patchConversation(d, e.conversation); return undefined;
      case 'conversation.updated': patchConversation(d, e.conversation); return undefined;
      case 'conversation.deleted': removeConversation(d, e.conversationId); return undefined;
      case 'conversation.restored': patchConversation(d, { id: e.conversationId }); return undefined;
      case 'participant.joined': {
        const c = d.next.conversations.get(e.conversationId);
        const members = (c?.members ?? []).filter((a) => a.id !== e.participant.id);
        patchConversation(d, { id: e.conversationId, members: [...members, e.participant] });
        return undefined;
      }
      case 'participant.left': {
        if (e.isSelf) { removeConversation(d, e.conversationId); return undefined; }
        const c = d.next.conversations.get(e.conversationId);
        if (c?.members) patchConversation(d, { id: c.id, members: c.members.filter((a) => a.id !== e.participantId) });
        return undefined;
      }
      case 'typing.started': {
        if (e.actor.role === 'self') return undefined;
        const entries = (d.next.typing.get(e.conversationId) ?? []).filter((t) => t.actor.id !== e.actor.id);
        d.map('typing').set(e.conversationId, [...entries, { actor: e.actor, preview: e.preview, expiresAt: e.expiresAt }]);
        return undefined;
      }
      case 'typing.stopped': stopTyping(d, e.conversationId, e.actorId); return undefined;
      case 'unread.changed':
        patchConversation(d, { id: e.conversationId, unreadCount: e.unreadCount });
        return undefined;
      case 'presence.changed': {
        for (const [k, v] of Object.entries(e.statuses)) {
          if (d.next.presence.get(`${e.scope}:${k}`) !== v) d.map('presence').set(`${e.scope}:${k}`, v);
        }
        if (e.complete) {
          markOthersOffline(d, e.scope, e.statuses);
          if (!d.next.presenceKnown.includes(e.scope)) d.set('presenceKnown', [...d.next.presenceKnown, e.scope]);
        }
        return undefined;
      }
      case 'profile.updated':
        if (!sameJson(d.next.profiles.get(e.profile.id), e.profile)) d.map('profiles').set(e.profile.id, e.profile);
        return undefined;
      case 'preference.updated': {
        const key = `${e.scope}:${e.key ?? ''}`;
        if (e.deleted) { if (d.next.preferences.has(key)) d.map('preferences').delete(key); }
        else if (!d.next.preferences.has(key) || !sameJson(d.next.preferences.get(key), e.value)) d.map('preferences').set(key, e.value);
        return undefined;
      }
      case 'invitation': {
        const prev = d.next.invitations.find((i) => i.conversationId === e.invitation.conversationId);
        if (e.cancelled ? !prev : sameJson(prev, e.invitation)) return undefined; // a replay
        const rest = d.next.invitations.filter((i) => i !== prev);
        d.set('invitations', e.cancelled ? rest : [...rest, e.invitation]);
        return undefined;
      }
      case 'identity.changed': d.set('selfId', e.selfId); if (e.name) d.set('selfName', e.name); return undefined;
      case 'resync.required': case 'unknown': return undefined;
    }
  }


}

/** A complete presence list for `scope`: whoever the store holds there and the list lacks went offline. */
function markOthersOffline(d: Draft, scope: string, online: Record<string, PresenceState>): void {
  const prefix = `${scope}:`;
  for (const [key, state] of d.next.presence) {
    if (key.startsWith(prefix) && state !== 'offline' && !Object.hasOwn(online, key.slice(prefix.length))) d.map('presence').set(key, 'offline');
  }
}

/** Structural equality of plain wire values (a replayed profile, preference or invitation). */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
