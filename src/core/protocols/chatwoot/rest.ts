/**
 * Typed REST clients for Chatwoot: the Client API a contact uses (no auth header: the contact's
 * `source_id` in the path is the credential) and the Application API an agent uses
 * (`api_access_token` header). Answers are checked for shape here and decoded by the adapter with
 * the same decoders as cable frames.
 *
 * | call | contact (Client API) | agent (Application API) |
 * |---|---|---|
 * | who am I | `POST /public/api/v1/inboxes/{inbox}/contacts {name?, email?}` | `GET /api/v1/profile` |
 * | conversations | `GET …/contacts/{source_id}/conversations` → `[...]` | `GET /api/v1/accounts/{aid}/conversations` → `{data:{payload}}` |
 * | new conversation | `POST …/contacts/{source_id}/conversations` | — |
 * | messages | `GET …/conversations/{cid}/messages[?before=id]` → `[...]` (thin: no status, updated_at, echo_id) | same path under the account → `{payload}` |
 * | send | `POST …/messages {content, echo_id}` | `POST …/messages {content, private: false, echo_id}` |
 * | send files | the same, multipart: `content`, `echo_id`, `attachments[]` (one part per file) | the same, plus `private` |
 * | delete | — | `DELETE …/messages/{mid}` (soft: placeholder text, `content_attributes.deleted`) |
 * | typing | `POST …/toggle_typing {typing_status}` | `POST …/toggle_typing_status {typing_status}` |
 * | read | `POST …/update_last_seen` | `POST …/update_last_seen` |
 */
import { joinUrl, type FormRequest, type JsonRequest } from '../../http.js';
import { redactedRequestForm, redactedRequestJson } from '../../runtime/redacted-request.js';
import { fetchUpload, type OutgoingFile, type UploadFetch, type UploadProgress } from '../../uploads.js';
import { DecodeError, array, assignDefined, id, isRecord, optStr, record, str, type WireRecord } from '../../wire.js';

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
}

/** What the adapter needs from either API; objects are raw Chatwoot JSON, decoded by the caller. */
export interface ChatwootApi {
  listConversations(signal?: AbortSignal): Promise<WireRecord[]>;
  createConversation(signal?: AbortSignal): Promise<WireRecord>;
  /** Latest page (20) ascending, or the page before `before` (a message id). */
  listMessages(conversationId: string, before: string | undefined, signal?: AbortSignal): Promise<unknown[]>;
  /** With `files`, one multipart request (`attachments[]`), its progress told to `progress`. */
  sendMessage(conversationId: string, content: string, echoId: string, signal?: AbortSignal, files?: readonly OutgoingFile[], progress?: UploadProgress): Promise<WireRecord>;
  deleteMessage(conversationId: string, messageId: string, signal?: AbortSignal): Promise<unknown>;
  setTyping(conversationId: string, on: boolean, signal?: AbortSignal): Promise<void>;
  markSeen(conversationId: string, signal?: AbortSignal): Promise<void>;
}

/** The Client API, plus contact creation; `use` picks the contact for every later call. */
export interface ContactApi extends ChatwootApi {
  createContact(details: { name?: string; email?: string }, signal?: AbortSignal): Promise<ContactIdentity>;
  use(identity: ContactIdentity): void;
}

/** The Application API, plus the profile. */
export interface AgentApi extends ChatwootApi {
  profile(signal?: AbortSignal): Promise<AgentProfile>;
}

type Call = ((path: string, req?: JsonRequest) => Promise<unknown>) & { form(path: string, req: FormRequest): Promise<unknown> };

/** A request function whose errors keep their class but carry no credential (the source id, the access token, pubsub tokens). */
function caller(fetchFn: typeof fetch, upload: UploadFetch, base: string, headers: Record<string, string>, secrets: () => string[]): Call {
  const call = (path: string, req: JsonRequest = {}) => redactedRequestJson(fetchFn, joinUrl(base, path), { ...req, headers: { ...headers, ...req.headers } }, secrets);
  return Object.assign(call, {
    form: (path: string, req: FormRequest) => redactedRequestForm(upload, joinUrl(base, path), { ...req, headers: { ...headers, ...req.headers } }, secrets),
  });
}

const seg = (v: string | number): string => encodeURIComponent(String(v));
const POST = (body: unknown, signal?: AbortSignal): JsonRequest => ({ method: 'POST', body, signal });

function records(v: unknown, what: string): WireRecord[] {
  return array(v, what).map((x, i) => record(x, `${what}[${i}]`));
}

/** A message list: a bare array (Client API) or `{payload: [...]}` (Application API). */
function messageList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isRecord(v) && Array.isArray(v.payload)) return v.payload;
  throw new DecodeError('messages: expected an array or {payload: [...]}');
}

/** The calls both APIs share, over a conversations path and the role's differences. */
function conversationsApi(call: Call, conversations: () => string, agent: boolean): ChatwootApi {
  const at = (cid: string, rest: string): string => `${conversations()}/${seg(cid)}/${rest}`;
  return {
    async listConversations(signal) {
      const got = await call(conversations(), { signal });
      return records(agent ? record(record(got, 'conversations').data, 'conversations.data').payload : got, 'conversations');
    },
    async createConversation(signal) {
      return record(await call(conversations(), POST({}, signal)), 'conversation');
    },
    async listMessages(cid, before, signal) {
      return messageList(await call(at(cid, `messages${before === undefined ? '' : `?before=${seg(before)}`}`), { signal }));
    },
    async sendMessage(cid, content, echoId, signal, files, progress) {
      const body = agent ? { content, private: false, echo_id: echoId } : { content, echo_id: echoId };
      if (!files?.length) return record(await call(at(cid, 'messages'), POST(body, signal)), 'message');
      const form = new FormData();
      for (const [k, v] of Object.entries(body)) form.append(k, String(v));
      for (const f of files) form.append('attachments[]', f, f.name);
      return record(await call.form(at(cid, 'messages'), { form, signal, progress }), 'message');
    },
    deleteMessage: (cid, mid, signal) => call(at(cid, `messages/${seg(mid)}`), { method: 'DELETE', signal }),
    async setTyping(cid, on, signal) {
      await call(at(cid, agent ? 'toggle_typing_status' : 'toggle_typing'), POST({ typing_status: on ? 'on' : 'off' }, signal));
    },
    async markSeen(cid, signal) {
      await call(at(cid, 'update_last_seen'), POST({}, signal));
    },
  };
}

/** Decode the contact the Client API returns on creation. */
export function contactIdentityOf(v: unknown): ContactIdentity {
  const c = record(v, 'contact');
  return assignDefined<ContactIdentity>({
    sourceId: str(c.source_id, 'contact.source_id'),
    pubsubToken: str(c.pubsub_token, 'contact.pubsub_token'),
    contactId: id(c.id, 'contact.id'),
  }, { name: optStr(c.name, 'contact.name') || undefined });
}

/** Client API (`/public/api/v1/inboxes/{inbox}/…`), used by a contact. */
export function contactApi(fetchFn: typeof fetch, baseUrl: string, inbox: string, upload = fetchUpload(fetchFn)): ContactApi {
  let identity: ContactIdentity | undefined;
  const call = caller(fetchFn, upload, baseUrl, {}, () => (identity ? [identity.sourceId, identity.pubsubToken] : []));
  const contacts = `/public/api/v1/inboxes/${seg(inbox)}/contacts`;
  return {
    ...conversationsApi(call, () => `${contacts}/${seg(identity?.sourceId ?? '')}/conversations`, false),
    async createContact(details, signal) {
      return contactIdentityOf(await call(contacts, POST(assignDefined<{ name?: string; email?: string }>({}, details), signal)));
    },
    use(next) { identity = next; },
  };
}

/** Application API (`/api/v1/…`, `api_access_token` header), used by an agent. */
export function agentApi(fetchFn: typeof fetch, baseUrl: string, token: string, accountId: string | number, upload = fetchUpload(fetchFn)): AgentApi {
  let pubsub: string | undefined;
  const call = caller(fetchFn, upload, baseUrl, { api_access_token: token }, () => (pubsub ? [token, pubsub] : [token]));
  return {
    ...conversationsApi(call, () => `/api/v1/accounts/${seg(accountId)}/conversations`, true),
    async profile(signal) {
      const p = record(await call('/api/v1/profile', { signal }), 'profile');
      pubsub = str(p.pubsub_token, 'profile.pubsub_token');
      return assignDefined<AgentProfile>({ userId: id(p.id, 'profile.id'), pubsubToken: pubsub }, {
        name: optStr(p.available_name, 'profile.available_name') || optStr(p.name, 'profile.name') || undefined,
      });
    },
  };
}
