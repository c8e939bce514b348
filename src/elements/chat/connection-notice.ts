/**
 * What the chat tells a person about its connection: a short status for the header and, when
 * something is wrong, a banner with the reason. Pure functions of what the element knows, so each
 * state has one wording: never connected, reconnecting, offline and misconfigured read differently.
 */
import type { DisconnectReason } from '../../core/protocol.js';
import type { ConnectionStatus } from '../../core/store.js';
import type { MessageKey, ParleyMessages } from '../../i18n/index.js';

/** Which of the chat's situations the notice describes; the banner carries it as `data-state`. */
export type NoticeState =
  | 'idle' | 'connecting' | 'open'
  | 'never-connected' | 'reconnecting' | 'offline'
  | 'misconfigured' | 'auth-failed' | 'rejected' | 'disconnected';

/** What the element knows when it words its notice. */
export interface NoticeInput {
  status: ConnectionStatus;
  reason?: DisconnectReason;
  /** Whether this configuration was ever open: tells a first connect that fails from a lost connection. */
  everOpen: boolean;
  /** Why the last connect failed, in the words of whoever refused (already redacted). */
  failure?: string;
  /** A configuration the element can see is incomplete (a missing `url`): no connect is even tried. */
  configProblem?: MessageKey;
}

/** The worded notice. */
export interface ConnectionNotice {
  state: NoticeState;
  /** Short status for the header. */
  status: string;
  /** The banner's sentence; absent when all is well. */
  banner?: string;
  /** The reason under the banner. */
  detail?: string;
}

/** Why a connection that is retrying is not open, as a state and a sentence. */
function retrying(input: NoticeInput, m: ParleyMessages): ConnectionNotice {
  const { reason, everOpen } = input;
  if (reason === 'offline') {
    return { state: 'offline', status: m.t('chat.status.offline'), banner: everOpen ? m.t('chat.banner.offline') : m.t('chat.banner.offlineNeverConnected') };
  }
  if (everOpen) {
    return { state: 'reconnecting', status: m.t('chat.status.reconnecting'), banner: reason === 'timeout' ? m.t('chat.banner.reconnectingTimeout') : m.t('chat.banner.reconnecting') };
  }
  return { state: 'never-connected', status: m.t('chat.status.notConnected'), banner: reason === 'timeout' ? m.t('chat.banner.neverConnectedTimeout') : m.t('chat.banner.neverConnected') };
}

/** Why a connection stopped for good (it will not retry by itself). */
function stopped(reason: DisconnectReason | undefined, m: ParleyMessages): ConnectionNotice {
  if (reason === 'config-error') return { state: 'misconfigured', status: m.t('chat.status.notSetUp'), banner: m.t('chat.banner.misconfigured') };
  if (reason === 'auth-failed') return { state: 'auth-failed', status: m.t('chat.status.disconnected'), banner: m.t('chat.banner.authFailed') };
  if (reason === 'subscription-rejected') return { state: 'rejected', status: m.t('chat.status.disconnected'), banner: m.t('chat.banner.rejected') };
  return { state: 'disconnected', status: m.t('chat.status.disconnected'), banner: m.t('chat.banner.disconnected') };
}

/** The notice for the chat's current situation, in `m`'s words. */
export function connectionNotice(input: NoticeInput, m: ParleyMessages): ConnectionNotice {
  const { status, reason, failure, configProblem } = input;
  if (configProblem) return { state: 'misconfigured', status: m.t('chat.status.notSetUp'), banner: m.t('chat.banner.misconfigured'), detail: m.t('chat.reason', { why: m.t(configProblem) }) };
  // Connected needs no word: the header speaks of the other side instead (Online, Away).
  if (status === 'open') return { state: 'open', status: '' };
  if (status === 'idle' || (status === 'closed' && (!reason || reason === 'client-closed'))) return { state: 'idle', status: '' };
  // A first connect that has not failed yet is only connecting; once it fails (a reason, or the
  // browser offline), it says what is wrong instead of a bare "Connecting…".
  if (status === 'connecting' && !reason) return { state: 'connecting', status: m.t('chat.status.connecting') };
  const notice = status === 'closed' ? stopped(reason, m) : retrying(input, m);
  return failure && notice.state !== 'offline' ? { ...notice, detail: m.t('chat.reason', { why: failure }) } : notice;
}

/** Error codes that say why a connect failed or a connection ended (not a dropped frame or a failed send). */
const CONNECT_CODES: ReadonlySet<string> = new Set(['transport', 'auth', 'subscription', 'config', 'protocol']);

/** Longest reason shown in the widget; the console gets it whole. */
const MAX_REASON_CHARS = 300;

/** Whether an error with this code explains a connection failure. */
export function isConnectFailure(code: string): boolean {
  return CONNECT_CODES.has(code);
}

/**
 * A failure message as a person reads it: without the `protocol:` prefix core puts first
 * ("chatwoot: inbox "x" not found" reads `inbox "x" not found`), cut to a readable length.
 */
export function plainReason(message: string, protocol?: string): string {
  const prefix = protocol ? `${protocol}: ` : '';
  const text = (prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message).trim();
  const chars = [...text];
  return chars.length > MAX_REASON_CHARS ? `${chars.slice(0, MAX_REASON_CHARS - 1).join('')}…` : text;
}

/** Most distinct reasons one element logs; past it, a backend that words each failure anew stops filling the console. */
const MAX_LOGGED = 50;

/** Writes each distinct reason to the console once, however often the backend repeats it. */
export class ConsoleOnce {
  private readonly seen = new Set<string>();

  constructor(private readonly prefix: string) {}

  /** `console.error` the message, unless it was logged before. */
  error(message: string): void {
    if (this.seen.has(message) || this.seen.size >= MAX_LOGGED) return;
    this.seen.add(message);
    console.error(`${this.prefix} ${message}`);
  }
}
