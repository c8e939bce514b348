/**
 * The offline cache and the durable outbox: conversations, the latest messages of each, and every
 * message still waiting to be sent, kept in a KeyValueStore (IndexedDB in a page) under one
 * namespace per backend, server and user. On load the widget renders from it before the socket
 * opens; the live data then reconciles (the store dedupes), and a cached conversation the fresh page
 * does not reach is cut back to that page so paging fetches what came between (`closeGaps`).
 * Credentials are never stored: only normalized messages and conversations are kept, and the
 * namespace names the user, not the token (a hash of the token only when nothing else says who the
 * user is).
 */
import type { ChatEvent } from './events.js';
import { ParleyError, messageOf } from './errors.js';
import type { KeyValueStore } from './kv.js';
import type { Conversation, Message } from './model.js';
import type { Scheduler } from './connection-terms.js';
import type { ChatState, ChatStore } from './store.js';
import { isUnconfirmed } from './state.js';

/** Messages kept per conversation. */
export const CACHED_MESSAGES = 200;
const FORMAT = 1;

interface Snapshot {
  format: number;
  savedAt: number;
  active?: string;
  conversations: Conversation[];
  /** Latest server messages per conversation. */
  messages: Record<string, Message[]>;
  /** Messages not yet confirmed (pending or failed), oldest first. */
  outbox: Message[];
}

/** What makes one cache namespace: protocol, server and user (never the token itself). */
export interface CacheIdentity {
  protocol: string;
  url: string;
  userId?: string;
  token?: string;
  options?: Readonly<Record<string, unknown>>;
}

/**
 * Who the namespace belongs to: the user id when one is given, so a refreshed or per-page token
 * keeps the same cache and outbox. Without one the token is all that tells two users apart, so its
 * hash stands in (a new token is then a new namespace: safe, but unsent messages stay behind).
 */
export function cacheOwner(id: Pick<CacheIdentity, 'userId' | 'token'>): string {
  return id.userId ? `user:${id.userId}` : `token:${hash(id.token ?? '')}`;
}

/** The storage key of an identity: protocol, url, owner and the plain options, never the token. */
export function cacheKey(id: CacheIdentity): string {
  const options = Object.entries(id.options ?? {})
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `parley:cache:${id.protocol.toLowerCase()}|${id.url}|${cacheOwner(id)}|${hash(JSON.stringify(options))}`;
}

/**
 * Where the outbox is also kept once the server has said who I am (`identity.changed`): a page
 * that identifies the user by a token alone (a fresh one per page load) gets a new namespace
 * with every token, and finds its unsent messages here.
 */
export function selfOutboxKey(protocol: string, url: string, selfId: string): string {
  return `parley:outbox:${protocol.toLowerCase()}|${url}|self:${hash(selfId)}`;
}

/** Ids of the confirmed messages a restore put in the store, per conversation: not yet checked against the server. */
export type UncheckedMessages = Map<string, Set<string>>;

/**
 * The confirmed messages a store already holds, as unchecked: a client given a store another
 * client filled (a new token for the same user) has not seen what was written in between, so
 * its first fresh pages are compared with them as with a restored cache.
 */
export function heldAsUnchecked(state: ChatState): UncheckedMessages {
  const out: UncheckedMessages = new Map();
  for (const [cid, list] of state.messages) {
    const ids = new Set<string>();
    for (const m of list) if (!isUnconfirmed(m)) ids.add(m.id);
    if (ids.size) out.set(cid, ids);
  }
  return out;
}

/**
 * Compare fresh server pages with what the cache restored. A conversation whose fresh page shares
 * no message with its cached ones may have a hole between them (messages written while the widget
 * was gone): its cached messages are dropped (`deleted` for me only, which removes them), so the
 * oldest message left is the fresh page's and paging back fetches the hole. Pending and failed
 * sends are never touched. Returns the events to apply and the conversations that were cut back;
 * a checked conversation leaves `unchecked`.
 */
export function closeGaps(unchecked: UncheckedMessages, page: readonly ChatEvent[], state: ChatState): { events: ChatEvent[]; cut: string[] } {
  const fresh = new Map<string, string[]>();
  for (const e of page) {
    if (e.type !== 'message.created' || isUnconfirmed(e.message)) continue;
    const cid = e.message.conversationId;
    const ids = fresh.get(cid);
    if (ids) ids.push(e.message.id);
    else fresh.set(cid, [e.message.id]);
  }
  const events: ChatEvent[] = [];
  const cut: string[] = [];
  for (const [cid, ids] of fresh) {
    const cached = unchecked.get(cid);
    if (!cached) continue;
    unchecked.delete(cid);
    if (ids.some((id) => cached.has(id))) continue; // the page reaches the cache: no hole
    const stale = (state.messages.get(cid) ?? []).filter((m) => cached.has(m.id) && !isUnconfirmed(m)).map((m) => m.id);
    if (stale.length) events.push({ type: 'message.deleted', origin: 'cache', conversationId: cid, messageIds: stale, scope: 'self' });
    cut.push(cid);
  }
  return { events, cut };
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}


/** Keeps a store's durable part in storage. */
export class ChatCache {
  private timer?: number;
  private lastOutbox = '';
  private unsubscribe?: () => void;
  private writing: Promise<void> = Promise.resolve();
  private disabled = false;
  private abandoned = false;
  /** The outbox's second home, named by who the server says I am (`adoptSelf`). */
  private selfKey?: string;

  constructor(
    private readonly storage: KeyValueStore,
    private readonly key: string,
    private readonly scheduler: Scheduler,
    private readonly report: (e: ParleyError) => void,
    private readonly delayMs = 400,
  ) {}

  /**
   * Put what was saved into the store: conversations and messages as `cache`, the outbox as
   * pending. Resolves with the restored messages of conversations the store held none of (those
   * are for `closeGaps` to check); nothing once `abandon` was called.
   */
  async restore(store: ChatStore): Promise<UncheckedMessages> {
    const unchecked: UncheckedMessages = new Map();
    let data: unknown;
    try {
      data = await this.storage.get(this.key);
    } catch (err) {
      this.fail('read', err);
      return unchecked;
    }
    const snap = this.abandoned ? undefined : asSnapshot(data);
    if (!snap) return unchecked;
    const events: ChatEvent[] = snap.conversations.map((conversation) => ({ type: 'conversation.created', origin: 'cache', conversation }));
    const held = store.getState().messages;
    for (const [cid, list] of Object.entries(snap.messages)) {
      for (const message of list) events.push({ type: 'message.created', origin: 'cache', message });
      // A store that already holds this conversation (the same user with a new token) knows better.
      if (list.length && !held.get(cid)?.some((m) => !isUnconfirmed(m))) unchecked.set(cid, new Set(list.map((m) => m.id)));
    }
    store.apply(events);
    addUnsent(store, snap.outbox);
    this.lastOutbox = outboxKey(snap.outbox);
    if (snap.active && store.getState().conversations.has(snap.active)) store.setActive(snap.active);
    return unchecked;
  }

  /**
   * The server has said who I am: take in the unsent messages kept under that identity by an
   * earlier page with another token (skipping any the store holds), and keep the outbox there
   * from now on too. Resolves with how many were taken in.
   */
  async adoptSelf(store: ChatStore, selfKey: string): Promise<number> {
    if (this.selfKey === selfKey || this.disabled) return 0;
    this.selfKey = selfKey;
    let data: unknown;
    try {
      data = await this.storage.get(selfKey);
    } catch (err) {
      this.fail('read', err);
      return 0;
    }
    const kept = isRecord(data) && data.format === FORMAT && Array.isArray(data.outbox) ? data.outbox.filter(isMessage) : [];
    const added = addUnsent(store, kept);
    await this.save(store);
    return added;
  }

  /**
   * Give up on this storage (it did not answer in time): a restore still on its way puts nothing
   * in the store, and nothing is written, so what storage holds is not overwritten by a store that
   * never saw it.
   */
  abandon(): void {
    this.abandoned = true;
    this.disabled = true;
  }

  /** Save on every change: the outbox at once, the rest a moment later (batched). */
  watch(store: ChatStore): void {
    this.unsubscribe?.();
    this.unsubscribe = store.subscribe(() => {
      const outbox = outboxKey(store.unconfirmedMessages());
      if (outbox !== this.lastOutbox) {
        this.lastOutbox = outbox;
        void this.save(store); // a failed write is reported by save itself
        return;
      }
      if (this.timer === undefined) {
        this.timer = this.scheduler.setTimeout(() => { this.timer = undefined; void this.save(store); }, this.delayMs);
      }
    });
  }

  /** Write now (also used on teardown). Resolves when the write has finished. */
  save(store: ChatStore): Promise<void> {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disabled) return this.writing;
    const snap = snapshot(store, this.scheduler.now());
    const selfKey = this.selfKey;
    this.writing = this.writing.then(async () => {
      await this.storage.set(this.key, snap);
      if (selfKey) await this.storage.set(selfKey, { format: FORMAT, savedAt: snap.savedAt, outbox: snap.outbox });
    }).catch((err: unknown) => this.fail('write', err));
    return this.writing;
  }

  /** Forget this namespace. */
  async clear(): Promise<void> {
    await this.storage.del(this.key);
  }

  /** Stop watching (pending timers are the scheduler owner's to clear). */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private fail(what: 'read' | 'write', err: unknown): void {
    if (this.disabled) return;
    this.disabled = what === 'write';
    this.report(new ParleyError('persist', `offline cache ${what} failed, continuing in memory: ${messageOf(err)}`, { cause: err }));
  }
}

/** Put saved unsent messages into the store as pending (or failed), skipping any it holds; returns how many. */
function addUnsent(store: ChatStore, outbox: readonly Message[]): number {
  let added = 0;
  for (const m of outbox) {
    // Skip one the store already holds, pending or confirmed (a snapshot older than the store).
    if (!m.clientRef || store.getState().messages.get(m.conversationId)?.some((x) => x.clientRef === m.clientRef)) continue;
    store.addPending({ ...m, clientRef: m.clientRef });
    if (m.status === 'failed') store.setPendingState(m.conversationId, m.clientRef, 'failed', m.error);
    added++;
  }
  return added;
}

function outboxKey(list: Message[]): string {
  return list.map((m) => `${m.clientRef}:${m.status}`).sort().join(',');
}

function snapshot(store: ChatStore, now: number): Snapshot {
  const s = store.getState();
  const messages: Record<string, Message[]> = {};
  const outbox: Message[] = [];
  for (const [cid, list] of s.messages) {
    if (!s.conversations.has(cid)) continue;
    const confirmed = list.filter((m) => !isUnconfirmed(m) && !m.streaming);
    messages[cid] = confirmed.slice(-CACHED_MESSAGES);
    // A send with files is not kept: its files live in memory only, and a reload loses them.
    for (const m of list) if (isUnconfirmed(m) && !m.upload) outbox.push(m);
  }
  return { format: FORMAT, savedAt: now, active: s.activeConversation, conversations: [...s.conversations.values()], messages, outbox };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A stored message in the shape this format writes. */
function isMessage(m: unknown): m is Message {
  return isRecord(m) && typeof m.id === 'string' && typeof m.conversationId === 'string'
    && typeof m.createdAt === 'number' && typeof m.text === 'string' && Array.isArray(m.attachments);
}

/** Our own data, but storage can hold anything (an old format, a manual edit): check the shape. */
function asSnapshot(v: unknown): Snapshot | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Partial<Snapshot>;
  if (s.format !== FORMAT || !Array.isArray(s.conversations) || !Array.isArray(s.outbox) || typeof s.messages !== 'object' || s.messages === null) return undefined;
  const messages: Record<string, Message[]> = {};
  for (const [cid, list] of Object.entries(s.messages)) if (Array.isArray(list)) messages[cid] = list.filter(isMessage);
  return {
    format: FORMAT, savedAt: Number(s.savedAt) || 0, active: typeof s.active === 'string' ? s.active : undefined,
    conversations: s.conversations.filter((c): c is Conversation => typeof c === 'object' && c !== null && typeof c.id === 'string'),
    messages, outbox: s.outbox.filter(isMessage),
  };
}
