/**
 * A `<parley-thread>` alone on a session whose store holds the given events, with conversation
 * `c1` open, in a 400 px tall box.
 */
import { fixture, html } from '@open-wc/testing';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ChatSession } from '../../src/lit/session.js';
import type { ChatEvent } from '../../src/core/events.js';

export async function threadWith(events: ChatEvent[]): Promise<{ thread: ParleyThread; session: ChatSession }> {
  const session = new ChatSession();
  session.store.apply(events);
  session.store.setActive('c1', true);
  session.store.flush();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="height: 400px; display: flex; flex-direction: column;">
    <parley-thread .session=${session}></parley-thread></div>`);
  const thread = wrapper.querySelector('parley-thread')!;
  await thread.updateComplete;
  return { thread, session };
}
