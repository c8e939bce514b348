import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import type { ChatSession } from '../../src/lit/session.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const START = Date.UTC(2026, 0, 1);
const at = (i: number) => START + i * 60_000;

async function longThread(): Promise<{ thread: ParleyThread; session: ChatSession }> {
  const events: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
  for (let i = 0; i < 200; i++) events.push({ type: 'message.created', message: msg({ id: String(i), conversationId: 'c1', text: `message ${i}`, at: at(i) }) });
  return threadWith(events);
}

function probe(thread: ParleyThread) {
  const root = thread.shadowRoot!;
  const scroller = () => root.querySelector<HTMLElement>('[role="log"]')!;
  const row = (id: string) => root.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
  const inView = (id: string) => {
    const list = scroller().getBoundingClientRect();
    const r = row(id)?.getBoundingClientRect();
    return !!r && r.bottom > list.top && r.top < list.bottom;
  };
  const pill = () => root.querySelector<HTMLButtonElement>('button[part="new-messages"]');
  return { root, scroller, inView, pill };
}

function arrive(session: ChatSession, ...messages: Parameters<typeof msg>[0][]): void {
  session.store.apply(messages.map((m) => ({ type: 'message.created', message: msg(m) }) as ChatEvent));
  session.store.flush();
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('<parley-thread> "new messages" button', () => {
  it('appears while scrolled up when others write, counts them, and a click scrolls to the newest', async () => {
    const { thread, session } = await longThread();
    const p = probe(thread);
    await until(() => p.inView('199'), 5000, 'the newest message');
    // At the bottom, new messages just show: no button.
    arrive(session, { id: '200', conversationId: 'c1', text: 'at the bottom', at: at(200) });
    await until(() => p.inView('200'), 5000, 'the new message in view');
    await settle();
    expect(p.pill()).to.equal(null);

    thread.scrollToTop();
    await until(() => p.inView('0'), 5000, 'scrolled up');
    arrive(session, { id: '201', conversationId: 'c1', text: 'from Ada', at: at(201) });
    await until(() => !!p.pill(), 5000, 'the button');
    expect(p.pill()!.textContent!.trim()).to.equal('1 new message');
    arrive(session, { id: '202', conversationId: 'c1', text: 'again', at: at(202) }, { id: '203', conversationId: 'c1', text: 'and again', at: at(203) });
    await until(() => p.pill()?.textContent?.trim() === '3 new messages', 5000, 'the count of three');
    // An activity line is not a message from someone: not counted.
    arrive(session, { id: '204', conversationId: 'c1', text: 'Ada joined', at: at(204), kind: 'system', sender: { id: 'system', role: 'system' } });
    await settle();
    expect(p.pill()!.textContent!.trim()).to.equal('3 new messages');
    expect(p.inView('0'), 'still reading where they were').to.equal(true);
    // Announced politely, styleable, and accessible.
    expect(p.pill()!.closest('[role="status"]')).to.not.equal(null);
    await expect(thread).to.be.accessible();

    p.pill()!.click();
    await until(() => p.inView('204'), 5000, 'the newest message after the click');
    await until(() => p.pill() === null, 5000, 'the button gone');
    expect(p.root.activeElement, 'the focus on the messages, not dropped').to.equal(p.scroller());
  });

  it('disappears when the user scrolls to the bottom themselves', async () => {
    const { thread, session } = await longThread();
    const p = probe(thread);
    await until(() => p.inView('199'), 5000, 'the newest message');
    const scroller = p.scroller();
    // The user scrolls up, in steps, as a wheel would.
    for (let i = 0; i < 10 && !p.inView('0'); i++) {
      scroller.scrollTop = Math.max(0, scroller.scrollTop - 2000);
      await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(r));
    }
    await settle();
    arrive(session, { id: '200', conversationId: 'c1', text: 'from Ada', at: at(200) });
    await until(() => !!p.pill(), 5000, 'the button');
    expect(p.pill()!.textContent!.trim()).to.equal('1 new message');
    for (let i = 0; i < 20 && !p.inView('200'); i++) {
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(r));
    }
    await until(() => p.inView('200'), 5000, 'scrolled to the newest');
    await until(() => p.pill() === null, 5000, 'the button gone');
  });

  it('does not count my own message, which brings the thread to the bottom', async () => {
    const { thread, session } = await longThread();
    const p = probe(thread);
    await until(() => p.inView('199'), 5000, 'the newest message');
    thread.scrollToTop();
    await until(() => p.inView('0'), 5000, 'scrolled up');
    arrive(session, { id: '200', conversationId: 'c1', text: 'from Ada', at: at(200) });
    await until(() => !!p.pill(), 5000, 'the button');
    const mine = session.store.addPending({
      conversationId: 'c1', clientRef: 'r1', kind: 'text', text: 'my reply', markup: 'plain', attachments: [],
      sender: { id: 'me', role: 'self' }, createdAt: at(201),
    });
    session.store.flush();
    await until(() => p.inView(mine.id), 5000, 'my message in view');
    await until(() => p.pill() === null, 5000, 'the button gone');
  });
});
