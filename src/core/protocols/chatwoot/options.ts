/**
 * The Chatwoot adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (http(s) base of the installation), `token`
 * (an agent's access token), `userId`, `conversation`. Protocol options (`options`): `OPTIONS` in option-specs.ts.
 */
import type { ConnectOptions } from '../../protocol.js';
import { joinUrl } from '../../http.js';
import { httpBaseUrl, optionError, optionNumber, optionText } from '../../runtime/option-values.js';

/** The longest interval a timer takes (2^31 - 1 ms). */
const MAX_INTERVAL_MS = 2_147_483_647;

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
  contactEmail?: string;
  staleMs: number;
  presenceMs: number;
}

/** Which role the options ask for, without checking anything else. */
function roleOf(o: ConnectOptions): 'contact' | 'agent' {
  const role = o.options.role;
  if (role === 'agent' || role === 'contact') return role;
  return o.options.accountId !== undefined && o.options.accountId !== null && o.options.accountId !== '' ? 'agent' : 'contact';
}

/** `text` as a ws(s) URL (http(s) taken as ws(s)), without query or hash. Throws on a relative URL. */
function wsUrl(text: string): string {
  const u = new URL(text);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  u.search = '';
  u.hash = '';
  return u.href;
}

/** Check and normalize the options. Throws ConnectError('config-error') (the runtime names the protocol). */
export function readConfig(o: ConnectOptions): ChatwootConfig {
  const role = o.options.role;
  if (role !== undefined && role !== 'contact' && role !== 'agent') optionError('option "role" must be "contact" or "agent"');
  const baseUrl = httpBaseUrl(o.url, '"url"');
  const cableOpt = optionText(o.options.cableUrl, 'cableUrl');
  let cableUrl: string;
  try {
    cableUrl = cableOpt ? wsUrl(cableOpt) : joinUrl(wsUrl(baseUrl), 'cable');
  } catch {
    return optionError('option "cableUrl" must be an absolute ws(s) or http(s) URL');
  }

  const cfg: ChatwootConfig = {
    role: roleOf(o),
    url: o.url,
    baseUrl,
    cableUrl,
    staleMs: optionNumber(o.options.staleMs, 'staleMs', 10_000, 100, MAX_INTERVAL_MS),
    presenceMs: optionNumber(o.options.presenceMs, 'presenceMs', 30_000, 100, MAX_INTERVAL_MS),
  };
  const set = <K extends keyof ChatwootConfig>(key: K, value: ChatwootConfig[K] | undefined): void => {
    if (value !== undefined) cfg[key] = value;
  };
  set('inboxIdentifier', optionText(o.options.inboxIdentifier, 'inboxIdentifier'));
  set('token', optionText(o.token, 'token'));
  set('userId', optionText(o.userId, 'userId'));
  set('conversation', optionText(o.conversation, 'conversation'));
  set('pubsubToken', optionText(o.options.pubsubToken, 'pubsubToken'));
  set('sourceId', optionText(o.options.sourceId, 'sourceId'));
  set('contactId', optionText(o.options.contactId, 'contactId') ?? (cfg.role === 'contact' ? cfg.userId : undefined));
  set('contactName', optionText(o.options.contactName, 'contactName'));
  set('contactEmail', optionText(o.options.contactEmail, 'contactEmail'));
  const account = optionText(o.options.accountId, 'accountId');
  if (account !== undefined) {
    if (!/^\d+$/.test(account)) optionError('option "accountId" must be a whole number');
    cfg.accountId = Number(account);
  }

  if (cfg.role === 'contact') {
    if (!cfg.inboxIdentifier) optionError('a contact needs the option "inboxIdentifier" (an API-channel inbox)');
    if ((cfg.sourceId === undefined) !== (cfg.pubsubToken === undefined)) optionError('options "sourceId" and "pubsubToken" go together');
  } else {
    if (!cfg.token) optionError('an agent needs "token" (an access token)');
    if (cfg.accountId === undefined) optionError('an agent needs the option "accountId"');
  }
  return cfg;
}
