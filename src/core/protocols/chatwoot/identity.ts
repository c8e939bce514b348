/**
 * Who the widget is on Chatwoot: a contact (options → stored → newly created through the Client
 * API) or an agent (`GET /api/v1/profile`), and the protocol's state that keeps it across
 * reconnects. Errors become ConnectErrors whose reason tells the core whether retrying can help.
 */
import { ParleyError } from '../../errors.js';
import { HttpError } from '../../http.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolRun } from '../../runtime/declaration.js';
import { connectErrorOf as coreConnectErrorOf, type StatusReading } from '../../runtime/failures.js';
import { persistFailed } from '../../runtime/kept-credential.js';
import { assignDefined, DecodeError, isRecord } from '../../wire.js';
import type { ChatwootConfig } from './options.js';
import { contactKey } from './contact-key.js';
import { contactIdentityOf, type AgentApi, type ContactApi, type ContactIdentity } from './rest.js';

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

/** The protocol's state for one adapter (kept across reconnects). */
export interface ChatwootState {
  /** The role's API: the Client API for a contact, the Application API for an agent. */
  readonly api: ContactApi | AgentApi;
  /** Known after the first identify. */
  self?: SelfIdentity;
}

/** What every step is given. */
export type ChatwootRun = ProtocolRun<ChatwootConfig, ChatwootState>;

/**
 * How connect-time statuses read: a 404 is a credential Chatwoot does not know (a contact's
 * `source_id` in the path, an inbox), as final as a 401.
 */
export const STATUS: StatusReading = { notFound: 'auth-failed' };

/** A ConnectError for anything a connect-time call threw. */
function connectErrorOf(err: unknown, what: string): ConnectError {
  return coreConnectErrorOf('chatwoot', err, what, STATUS);
}

export { contactKey } from './contact-key.js';

/** A stored contact (its fields as `ContactIdentity` names them), read as the Client API's answer is. */
function storedContact(v: unknown): ContactIdentity | undefined {
  if (!isRecord(v)) return undefined;
  try {
    return contactIdentityOf({ source_id: v.sourceId, pubsub_token: v.pubsubToken, id: v.contactId, name: v.name });
  } catch (err) {
    if (err instanceof DecodeError) return undefined; // an old or foreign record: make a new contact
    throw err;
  }
}

/**
 * The contact: from options, else from storage, else created (and stored). The credentials are
 * checked by listing the contact's conversations: a 401/404 for stored credentials means the
 * contact is gone (a new one is made); for given or new credentials it is `auth-failed`.
 */
async function resolveContact(run: ChatwootRun, api: ContactApi, signal: AbortSignal): Promise<SelfIdentity> {
  const { config: cfg, storage } = run;
  const key = contactKey(cfg);
  let source: 'options' | 'storage' | 'created' = 'options';
  let contact: ContactIdentity | undefined;
  if (cfg.sourceId && cfg.pubsubToken) {
    contact = assignDefined<ContactIdentity>({ sourceId: cfg.sourceId, pubsubToken: cfg.pubsubToken, contactId: cfg.contactId ?? '' }, { name: cfg.contactName });
  } else {
    contact = storedContact(await storage.get(key).catch(persistFailed(run, 'reading the stored contact')));
    source = 'storage';
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!contact) {
      contact = await api.createContact({ name: cfg.contactName, email: cfg.contactEmail }, signal).catch((err: unknown) => {
        if (err instanceof HttpError && err.status === 404) throw new ConnectError('config-error', `chatwoot: inbox "${cfg.inboxIdentifier ?? ''}" not found`);
        throw connectErrorOf(err, 'creating a contact');
      });
      source = 'created';
      await storage.set(key, contact).catch(persistFailed(run, 'storing the contact'));
    }
    api.use(contact);
    try {
      const conversations = await api.listConversations(signal);
      if (!contact.contactId) contact = { ...contact, contactId: contactIdFrom(conversations) ?? 'contact' };
      return { selfId: contact.contactId, name: contact.name, pubsubToken: contact.pubsubToken, contact };
    } catch (err) {
      const gone = err instanceof HttpError && (err.status === 401 || err.status === 404);
      if (gone && source === 'storage') {
        await storage.del(key).catch(persistFailed(run, 'removing the stale contact'));
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
async function resolveAgent(cfg: ChatwootConfig, api: AgentApi, signal: AbortSignal): Promise<SelfIdentity> {
  const profile = await api.profile(signal).catch((err: unknown) => {
    throw connectErrorOf(err, 'reading the agent profile');
  });
  const userId = cfg.userId ?? profile.userId;
  return { selfId: userId, userId, name: profile.name, pubsubToken: cfg.pubsubToken ?? profile.pubsubToken };
}

/** Who I am, resolved on the first connect and kept; announced on every connect. */
export async function identify(run: ChatwootRun, signal: AbortSignal): Promise<void> {
  const { config, state } = run;
  state.self ??= 'profile' in state.api ? await resolveAgent(config, state.api, signal) : await resolveContact(run, state.api, signal);
  const self = state.self;
  run.emit([self.name ? { type: 'identity.changed', selfId: self.selfId, name: self.name } : { type: 'identity.changed', selfId: self.selfId }]);
}

/** Identifier params in the documented key order: channel, pubsub_token, then account_id and user_id for an agent. */
export function subscriptionParams(config: ChatwootConfig, self: SelfIdentity | undefined): Record<string, unknown> {
  const p: Record<string, unknown> = { channel: 'RoomChannel', pubsub_token: self?.pubsubToken ?? '' };
  if (config.role === 'agent') {
    const uid = self?.userId ?? '';
    p.account_id = config.accountId;
    p.user_id = /^\d+$/.test(uid) ? Number(uid) : uid;
  }
  return p;
}

/**
 * `contact.merged`: keep the new pubsub token (stored with the contact when it was made here).
 * False when the frame carries none (the old subscription stays).
 */
export function takeMergedToken(run: ChatwootRun, selfId: string, name: string | undefined, data: unknown): boolean {
  const { config, state } = run;
  const token = isRecord(data) && isRecord(data.data) && typeof data.data.pubsub_token === 'string' ? data.data.pubsub_token : undefined;
  const self = state.self;
  if (!self) return false;
  if (!token) {
    run.report(new ParleyError('decode', 'chatwoot: contact.merged without a pubsub_token; keeping the old subscription', { protocol: 'chatwoot' }));
    return false;
  }
  const contact = self.contact && { ...self.contact, pubsubToken: token, contactId: selfId };
  state.self = { ...self, selfId, name: name ?? self.name, pubsubToken: token, contact };
  if (contact && !config.sourceId) {
    run.storage.set(contactKey(config), contact).catch(persistFailed(run, 'storing the merged contact'));
  }
  return true;
}
