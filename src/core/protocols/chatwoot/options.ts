/**
 * The Chatwoot adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (http(s) base of the installation), `token`
 * (an agent's access token), `userId`, `conversation`. Protocol options (`options`):
 *
 * | option | meaning |
 * |---|---|
 * | `role` | `'contact'` (customer widget, Client API) or `'agent'` (Application API); default `agent` when `accountId` is set, else `contact` |
 * | `inboxIdentifier` | API-channel inbox identifier (required for a contact) |
 * | `accountId` | account id (required for an agent) |
 * | `pubsubToken` | cable credential; for a contact, with `sourceId`, skips creating a contact |
 * | `sourceId` | a contact's Client API credential |
 * | `contactId` | a contact's id (else `userId`) |
 * | `contactName` | name of a contact created on first visit |
 * | `cableUrl` | ActionCable URL; default `url` with http→ws and path `/cable` |
 * | `staleMs` | silence (no ping) after which the socket counts as dead; default 10000 |
 * | `presenceMs` | `update_presence` interval; default 30000 |
 */
import { ConnectError, type ConnectOptions } from '../../protocol.js';
import { joinUrl } from '../../http.js';

/** The checked configuration. */
export interface ChatwootConfig {
  role: 'contact' | 'agent';
  /** `url` as given (storage keys use it). */
  url: string;
  /** http(s) base for REST, without a trailing slash. */
  baseUrl: string;
  /** ws(s) URL of the cable. */
  cableUrl: string;
  inboxIdentifier?: string;
  accountId?: number;
  token?: string;
  userId?: string;
  conversation?: string;
  pubsubToken?: string;
  sourceId?: string;
  contactId?: string;
  contactName?: string;
  staleMs: number;
  presenceMs: number;
}

function fail(message: string): never {
  throw new ConnectError('config-error', `chatwoot: ${message}`);
}

function optText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(`option "${name}" must be a string`);
}

function optMs(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 100) fail(`option "${name}" must be a number of milliseconds`);
  return n;
}

/** Which role the options ask for, without checking anything else. */
export function roleOf(o: ConnectOptions): 'contact' | 'agent' {
  const role = o.options.role;
  if (role === 'agent' || role === 'contact') return role;
  return o.options.accountId !== undefined && o.options.accountId !== null && o.options.accountId !== '' ? 'agent' : 'contact';
}

function withScheme(url: URL, from: Record<string, string>): URL {
  const next = from[url.protocol];
  const out = new URL(url.href);
  if (next) out.protocol = next;
  out.search = '';
  out.hash = '';
  return out;
}

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): ChatwootConfig {
  const role = o.options.role;
  if (role !== undefined && role !== 'contact' && role !== 'agent') fail('option "role" must be "contact" or "agent"');
  let base: URL;
  try {
    base = new URL(o.url);
  } catch {
    return fail('"url" must be an absolute http(s) URL of the Chatwoot installation');
  }
  if (!/^(https?|wss?):$/.test(base.protocol)) fail('"url" must be an http(s) URL');
  const baseUrl = withScheme(base, { 'ws:': 'http:', 'wss:': 'https:' }).href.replace(/\/+$/, '');
  const cableOpt = optText(o.options.cableUrl, 'cableUrl');
  let cableUrl: string;
  try {
    cableUrl = cableOpt
      ? withScheme(new URL(cableOpt), { 'http:': 'ws:', 'https:': 'wss:' }).href
      : joinUrl(withScheme(base, { 'http:': 'ws:', 'https:': 'wss:' }).href, 'cable');
  } catch {
    return fail('option "cableUrl" must be an absolute ws(s) or http(s) URL');
  }

  const cfg: ChatwootConfig = {
    role: roleOf(o),
    url: o.url,
    baseUrl,
    cableUrl,
    staleMs: optMs(o.options.staleMs, 'staleMs', 10_000),
    presenceMs: optMs(o.options.presenceMs, 'presenceMs', 30_000),
  };
  const set = <K extends keyof ChatwootConfig>(key: K, value: ChatwootConfig[K] | undefined): void => {
    if (value !== undefined) cfg[key] = value;
  };
  set('inboxIdentifier', optText(o.options.inboxIdentifier, 'inboxIdentifier'));
  set('token', optText(o.token, 'token'));
  set('userId', optText(o.userId, 'userId'));
  set('conversation', optText(o.conversation, 'conversation'));
  set('pubsubToken', optText(o.options.pubsubToken, 'pubsubToken'));
  set('sourceId', optText(o.options.sourceId, 'sourceId'));
  set('contactId', optText(o.options.contactId, 'contactId') ?? (cfg.role === 'contact' ? cfg.userId : undefined));
  set('contactName', optText(o.options.contactName, 'contactName'));
  const account = optText(o.options.accountId, 'accountId');
  if (account !== undefined) {
    if (!/^\d+$/.test(account)) fail('option "accountId" must be a whole number');
    cfg.accountId = Number(account);
  }

  if (cfg.role === 'contact') {
    if (!cfg.inboxIdentifier) fail('a contact needs the option "inboxIdentifier" (an API-channel inbox)');
    if ((cfg.sourceId === undefined) !== (cfg.pubsubToken === undefined)) fail('options "sourceId" and "pubsubToken" go together');
  } else {
    if (!cfg.token) fail('an agent needs "token" (an access token)');
    if (cfg.accountId === undefined) fail('an agent needs the option "accountId"');
  }
  return cfg;
}
