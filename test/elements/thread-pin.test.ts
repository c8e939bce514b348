/**
 * The thread follows the bottom until the user scrolls up: a scroll the thread did not make
 * (the browser clamping a shrunk scroller, a scroll event before its own correction) must not
 * leave the newest message out of view when a row below grows afterwards (an image loading).
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ChatSession } from '../../src/lit/session.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const T0 = 1_700_000_000_000;

async function longThread(): Promise<{ thread: ParleyThread; session: ChatSession; scroller: HTMLElement }> {
  const events: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
  for (let i = 0; i < 40; i++) events.push({ type: 'message.created', message: msg({ id: String(i), conversationId: 'c1', at: T0 + i * 1000 }) });
  const { thread, session } = await threadWith(events);
  await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="39"]'), 5000, 'the newest message');
  await frames(10);
  return { thread, session, scroller: thread.shadowRoot!.querySelector<HTMLElement>('[role="log"]')! };
}

async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
}

/** Pixels of content below the view. */
function below(scroller: HTMLElement): number {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
}

/** A scroll event the thread did not cause, at wherever the scroller stands now. */
function scrollEventNow(scroller: HTMLElement): void {
  scroller.dispatchEvent(new Event('scroll'));
}

describe('<parley-thread> following the bottom', () => {
  it('stays at the bottom when the last row grows after a scroll the user did not make', async () => {
    const { thread, scroller } = await longThread();
    const bubble = thread.shadowRoot!.querySelector<HTMLElement>('[data-message-id="39"] .bubble')!;
    bubble.style.height = '60px';
    await until(() => below(scroller) <= 4, 3000, `the bottom first (${below(scroller)} px below)`);
    bubble.style.height = '20px'; // the scroller shrinks: the browser clamps it, a scroll up at the end
    await frames(3);
    expect(below(scroller)).to.be.at.most(4);
    bubble.style.height = '240px'; // an image in the newest message has loaded
    await until(() => below(scroller) <= 4, 3000, `the bottom (${below(scroller)} px below)`);
  });

  it('keeps following when a scroll event comes after a row grew, before the thread scrolled to the new end', async () => {
    const { thread, session, scroller } = await longThread();
    const bubble = thread.shadowRoot!.querySelector<HTMLElement>('[data-message-id="39"] .bubble')!;
    bubble.style.height = '60px';
    await until(() => below(scroller) <= 4, 3000, `the bottom first (${below(scroller)} px below)`);
    bubble.style.height = '240px'; // an image loads ...
    expect(below(scroller)).to.be.greaterThan(100); // (layout now: the end moved down)
    scrollEventNow(scroller); // ... and a scroll the thread did not make is reported first
    await until(() => below(scroller) <= 4, 3000, `the new end in view (${below(scroller)} px below)`);
    session.store.apply([{ type: 'message.created', message: msg({ id: '40', conversationId: 'c1', at: T0 + 40_000 }) }]);
    session.store.flush();
    await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="40"]') && below(scroller) <= 4, 3000, 'still following');
  });

  it('stays where the user scrolled up to as messages arrive, and follows again once back at the bottom', async () => {
    const { thread, session, scroller } = await longThread();
    scroller.scrollTop -= 300; // the user scrolls up
    await frames(4);
    const top = scroller.scrollTop;
    session.store.apply([{ type: 'message.created', message: msg({ id: '40', conversationId: 'c1', at: T0 + 40_000 }) }]);
    session.store.flush();
    await frames(10);
    expect(Math.abs(scroller.scrollTop - top)).to.be.lessThan(2);
    expect(below(scroller)).to.be.greaterThan(250);

    thread.scrollToBottom();
    await until(() => below(scroller) <= 4, 3000, 'back at the bottom');
    session.store.apply([{ type: 'message.created', message: msg({ id: '41', conversationId: 'c1', at: T0 + 41_000 }) }]);
    session.store.flush();
    await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="41"]') && below(scroller) <= 4, 3000, 'following the newest');
  });
});
