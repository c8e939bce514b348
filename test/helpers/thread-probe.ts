/**
 * What a test prints when a message it waits for is not on screen: whether the store holds it,
 * where the thread's scroller stands, and which rows the virtualizer rendered. It tells a message
 * that never arrived from one that arrived but was scrolled out of view.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';

/** A one-line account of the open thread, with where `text` was found (store, DOM, nowhere). */
export function describeThread(chat: ParleyChat, text?: string): string {
  const { activeConversation, messages } = chat.session.store.getState();
  const list = (activeConversation && messages.get(activeConversation)) || [];
  const thread = chat.shadowRoot?.querySelector('parley-thread');
  const scroller = thread?.shadowRoot?.querySelector<HTMLElement>('lit-virtualizer');
  const rows = [...(thread?.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((el) => el.getAttribute('data-message-id'));
  const inStore = text === undefined ? '' : ` in store: ${list.findIndex((m) => JSON.stringify(m).includes(JSON.stringify(text).slice(1, -1)))}`;
  const metrics = scroller ? `scrollTop ${Math.round(scroller.scrollTop)}, scrollHeight ${scroller.scrollHeight}, clientHeight ${scroller.clientHeight}` : 'no scroller';
  const v = scroller ? virtualizerOf(scroller) : undefined;
  const t = thread as unknown as { rows?: unknown[]; atBottom?: boolean; anchorKey?: string } | undefined;
  const inner = v ? `; virtualizer ${v._first}…${v._last} of ${v._items?.length} (layout ${v._layout?._first}…${v._layout?._last} of ${v._layout?.items?.length}, pin ${JSON.stringify(v._layout?._pin)}, size ${v._scrollSize?.height})` : '';
  const own = t ? `; thread rows ${t.rows?.length}, atBottom ${t.atBottom}, anchor ${t.anchorKey}` : '';
  return `thread of ${list.length} (last ${list.at(-1)?.id}),${inStore}; ${metrics}; ${rows.length} rows rendered (${rows[0]}…${rows.at(-1)}); status ${chat.connectionStatus}${own}${inner}`;
}

/** The virtualizer's private side of a `<lit-virtualizer>`: read by diagnostics, and by tests that act as it does. */
export interface VirtualizerInternals {
  _first?: number;
  _last?: number;
  _items?: unknown[];
  _scrollSize?: { height: number };
  _layout?: { _pin?: unknown; _first?: number; _last?: number; items?: unknown[]; unpin(): void };
}

/** The virtualizer behind a `<lit-virtualizer>` element (held under its `virtualizerRef` symbol). */
export function virtualizerOf(scroller: HTMLElement): VirtualizerInternals | undefined {
  const ref = Object.getOwnPropertySymbols(scroller).find((k) => k.description === 'virtualizerRef');
  return ref ? (scroller as unknown as Record<symbol, VirtualizerInternals>)[ref] : undefined;
}
