/**
 * `Parley.mount({...})`: one call instead of writing the tag.
 */
import type { ParleyChat } from './elements/chat/chat.js';
import type { Strings } from './i18n/index.js';
import './elements/chat/define.js';

/** What `mount` accepts: the `<parley-chat>` attributes as camelCase, plus where to put it. */
export interface MountOptions {
  protocol: string;
  url: string;
  token?: string;
  userId?: string;
  conversation?: string;
  mode?: 'inline' | 'launcher';
  theme?: 'light' | 'dark' | 'auto';
  locale?: string;
  /** A site's own strings over the catalog of `locale` (README, "Strings and languages"). */
  strings?: Strings;
  noPersist?: boolean;
  heading?: string;
  /** Protocol options, e.g. `{ inboxIdentifier: '…' }` for Chatwoot. */
  options?: Record<string, unknown>;
  /** Element or selector to append the chat to; `document.body` by default. */
  target?: Element | string;
}

/**
 * Create a `<parley-chat>`, configure it and append it to `target` (`document.body` by default).
 * Returns the element. Throws when the target is not there: a selector that matches nothing, or
 * no `<body>` yet (a script in `<head>`: wait for `DOMContentLoaded`, or use the IIFE's
 * `Parley.mount`, which waits).
 */
export function mount(opts: MountOptions): ParleyChat {
  const el = document.createElement('parley-chat');
  const { target, options, ...props } = opts;
  Object.assign(el, props);
  if (options) el.options = options;
  const parent = typeof target === 'string' ? document.querySelector(target) : target ?? document.body;
  if (!parent) throw new Error(`Parley.mount: ${target ? `no element matches ${JSON.stringify(target)}` : 'no <body> yet'}`);
  parent.append(el);
  return el;
}
