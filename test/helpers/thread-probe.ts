/**
 * What a test prints when a message it waits for is not on screen: whether the store holds it,
 * where the thread's scroller stands, and which rows the thread's virtual list rendered. It tells a message
 * that never arrived from one that arrived but was scrolled out of view.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';

/** A one-line account of the open thread, with where `text` was found (store, DOM, nowhere). */
export function describeThread(chat: ParleyChat, text?: string): string {
  const { activeConversation, messages } = chat.session.store.getState();
  const list = (activeConversation && messages.get(activeConversation)) || [];
  const thread = chat.shadowRoot?.querySelector('parley-thread');
  const scroller = thread?.shadowRoot?.querySelector<HTMLElement>('[role="log"]');
  const rows = [...(thread?.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((el) => el.getAttribute('data-message-id'));
  const inStore = text === undefined ? '' : ` in store: ${list.findIndex((m) => JSON.stringify(m).includes(JSON.stringify(text).slice(1, -1)))}`;
  const metrics = scroller ? `scrollTop ${Math.round(scroller.scrollTop)}, scrollHeight ${scroller.scrollHeight}, clientHeight ${scroller.clientHeight}` : 'no scroller';
  const t = thread as unknown as { rows?: unknown[]; list?: { followingEnd: boolean; rendered: { first: number; last: number } } } | undefined;
  const own = t ? `; thread rows ${t.rows?.length}, following the end ${t.list?.followingEnd}, rendered ${t.list?.rendered.first}…${t.list?.rendered.last}` : '';
  return `thread of ${list.length} (last ${list.at(-1)?.id}),${inStore}; ${metrics}; ${rows.length} rows rendered (${rows[0]}…${rows.at(-1)}); status ${chat.connectionStatus}${own}`;
}
