/**
 * `<parley-chat>`'s attributes as a client configuration, and what keeps them from being one.
 */
import type { ChatClientOptions } from '../../core/client.js';
import type { TransportFactory } from '../../core/transport/transport.js';
import type { MessageKey } from '../../i18n/index.js';

/** Properties whose change makes another configuration, which has not been open yet. */
export const CONFIG_KEYS = ['protocol', 'url', 'token', 'userId', 'options', 'optionAttributes', 'optionProperties', 'transport'] as const;

/** What the element holds that makes a configuration. */
export interface ChatConfigSource {
  protocol: string; url: string; token?: string; userId?: string; conversation?: string; noPersist: boolean;
  connectTimeout?: number; options: Record<string, unknown>; transport?: TransportFactory;
  /** Protocol options set through their attributes (every backend's schema names them). */
  optionAttributes: Readonly<Record<string, unknown>>;
  /** Protocol options set as properties of their names. */
  optionProperties: Readonly<Record<string, unknown>>;
}

/** The protocol options from all three places, later ones winning: attributes, option properties, `options`. */
export function chatOptions(el: Pick<ChatConfigSource, 'options' | 'optionAttributes' | 'optionProperties'>): Record<string, unknown> {
  return { ...el.optionAttributes, ...el.optionProperties, ...el.options };
}

/** The client configuration, or undefined while `protocol` or `url` is missing. */
export function chatConfig(el: ChatConfigSource): Omit<ChatClientOptions, 'store'> | undefined {
  if (!el.protocol || !el.url) return undefined;
  return {
    protocol: el.protocol, url: el.url, token: el.token, userId: el.userId,
    conversation: el.conversation, options: chatOptions(el), persist: !el.noPersist,
    connectTimeout: el.connectTimeout,
    ...(el.transport ? { transport: el.transport } : {}),
  };
}

/** A missing attribute that keeps the chat from connecting at all, as the key of its words; undefined when none is. */
export function configProblem(el: Pick<ChatConfigSource, 'protocol' | 'url'>): MessageKey | undefined {
  if (!el.protocol) return 'chat.missingProtocol';
  if (!el.url) return 'chat.missingUrl';
  return undefined;
}
