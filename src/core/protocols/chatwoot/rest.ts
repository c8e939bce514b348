/**
 * Typed REST clients for Chatwoot: the Client API a contact uses (no auth header: the contact's
 * `source_id` in the path is the credential) and the Application API an agent uses
 * (`api_access_token` header). Answers are checked for shape here and decoded by the adapter with
 * the same decoders as cable frames.
 *
 * Errors keep their class (NetworkError / HttpError from `http.ts`, DecodeError) but never carry a
 * credential: the source id, the access token and pubsub tokens are cut out of their messages.
 */
import { HttpError, NetworkError, joinUrl, requestJson, type JsonRequest } from '../../http.js';
import { DecodeError, array, id, isRecord, optStr, record, str, type WireRecord } from '../../wire.js';
import { redact } from './redact.js';

/** A contact of an API-channel inbox, as the Client API creates it. */
export interface ContactIdentity {
  /** Credential for the Client API paths. */
  sourceId: string;
  /** Credential for the cable subscription. */
  pubsubToken: string;
  contactId: string;
  name?: string;
}

/** The signed-in agent, from `GET /api/v1/profile`. */
export interface AgentProfile {
  userId: string;
  name?: string;
  pubsubToken: string;
  accountId?: string;
}

/** What the adapter needs from either API; objects are raw Chatwoot JSON, decoded by the caller. */
export interface ChatwootApi {
  listConversations(signal?: AbortSignal): Promise<WireRecord[]>;
  createConversation(signal?: AbortSignal): Promise<WireRecord>;
  /** Latest page (20) ascending, or the page before `before` (a message id). */
  listMessages(conversationId: string, before: string | undefined, signal?: AbortSignal): Promise<unknown[]>;
  sendMessage(conversationId: string, content: string, echoId: string, signal?: AbortSignal): Promise<WireRecord>;
  editMessage(conversationId: string, messageId: string, content: string, signal?: AbortSignal): Promise<unknown>;
  deleteMessage(conversationId: string, messageId: string, signal?: AbortSignal): Promise<unknown>;
  setTyping(conversationId: string, on: boolean, signal?: AbortSignal): Promise<void>;
  markSeen(conversationId: string, signal?: AbortSignal): Promise<void>;
}

type Call = (path: string, req?: JsonRequest) => Promise<unknown>;

/** A request function with redacted errors. */
function caller(fetchFn: typeof fetch, base: string, headers: Record<string, string>, secrets: () => string[]): Call {
  return async (path, req = {}) => {
    try {
      return await requestJson(fetchFn, joinUrl(base, path), { ...req, headers: { ...headers, ...req.headers } });
    } catch (err) {
      const hidden = secrets();
      if (err instanceof HttpError) throw new HttpError(err.status, redact(err.message, hidden), err.body);
      if (err instanceof NetworkError) throw new NetworkError(redact(err.message, hidden));
      throw err;
    }
  };
}

const seg = (v: string | number): string => encodeURIComponent(String(v));
const beforeQuery = (before: string | undefined): string => (before === undefined ? '' : `?before=${seg(before)}`);

function records(v: unknown, what: string): WireRecord[] {
  return array(v, what).map((x, i) => record(x, `${what}[${i}]`));
}

/** Decode the contact the Client API returns on creation. */
export function contactIdentityOf(v: unknown): ContactIdentity {
  const c = record(v, 'contact');
  const out: ContactIdentity = {
    sourceId: str(c.source_id, 'contact.source_id'),
    pubsubToken: str(c.pubsub_token, 'contact.pubsub_token'),
    contactId: id(c.id, 'contact.id'),
  };
  const name = optStr(c.name, 'contact.name');
  if (name) out.name = name;
  return out;
}

/** Client API (`/public/api/v1/inboxes/{inbox}/…`), used by a contact. */
export class ContactApi implements ChatwootApi {
  private readonly call: Call;
  private identity?: ContactIdentity;

  constructor(fetchFn: typeof fetch, baseUrl: string, private readonly inbox: string) {
    this.call = caller(fetchFn, baseUrl, {}, () => (this.identity ? [this.identity.sourceId, this.identity.pubsubToken] : []));
  }

  /** Use this contact for every later call. */
  use(identity: ContactIdentity): void {
    this.identity = identity;
  }

  private get contactPath(): string {
    if (!this.identity) throw new Error('no contact yet');
    return `/public/api/v1/inboxes/${seg(this.inbox)}/contacts/${seg(this.identity.sourceId)}`;
  }

  /** `POST …/contacts {name?}`: a new contact (and its credentials). */
  async createContact(name: string | undefined, signal?: AbortSignal): Promise<ContactIdentity> {
    const body = name ? { name } : {};
    return contactIdentityOf(await this.call(`/public/api/v1/inboxes/${seg(this.inbox)}/contacts`, { method: 'POST', body, signal }));
  }

  async listConversations(signal?: AbortSignal): Promise<WireRecord[]> {
    return records(await this.call(`${this.contactPath}/conversations`, { signal }), 'conversations');
  }

  async createConversation(signal?: AbortSignal): Promise<WireRecord> {
    return record(await this.call(`${this.contactPath}/conversations`, { method: 'POST', body: {}, signal }), 'conversation');
  }

  async listMessages(conversationId: string, before: string | undefined, signal?: AbortSignal): Promise<unknown[]> {
    const got = await this.call(`${this.contactPath}/conversations/${seg(conversationId)}/messages${beforeQuery(before)}`, { signal });
    return messageList(got);
  }

  async sendMessage(conversationId: string, content: string, echoId: string, signal?: AbortSignal): Promise<WireRecord> {
    const path = `${this.contactPath}/conversations/${seg(conversationId)}/messages`;
    return record(await this.call(path, { method: 'POST', body: { content, echo_id: echoId }, signal }), 'message');
  }

  editMessage(): Promise<unknown> {
    return Promise.reject(new Error('a contact cannot edit messages'));
  }

  deleteMessage(): Promise<unknown> {
    return Promise.reject(new Error('a contact cannot delete messages'));
  }

  async setTyping(conversationId: string, on: boolean, signal?: AbortSignal): Promise<void> {
    const path = `${this.contactPath}/conversations/${seg(conversationId)}/toggle_typing`;
    await this.call(path, { method: 'POST', body: { typing_status: on ? 'on' : 'off' }, signal });
  }

  async markSeen(conversationId: string, signal?: AbortSignal): Promise<void> {
    await this.call(`${this.contactPath}/conversations/${seg(conversationId)}/update_last_seen`, { method: 'POST', body: {}, signal });
  }
}

/** Application API (`/api/v1/…`, `api_access_token` header), used by an agent. */
export class AgentApi implements ChatwootApi {
  private readonly call: Call;
  private readonly account: string;
  private pubsubToken?: string;

  constructor(fetchFn: typeof fetch, baseUrl: string, token: string, accountId: string | number) {
    this.call = caller(fetchFn, baseUrl, { api_access_token: token }, () => [token, ...(this.pubsubToken ? [this.pubsubToken] : [])]);
    this.account = `/api/v1/accounts/${seg(accountId)}`;
  }

  /** `GET /api/v1/profile`: who the token belongs to. */
  async profile(signal?: AbortSignal): Promise<AgentProfile> {
    const p = record(await this.call('/api/v1/profile', { signal }), 'profile');
    const out: AgentProfile = { userId: id(p.id, 'profile.id'), pubsubToken: str(p.pubsub_token, 'profile.pubsub_token') };
    this.pubsubToken = out.pubsubToken;
    const name = optStr(p.available_name, 'profile.available_name') || optStr(p.name, 'profile.name');
    if (name) out.name = name;
    const accountId = optStr(p.account_id, 'profile.account_id');
    if (accountId) out.accountId = accountId;
    return out;
  }

  async listConversations(signal?: AbortSignal): Promise<WireRecord[]> {
    const got = record(await this.call(`${this.account}/conversations`, { signal }), 'conversations');
    const data = record(got.data, 'conversations.data');
    return records(data.payload, 'conversations.data.payload');
  }

  createConversation(): Promise<WireRecord> {
    return Promise.reject(new Error('an agent cannot start a conversation here'));
  }

  async listMessages(conversationId: string, before: string | undefined, signal?: AbortSignal): Promise<unknown[]> {
    return messageList(await this.call(`${this.account}/conversations/${seg(conversationId)}/messages${beforeQuery(before)}`, { signal }));
  }

  async sendMessage(conversationId: string, content: string, echoId: string, signal?: AbortSignal): Promise<WireRecord> {
    const path = `${this.account}/conversations/${seg(conversationId)}/messages`;
    return record(await this.call(path, { method: 'POST', body: { content, private: false, echo_id: echoId }, signal }), 'message');
  }

  editMessage(conversationId: string, messageId: string, content: string, signal?: AbortSignal): Promise<unknown> {
    const path = `${this.account}/conversations/${seg(conversationId)}/messages/${seg(messageId)}`;
    return this.call(path, { method: 'PATCH', body: { content }, signal });
  }

  deleteMessage(conversationId: string, messageId: string, signal?: AbortSignal): Promise<unknown> {
    return this.call(`${this.account}/conversations/${seg(conversationId)}/messages/${seg(messageId)}`, { method: 'DELETE', signal });
  }

  async setTyping(conversationId: string, on: boolean, signal?: AbortSignal): Promise<void> {
    const path = `${this.account}/conversations/${seg(conversationId)}/toggle_typing_status`;
    await this.call(path, { method: 'POST', body: { typing_status: on ? 'on' : 'off' }, signal });
  }

  async markSeen(conversationId: string, signal?: AbortSignal): Promise<void> {
    await this.call(`${this.account}/conversations/${seg(conversationId)}/update_last_seen`, { method: 'POST', body: {}, signal });
  }
}

/** A message list: a bare array (Client API) or `{payload: [...]}` (Application API). */
function messageList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isRecord(v) && Array.isArray(v.payload)) return v.payload;
  throw new DecodeError('messages: expected an array or {payload: [...]}');
}
