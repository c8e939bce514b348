/**
 * The headless client: a store, a connection and the user's actions, without any element.
 *
 * ```ts
 * const client = createChatClient({ protocol: 'chatwoot', url, options: { inboxIdentifier } });
 * client.store.subscribe((state) => render(state));
 * client.connect();
 * client.send('hello');
 * ```
 */
import type { Command } from './commands.js';
import type { ChatEvent } from './events.js';
import { ChatCache, cacheKey, closeGaps, heldAsUnchecked, selfOutboxKey, type UncheckedMessages } from './cache.js';
import { Connection } from './connection.js';
import { ParleyError, credentialsOf, messageOf, redactError, redactText } from './errors.js';
import { memoryStore } from './kv.js';
import { platformNetwork } from './network.js';
import { Outbox } from './outbox.js';
import type { ConnectOptions, DisconnectReason } from './protocol.js';
import { ChatStore, type ConnectionStatus } from './store.js';
import { isUnconfirmed, type TypingEntry } from './state.js';
import { OwnedScheduler, globalTimers } from './timers.js';
import type { ChatClient, ChatClientOptions } from './client-types.js';
import { localAttachment, type OutgoingFile } from './uploads.js';

/** A connect attempt not done by then is given up (`timeout`) and retried with backoff, ms. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** A restore from storage not done by then is given up: chat goes on without the cache, ms. */
export const DEFAULT_RESTORE_TIMEOUT_MS = 2_000;
/** A connection open this long restarts the backoff from its first step, ms. */
const STABLE_AFTER_MS = 10_000;

export type { ChatClient, ChatClientOptions, SendOptions } from './client-types.js';

function newRef(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/** Create a headless chat client. Call `connect()` to start. */
export function createChatClient(opts: ChatClientOptions): ChatClient {
  const scheduler = new OwnedScheduler(opts.timers ?? globalTimers);
  const store = opts.store ?? new ChatStore({ frame: opts.frame, now: () => scheduler.now() });
  const errorListeners = new Set<(e: ParleyError) => void>();
  const statusListeners = new Set<(s: ConnectionStatus, r?: DisconnectReason) => void>();
  // Every error leaves core through here, redacted (message, frame, causes and their bodies).
  const secrets = credentialsOf(opts);
  const report = (e: ParleyError) => { const safe = redactError(e, secrets); for (const l of errorListeners) l(safe); };
  const typingThrottle = opts.typingThrottleMs ?? 3000;
  const lastTypingOn = new Map<string, number>();
  let readTimer: number | undefined;
  let typingTimer: number | undefined;
  /** When the armed typing timer's entry expires: a typist due sooner re-arms it. */
  let typingDue = Infinity;
  let disposed = false;
  let lastSendAt = 0;

  const connectOptions: ConnectOptions = {
    url: opts.url, token: opts.token, userId: opts.userId, conversation: opts.conversation, options: { ...opts.options },
  };

  const storage = opts.storage ?? memoryStore();
  const persist = opts.persist ?? opts.storage !== undefined;
  const cache = new ChatCache(storage, cacheKey({ protocol: opts.protocol, url: opts.url, userId: opts.userId, token: opts.token, options: opts.options }),
    scheduler, report);
  /** Cached (or inherited) messages not yet compared with a fresh page from the server. */
  let unchecked: UncheckedMessages = heldAsUnchecked(store.getState());
  let opened = false;
  let started = false;

  const connection: Connection = new Connection({
    protocol: opts.protocol,
    options: connectOptions,
    store,
    scheduler,
    storage,
    ...(opts.transport ? { transport: opts.transport } : {}),
    fetch: opts.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args)),
    ...(opts.upload ? { upload: opts.upload } : {}),
    network: opts.network ?? platformNetwork(),
    random: opts.random ?? Math.random,
    backoff: { base: 500, cap: 30_000, ...opts.backoff },
    connectTimeoutMs: opts.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
    stableAfterMs: STABLE_AFTER_MS,
    report,
    onStatus: (s, r) => { for (const l of statusListeners) l(s, r); },
    onOpen: (backfill) => {
      // The first sync's pages are the newest of each conversation; a reconnect's catch-up is not a page.
      if (!opened) checkCache(backfill);
      opened = true;
      pickConversation();
      const active = store.getState().activeConversation;
      if (active && unchecked.has(active)) void refreshUnchecked(active);
      scheduleTypingExpiry();
      scheduleRead();
      void adoptOutboxOfSelf();
      void outbox.flush();
    },
  });

  /**
   * Without a user id the cache is named by the token, so a new token (one per page load) would
   * leave unsent messages behind: once the server says who I am, take them in and send them.
   */
  async function adoptOutboxOfSelf(): Promise<void> {
    const selfId = store.getState().selfId;
    if (!persist || opts.userId || !selfId) return; // an abandoned cache takes nothing in
    const added = await cache.adoptSelf(store, selfOutboxKey(opts.protocol, opts.url, selfId));
    if (added > 0) void outbox.flush();
  }

  const outbox = new Outbox({ store, isOpen: () => connection.status === 'open', execute: (c) => connection.execute(c), report,
    redact: (text) => redactText(text, secrets), scheduler, random: opts.random, filesOf: (ref) => files.get(ref),
    delivered: (ref) => files.delete(ref) });
  /** The files of sends not yet confirmed, by client reference: memory only (a Blob is no JSON). */
  const files = new Map<string, readonly OutgoingFile[]>();

  function pickConversation(): void {
    const state = store.getState();
    if (state.activeConversation && state.conversations.has(state.activeConversation)) return;
    const wanted = opts.conversation && state.conversations.has(opts.conversation) ? opts.conversation : undefined;
    const latest = [...state.conversations.values()].sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0))[0];
    const id = wanted ?? latest?.id;
    if (id) store.setActive(id);
  }

  /** Cut back cached conversations a fresh page does not reach, so paging fetches the hole. */
  function checkCache(page: readonly ChatEvent[]): void {
    if (!unchecked.size) return;
    const { events, cut } = closeGaps(unchecked, page, store.getState());
    store.apply(events);
    for (const cid of cut) store.setHistory(cid, true, false);
  }

  /** A cached conversation the first sync did not page: fetch its latest messages and check them. */
  async function refreshUnchecked(conversationId: string): Promise<void> {
    if (connection.status !== 'open' || !connection.capabilities.has('openConversation')) return;
    try {
      const events = await connection.execute({ type: 'openConversation', conversationId });
      store.apply(events.map((e) => ({ ...e, origin: e.origin ?? 'backfill' as const })));
      checkCache(events);
    } catch (err) {
      report(new ParleyError('command', `openConversation failed: ${messageOf(err)}`, { cause: err }));
    }
  }

  /** Restore the cache, within its deadline, then connect. */
  function restoreThenStart(): void {
    const timeoutMs = opts.restoreTimeout ?? DEFAULT_RESTORE_TIMEOUT_MS;
    let settled = false;
    const begin = (restored?: UncheckedMessages) => {
      if (settled || disposed) return;
      settled = true;
      scheduler.clearTimeout(deadline);
      if (restored) {
        for (const [cid, ids] of restored) unchecked.set(cid, ids);
        cache.watch(store);
      }
      connection.start();
    };
    const deadline = scheduler.setTimeout(() => {
      if (settled || disposed) return;
      cache.abandon();
      report(new ParleyError('persist', `offline cache did not answer within ${timeoutMs} ms; continuing without it`));
      begin();
    }, timeoutMs);
    cache.restore(store).then(begin, (err: unknown) => {
      report(new ParleyError('persist', `offline cache restore failed, continuing without it: ${messageOf(err)}`, { cause: err }));
      begin(new Map());
    });
  }

  /** The soonest `expiresAt` among the typists. */
  function soonestExpiry(typing: ReadonlyMap<string, readonly TypingEntry[]>): number {
    let soonest = Infinity;
    for (const entries of typing.values()) for (const t of entries) soonest = Math.min(soonest, t.expiresAt);
    return soonest;
  }

  function scheduleTypingExpiry(): void {
    if (typingTimer !== undefined) scheduler.clearTimeout(typingTimer);
    typingTimer = undefined;
    const next = store.expireTyping(scheduler.now()); // the clock the timer below runs on, not the store's
    typingDue = next ?? Infinity;
    if (next !== undefined && !disposed) {
      typingTimer = scheduler.setTimeout(scheduleTypingExpiry, Math.max(50, next - scheduler.now() + 5));
    }
  }

  function scheduleRead(): void {
    if (readTimer !== undefined || disposed) return;
    readTimer = scheduler.setTimeout(() => {
      readTimer = undefined;
      const { activeConversation, viewing } = store.getState();
      if (activeConversation && viewing) markRead(activeConversation);
    }, 300);
  }

  /** Run a command and apply its events; a failure is reported, and is what it resolves with. */
  async function run(command: Command): Promise<ParleyError | undefined> {
    try {
      store.apply(await connection.execute(command));
      return undefined;
    } catch (err) {
      const error = new ParleyError('command', `${command.type} failed: ${messageOf(err)}`, { cause: err });
      report(error);
      return error;
    }
  }

  function markRead(conversationId: string): void {
    if (connection.status !== 'open' || !connection.capabilities.has('markRead')) return;
    const list = store.getState().messages.get(conversationId) ?? [];
    const last = list.findLast((m) => m.sender?.role !== 'self' && !isUnconfirmed(m)); // no copy of a long thread
    if (!last) return;
    const key = `${conversationId}:${last.id}`;
    if (readMarks.has(key)) return;
    if (readsGoing.has(conversationId)) {
      readsDue.add(conversationId); // once the mark going out is done, one more covers all that came meanwhile
      return;
    }
    readMarks.add(key);
    readsGoing.add(conversationId);
    void run({ type: 'markRead', conversationId, messageId: last.id, at: last.createdAt }).finally(() => {
      readsGoing.delete(conversationId);
      if (readsDue.delete(conversationId) && !disposed) markRead(conversationId);
    });
  }
  const readMarks = new Set<string>();
  /** Conversations with a read mark going out, and those that had another asked meanwhile: one at a time each, so a flood does not stack them. */
  const readsGoing = new Set<string>();
  const readsDue = new Set<string>();

  // The store may outlive this client (the Lit layer keeps one per widget): these go on dispose.
  const unsubscribe = [
    store.onMessage((m) => {
      const { activeConversation, viewing } = store.getState();
      if (m.conversationId === activeConversation && viewing && m.sender?.role !== 'self') scheduleRead();
    }),
    // Typing entries need a timer to expire; re-arm whenever state may have added one.
    store.subscribe((state) => {
      if (state.typing.size && !disposed && (typingTimer === undefined || soonestExpiry(state.typing) < typingDue)) scheduleTypingExpiry();
      // The open conversation went away (deleted, or I left it): open the next most recent one.
      if (!state.activeConversation && state.conversations.size && connection.status === 'open') pickConversation();
    }),
  ];

  return {
    store,
    protocol: opts.protocol,
    get status() { return connection.status; },
    get capabilities() { return connection.capabilities; },
    get attachments() { return connection.attachments; },
    get armedTimers() { return scheduler.size; },
    connect() {
      if (started) return;
      started = true;
      if (!persist) {
        connection.start();
        return;
      }
      // Render what was cached (and restore unsent messages) before the socket opens.
      restoreThenStart();
    },
    dispose: () => {
      disposed = true;
      for (const off of unsubscribe.splice(0)) off();
      if (started && persist) void cache.save(store);
      cache.dispose();
      outbox.dispose();
      connection.dispose();
      errorListeners.clear();
      statusListeners.clear();
    },
    send(text, sendOpts = {}) {
      const conversationId = sendOpts.conversationId ?? store.getState().activeConversation;
      const body = text.trim();
      const attached = sendOpts.files?.length ? sendOpts.files : undefined;
      if (!conversationId || (!body && !attached)) return undefined;
      const state = store.getState();
      // Strictly increasing, so sends made within one millisecond keep their order (the local ids are random).
      lastSendAt = Math.max(scheduler.now(), lastSendAt + 1);
      const clientRef = newRef();
      if (attached) files.set(clientRef, attached);
      const message = store.addPending({
        conversationId, clientRef, kind: attached && !body ? 'file' : 'text', text: body, markup: connection.sendMarkup,
        attachments: attached ? attached.map(localAttachment) : [],
        sender: { id: state.selfId ?? 'self', role: 'self', name: state.selfName }, createdAt: lastSendAt,
        threadParentId: sendOpts.threadParentId, ...(attached ? { upload: { sent: 0 } } : {}),
      });
      // Sending ends "typing": tell the other side now rather than when the notice expires.
      if (lastTypingOn.delete(conversationId) && connection.status === 'open' && connection.capabilities.has('typing')) {
        void run({ type: 'typing', conversationId, on: false });
      }
      void outbox.flush();
      return message;
    },
    retry(conversationId, clientRef) {
      store.setPendingState(conversationId, clientRef, 'pending');
      void outbox.flush();
    },
    discard(conversationId, clientRef) {
      files.delete(clientRef);
      store.discardPending(conversationId, clientRef);
    },
    edit: (conversationId, messageId, text) => run({ type: 'edit', conversationId, messageId, text }),
    remove: (conversationId, messageId) => run({ type: 'delete', conversationId, messageId }),
    setTyping(conversationId, on) {
      if (connection.status !== 'open' || !connection.capabilities.has('typing')) return;
      const now = scheduler.now();
      if (on) {
        const last = lastTypingOn.get(conversationId);
        if (last !== undefined && now - last < typingThrottle) return;
        lastTypingOn.set(conversationId, now);
      } else {
        if (!lastTypingOn.has(conversationId)) return;
        lastTypingOn.delete(conversationId);
      }
      void run({ type: 'typing', conversationId, on });
    },
    markRead,
    async createConversation(createOpts = {}) {
      if (connection.status !== 'open' || !connection.capabilities.has('createConversation')) return undefined;
      try {
        const events = await connection.execute({ type: 'createConversation', ...createOpts });
        store.apply(events);
        const created = events.find((e) => e.type === 'conversation.created');
        if (created) store.setActive(created.conversation.id);
        return created?.conversation.id;
      } catch (err) {
        report(new ParleyError('command', `createConversation failed: ${messageOf(err)}`, { cause: err }));
        return undefined;
      }
    },
    async answerInvitation(conversationId, accept) {
      const type = accept ? 'acceptInvitation' : 'declineInvitation';
      const invitation = store.getState().invitations.find((i) => i.conversationId === conversationId);
      if (connection.capabilities.has(type)) await run({ type, conversationId });
      // Answered: it leaves the list (an accepted one becomes a conversation through the backend's events).
      if (invitation) store.apply([{ type: 'invitation', conversationId, invitation, cancelled: true }]);
    },
    async loadOlder(conversationId) {
      const h = store.getState().history.get(conversationId);
      if (h?.loading || h?.hasMore === false || connection.status !== 'open') return;
      // The cursor is the oldest message the server still has: a tombstone may name one deleted for
      // good, which a backend answers with 404 (IMKIT's beforeMessage), so paging back would stop.
      const first = store.getState().messages.get(conversationId)?.find((m) => !isUnconfirmed(m) && !m.deleted);
      store.setHistory(conversationId, true, true);
      try {
        const events = await connection.execute({ type: 'loadOlder', conversationId, beforeMessageId: first?.id });
        const held = () => store.getState().messages.get(conversationId)?.length ?? 0;
        const before = held();
        store.apply(events.map((e) => ({ ...e, origin: 'backfill' as const })));
        // A page that brings nothing new cannot move the cursor: paging on would ask the same again.
        store.setHistory(conversationId, held() > before, false);
      } catch (err) {
        store.setHistory(conversationId, true, false);
        report(new ParleyError('command', `loading older messages failed: ${messageOf(err)}`, { cause: err }));
      }
    },
    open(conversationId, viewing) {
      store.setActive(conversationId, viewing);
      // A conversation with nothing loaded yet (outside the first page of the list): fetch its latest messages.
      if (conversationId && !store.getState().messages.get(conversationId)?.length && connection.status === 'open'
          && connection.capabilities.has('openConversation')) {
        void run({ type: 'openConversation', conversationId });
      } else if (conversationId && unchecked.has(conversationId)) {
        void refreshUnchecked(conversationId); // only cached so far: the server may have more since
      }
      if (conversationId && (viewing ?? store.getState().viewing)) scheduleRead();
    },
    onError(listener) { errorListeners.add(listener); return () => errorListeners.delete(listener); },
    onStatus(listener) { statusListeners.add(listener); return () => statusListeners.delete(listener); },
  };
}
