/**
 * Who the widget is on Chatwoot: a contact (options → stored → newly created through the Client
 * API) or an agent (`GET /api/v1/profile`). Errors become ConnectErrors whose reason tells the
 * core whether retrying can help.
 */
import { ParleyError, messageOf } from '../../errors.js';
import { HttpError, NetworkError } from '../../http.js';
import type { KeyValueStore } from '../../kv.js';
import { ConnectError } from '../../protocol.js';
import { DecodeError, id, isRecord, optStr, str } from '../../wire.js';
import type { ChatwootConfig } from './options.js';
import type { AgentApi, ContactApi, ContactIdentity } from './rest.js';

/** The signed-in side, as the adapter needs it. */
export interface SelfIdentity {
  selfId: string;
  name?: string;
  pubsubToken: string;
  /** The contact's credentials (contact role). */
  contact?: ContactIdentity;
  /** Numeric user id for the agent's identifier. */
  userId?: string;
}

/** Storage key of a created contact. */
export function contactKey(cfg: ChatwootConfig): string {
  return `chatwoot:${cfg.url}:${cfg.inboxIdentifier ?? ''}:contact`;
}

/** A ConnectError for anything a connect-time call threw. */
export function connectErrorOf(err: unknown, what: string): ConnectError {
  if (err instanceof ConnectError) return err;
  if (err instanceof HttpError) {
    const auth = err.status === 401 || err.status === 403 || err.status === 404;
    return new ConnectError(auth ? 'auth-failed' : 'network-error', `chatwoot: ${what} refused: ${err.message}`);
  }
  if (err instanceof NetworkError) return new ConnectError('network-error', `chatwoot: ${what} failed: ${err.message}`);
  if (err instanceof DecodeError) return new ConnectError('network-error', `chatwoot: ${what} gave an unexpected answer: ${err.message}`);
  if (isAbort(err)) return new ConnectError('client-closed', `chatwoot: ${what} aborted`);
  return new ConnectError('network-error', `chatwoot: ${what} failed: ${messageOf(err)}`);
}

function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

function storedContact(v: unknown): ContactIdentity | undefined {
  if (!isRecord(v)) return undefined;
  try {
    const out: ContactIdentity = { sourceId: str(v.sourceId, 'sourceId'), pubsubToken: str(v.pubsubToken, 'pubsubToken'), contactId: id(v.contactId, 'contactId') };
    const name = optStr(v.name, 'name');
    if (name) out.name = name;
    return out;
  } catch (err) {
    if (err instanceof DecodeError) return undefined; // an old or foreign record: make a new contact
    throw err;
  }
}

/** Dependencies of the contact flow. */
export interface ContactDeps {
  cfg: ChatwootConfig;
  api: ContactApi;
  storage: KeyValueStore;
  report(error: ParleyError): void;
  signal: AbortSignal;
}

/**
 * The contact: from options, else from storage, else created (and stored). The credentials are
 * checked by listing the contact's conversations: a 401/404 for stored credentials means the
 * contact is gone (a new one is made); for given or new credentials it is `auth-failed`.
 */
export async function resolveContact(d: ContactDeps): Promise<SelfIdentity> {
  const { cfg, api, storage, signal } = d;
  const key = contactKey(cfg);
  let source: 'options' | 'storage' | 'created' = 'options';
  let contact: ContactIdentity | undefined;
  if (cfg.sourceId && cfg.pubsubToken) {
    contact = { sourceId: cfg.sourceId, pubsubToken: cfg.pubsubToken, contactId: cfg.contactId ?? '' };
    if (cfg.contactName) contact.name = cfg.contactName;
  } else {
    try {
      contact = storedContact(await storage.get(key));
      source = 'storage';
    } catch (err) {
      d.report(new ParleyError('persist', `chatwoot: reading the stored contact failed: ${messageOf(err)}`, { protocol: 'chatwoot', cause: err }));
    }
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!contact) {
      try {
        contact = await api.createContact(cfg.contactName, signal);
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) throw new ConnectError('config-error', `chatwoot: inbox "${cfg.inboxIdentifier ?? ''}" not found`);
        throw connectErrorOf(err, 'creating a contact');
      }
      source = 'created';
      await storage.set(key, contact).catch((err: unknown) => {
        d.report(new ParleyError('persist', `chatwoot: storing the contact failed: ${messageOf(err)}`, { protocol: 'chatwoot', cause: err }));
      });
    }
    api.use(contact);
    try {
      const conversations = await api.listConversations(signal);
      if (!contact.contactId) contact = { ...contact, contactId: contactIdFrom(conversations) ?? 'contact' };
      return { selfId: contact.contactId, name: contact.name, pubsubToken: contact.pubsubToken, contact };
    } catch (err) {
      const gone = err instanceof HttpError && (err.status === 401 || err.status === 404);
      if (gone && source === 'storage') {
        await storage.del(key).catch((e: unknown) => {
          d.report(new ParleyError('persist', `chatwoot: removing the stale contact failed: ${messageOf(e)}`, { protocol: 'chatwoot', cause: e }));
        });
        contact = undefined;
        continue;
      }
      throw connectErrorOf(err, 'looking up the contact');
    }
  }
  throw new ConnectError('auth-failed', 'chatwoot: the contact could not be set up');
}

/** A contact id from listed conversations (`contact.id` / `meta.sender.id`). */
function contactIdFrom(conversations: readonly unknown[]): string | undefined {
  for (const c of conversations) {
    if (!isRecord(c)) continue;
    const who = isRecord(c.contact) ? c.contact : isRecord(c.meta) && isRecord(c.meta.sender) ? c.meta.sender : undefined;
    if (who && (typeof who.id === 'number' || typeof who.id === 'string')) return String(who.id);
  }
  return undefined;
}

/** The agent: `GET /api/v1/profile`; options may override the user id and pubsub token. */
export async function resolveAgent(cfg: ChatwootConfig, api: AgentApi, signal: AbortSignal): Promise<SelfIdentity> {
  let profile;
  try {
    profile = await api.profile(signal);
  } catch (err) {
    throw connectErrorOf(err, 'reading the agent profile');
  }
  const userId = cfg.userId ?? profile.userId;
  return { selfId: userId, userId, name: profile.name, pubsubToken: cfg.pubsubToken ?? profile.pubsubToken };
}
