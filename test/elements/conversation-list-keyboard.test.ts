/**
 * Issue #10, item 5: the conversation list is one Tab stop (roving tabindex) with arrow keys, Home
 * and End, and stays reachable by Tab when the row holding that stop is scrolled out of the
 * virtualized DOM. Real key presses through the runner's sendKeys.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import { ChatSession } from '../../src/lit/session.js';
import { until } from '../helpers/fake-protocol.js';

const T = Date.UTC(2026, 5, 1, 12);

/** A session holding `n` conversations, c0 the most recent. */
function sessionWith(n: number): ChatSession {
  const session = new ChatSession();
  session.store.apply(Array.from({ length: n }, (_, i): ChatEvent => ({
    type: 'conversation.created', conversation: { id: `c${i}`, title: `Visitor ${i}`, lastActivityAt: T - i * 60_000 },
  })));
  session.store.flush();
  return session;
}

/** A list between two page buttons, to Tab in and out of. */
async function listBetweenButtons(session: ChatSession) {
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <button id="before">before</button>
    <parley-conversation-list style="height: 300px" .session=${session}></parley-conversation-list>
    <button id="after">after</button></div>`);
  const list = wrap.querySelector<ParleyConversationList>('parley-conversation-list')!;
  await list.updateComplete;
  return { list, before: wrap.querySelector<HTMLButtonElement>('#before')!, after: wrap.querySelector<HTMLButtonElement>('#after')! };
}

/** Shift+Tab, held as a person would (this runner's press takes one key). */
async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

const focusedId = (list: ParleyConversationList) => list.shadowRoot!.activeElement?.getAttribute('data-conversation-id') ?? null;
const tabbableRows = (list: ParleyConversationList) => list.shadowRoot!.querySelectorAll('[part="conversation"][tabindex="0"]').length;

describe('<parley-conversation-list> keyboard', () => {
  it('is one Tab stop, on the open conversation: Tab enters on it and the next Tab leaves the list', async () => {
    const session = sessionWith(44);
    session.store.setActive('c3');
    session.store.flush();
    const { list, before, after } = await listBetweenButtons(session);
    await until(() => !!list.shadowRoot!.querySelector('[data-conversation-id="c3"]'), 5000, 'the rows');
    expect(tabbableRows(list), 'one row in the Tab order').to.equal(1);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedId(list)).to.equal('c3');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement, 'one Tab leaves 44 conversations').to.equal(after);
    await shiftTab();
    expect(focusedId(list)).to.equal('c3');
    await expect(list).to.be.accessible();
  });

  it('ArrowDown, ArrowUp, Home and End move the focus; the Tab stop stays where the focus left the list', async () => {
    const session = sessionWith(44);
    const { list, before, after } = await listBetweenButtons(session);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedId(list), 'no open conversation: the first').to.equal('c0');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedId(list) === 'c1', 5000, 'c1');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedId(list) === 'c2', 5000, 'c2');
    await sendKeys({ press: 'End' });
    await until(() => focusedId(list) === 'c43', 5000, 'the last');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focusedId(list) === 'c42', 5000, 'the one before');
    await sendKeys({ press: 'Home' });
    await until(() => focusedId(list) === 'c0', 5000, 'the first');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedId(list) === 'c1', 5000, 'c1 again');
    await list.updateComplete;
    expect(tabbableRows(list)).to.equal(1);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(after);
    await shiftTab();
    expect(focusedId(list), 'back where it left').to.equal('c1');
  });

  it('its Tab-stop row scrolled out of the DOM: the list itself takes the Tab (axe: a scroller reachable by keyboard) and hands it to that row', async () => {
    const session = sessionWith(1000);
    const { list, before, after } = await listBetweenButtons(session);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedId(list)).to.equal('c0');
    after.focus();
    await until(() => {
      list.scrollTop = list.scrollHeight;
      return !list.shadowRoot!.querySelector('[data-conversation-id="c0"]') && !!list.shadowRoot!.querySelector('[data-conversation-id="c999"]');
    }, 10_000, 'c0 out of the DOM');
    await list.updateComplete;
    const scroller = list.shadowRoot!.querySelector('[role="list"]')!;
    expect(scroller.getAttribute('tabindex'), 'the list is in the Tab order').to.equal('0');
    expect(tabbableRows(list)).to.equal(0);
    await expect(list).to.be.accessible();
    await shiftTab();
    await until(() => focusedId(list) === 'c0', 10_000, 'the focus handed to c0');
    await list.updateComplete;
    expect(scroller.hasAttribute('tabindex'), 'c0 rendered again: the list leaves the Tab order').to.equal(false);
  });
});
