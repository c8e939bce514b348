import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const DAY = 86_400_000;

function messageIds(thread: ParleyThread): string[] {
  return [...thread.shadowRoot!.querySelectorAll('[part~="message"]')].map((m) => m.getAttribute('data-message-id')!);
}

describe('<parley-thread>', () => {
  it('keeps fewer than 200 message elements for 10,000 messages, and scrolls to both ends correctly', async () => {
    const start = Date.UTC(2026, 0, 1);
    const events: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    for (let i = 0; i < 10_000; i++) {
      events.push({ type: 'message.created', message: msg({ id: String(i), conversationId: 'c1', text: `message number ${i}`, self: i % 3 === 0, at: start + i * 60_000 }) });
    }
    const { thread } = await threadWith(events);
    await until(() => messageIds(thread).includes('9999'), 5000, 'newest message at the bottom');
    const atBottom = messageIds(thread);
    expect(atBottom.length).to.be.greaterThan(3).and.lessThan(200);
    expect(atBottom).not.to.include('0');

    thread.scrollToTop();
    await until(() => messageIds(thread).includes('0'), 5000, 'oldest message at the top');
    const atTop = messageIds(thread);
    expect(atTop.length).to.be.lessThan(200);
    expect(atTop).not.to.include('9999');
    // In order, consecutive, starting from the oldest.
    expect(atTop.slice(0, 5)).to.deep.equal(['0', '1', '2', '3', '4']);
    const text = thread.shadowRoot!.querySelector('[data-message-id="0"] .text')!.textContent;
    expect(text).to.equal('message number 0');

    thread.scrollToBottom();
    await until(() => messageIds(thread).includes('9999'), 5000, 'back at the bottom');
    expect(messageIds(thread).slice(-3)).to.deep.equal(['9997', '9998', '9999']);
    expect(thread.shadowRoot!.querySelectorAll('[part~="message"]').length).to.be.lessThan(200);
  });

  it('shows a message that arrived while the thread was updating for another reason', async () => {
    const { thread, session } = await threadWith([
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({ id: 'm1', conversationId: 'c1' }) },
    ]);
    await until(() => messageIds(thread).includes('m1'), 5000, 'the first message');
    session.store.apply([{ type: 'message.created', message: msg({ id: 'm2', conversationId: 'c1', at: 1_700_000_060_000 }) }]);
    thread.requestUpdate(); // e.g. a re-pin, before the store's notice for m2 went out
    await thread.updateComplete;
    session.store.flush();
    await until(() => messageIds(thread).includes('m2'), 5000, 'the message that arrived meanwhile');
  });

  it('groups by sender and day, marks edits, deletions and delivery state', async () => {
    const t0 = Date.UTC(2026, 2, 3, 10);
    const { thread, session } = await threadWith([
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', at: t0 }) },
      { type: 'message.created', message: msg({ id: '2', conversationId: 'c1', at: t0 + 1000 }) },
      { type: 'message.created', message: msg({ id: '3', conversationId: 'c1', at: t0 + DAY, self: true, status: 'read' }) },
      { type: 'message.created', message: msg({ id: '4', conversationId: 'c1', at: t0 + DAY + 1000, text: 'to be edited' }) },
      { type: 'message.created', message: msg({ id: '5', conversationId: 'c1', at: t0 + DAY + 2000, text: 'to be deleted' }) },
    ]);
    session.store.apply([
      { type: 'message.updated', message: { id: '4', conversationId: 'c1', text: 'edited text', updatedAt: t0 + DAY + 5000 } },
      { type: 'message.deleted', conversationId: 'c1', messageIds: ['5'], scope: 'everyone' },
    ]);
    session.store.flush();
    await thread.updateComplete;
    await until(() => messageIds(thread).length === 5, 5000, 'five messages');
    await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="5"][data-deleted]'), 5000, 'the deletion rendered');
    const root = thread.shadowRoot!;
    expect(root.querySelectorAll('[part="day"]').length).to.equal(2);
    expect(root.querySelectorAll('[part="sender"]').length).to.equal(2); // Ada day 1, Ada again day 2 after my message
    expect(root.querySelector('[data-message-id="3"]')!.getAttribute('data-status')).to.equal('read');
    expect(root.querySelector('[data-message-id="3"] [part="status"]')!.getAttribute('aria-label')).to.equal('Read');
    const edited = root.querySelector('[data-message-id="4"]')!;
    expect(edited.hasAttribute('data-edited')).to.equal(true);
    expect(edited.querySelector('.text')!.textContent).to.equal('edited text');
    const deleted = root.querySelector('[data-message-id="5"]')!;
    expect(deleted.hasAttribute('data-deleted')).to.equal(true);
    expect(deleted.textContent).to.contain('This message was deleted');
    expect(deleted.textContent).not.to.contain('to be deleted');
    await expect(thread).to.be.accessible();
  });

  it('renders HTML only through the sanitizer, and only safe URLs', async () => {
    const { thread } = await threadWith([
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({
        id: 'x', conversationId: 'c1', markup: 'html',
        text: '<p>hi <b>there</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">link</a></p>',
        attachments: [{ name: 'evil.png', kind: 'image', url: 'javascript:alert(1)' }, { name: 'doc.pdf', url: 'https://files.example/doc.pdf', size: 2048 }],
      }) },
    ]);
    await until(() => messageIds(thread).includes('x'), 5000, 'message');
    const m = thread.shadowRoot!.querySelector('[data-message-id="x"]')!;
    await until(() => !!m.querySelector('.rich b'), 5000, 'the sanitized markup (the sanitizer loads on demand)');
    expect(m.querySelector('b')!.textContent).to.equal('there');
    expect(m.querySelector('script') === null, 'no script element').to.equal(true);
    expect(m.querySelector('[onerror]') === null, 'no event-handler attribute').to.equal(true);
    expect(m.querySelector('.rich a')!.hasAttribute('href')).to.equal(false);
    const links = [...m.querySelectorAll('.attachment a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['https://files.example/doc.pdf']);
    const files = [...m.querySelectorAll('.attachment.file')].map((f) => f.textContent!.replace(/\s+/g, ' ').trim());
    expect(files).to.deep.equal(['evil.png', 'doc.pdf 2.0 kB']);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
