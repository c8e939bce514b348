/**
 * `<parley-chat>`'s attributes as a client configuration, and what keeps them from being one.
 */
import type { ChatClientOptions } from '../../core/client.js';
import { CHAT_TEXT } from './strings.js';

/** Properties that carry protocol options (their attributes are documented on the element). */
export const OPTION_KEYS = ['inboxIdentifier', 'accountId', 'userRole', 'pubsubToken', 'sourceId', 'contactName', 'cableUrl'] as const;
/** Properties whose change makes another configuration, which has not been open yet. */
export const CONFIG_KEYS = ['protocol', 'url', 'token', 'userId', 'options', ...OPTION_KEYS] as const;

/** What the element holds that makes a configuration. */
export type ChatConfigSource = {
  protocol: string; url: string; token?: string; userId?: string; conversation?: string; noPersist: boolean;
  connectTimeout?: number; options: Record<string, unknown>;
} & { [K in (typeof OPTION_KEYS)[number]]?: string };

/** The client configuration, or undefined while `protocol` or `url` is missing. */
export function chatConfig(el: ChatConfigSource): Omit<ChatClientOptions, 'store'> | undefined {
  if (!el.protocol || !el.url) return undefined;
  const options: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const value = el[key];
    if (value !== undefined && value !== null && value !== '') options[key === 'userRole' ? 'role' : key] = value;
  }
  return {
    protocol: el.protocol, url: el.url, token: el.token, userId: el.userId,
    conversation: el.conversation, options: { ...options, ...el.options }, persist: !el.noPersist,
    connectTimeout: el.connectTimeout,
  };
}

/** A missing attribute that keeps the chat from connecting at all, in words; undefined when none is. */
export function configProblem(el: Pick<ChatConfigSource, 'protocol' | 'url'>): string | undefined {
  if (!el.protocol) return CHAT_TEXT.missingProtocol;
  if (!el.url) return CHAT_TEXT.missingUrl;
  return undefined;
}
