import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

describe('<parley-thread> and my own sends', () => {
  it('a message I send while scrolled up brings the thread back to the bottom', async () => {
    const start = Date.UTC(2026, 0, 1);
    const events: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    for (let i = 0; i < 300; i++) events.push({ type: 'message.created', message: msg({ id: String(i), conversationId: 'c1', text: `message ${i}`, at: start + i * 60_000 }) });
    const { thread, session } = await threadWith(events);
    const row = (id: string) => thread.shadowRoot!.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
    const inView = (el: HTMLElement | null) => {
      const list = thread.shadowRoot!.querySelector('[role="log"]')!.getBoundingClientRect();
      const r = el?.getBoundingClientRect();
      return !!r && r.bottom > list.top && r.top < list.bottom;
    };
    await until(() => inView(row('299')), 5000, 'the newest message');
    thread.scrollToTop();
    await until(() => inView(row('0')), 5000, 'the oldest message, scrolled up');
    // A message from someone else leaves the user where they are reading.
    session.store.apply([{ type: 'message.created', message: msg({ id: '300', conversationId: 'c1', text: 'from Ada', at: start + 300 * 60_000 }) }]);
    session.store.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(inView(row('0')), 'still reading the top').to.equal(true);
    const mine = session.store.addPending({
      conversationId: 'c1', clientRef: 'r1', kind: 'text', text: 'my reply', markup: 'plain', attachments: [],
      sender: { id: 'me', role: 'self' }, createdAt: start + 301 * 60_000,
    });
    session.store.flush();
    await until(() => inView(row(mine.id)), 5000, 'my message in view');
  });
});
