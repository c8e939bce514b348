import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { Command } from '../../src/core/commands.js';
import type { ChatEvent } from '../../src/core/events.js';
import { HttpError } from '../../src/core/http.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { ParleyDeleteEvent, ParleyEditEvent } from '../../src/lit/events.js';
import { ChatSession } from '../../src/lit/session.js';
import { msg, registerFake, until, type FakeBackend } from '../helpers/fake-protocol.js';

const AT = Date.UTC(2026, 2, 3, 10);

interface Setup { thread: ParleyThread; session: ChatSession; client: ChatClient; backend: FakeBackend }

const clients: ChatClient[] = [];
afterEach(() => { for (const c of clients.splice(0)) c.dispose(); });

/** A thread on a live client of a fake backend that can do `can`, holding one message of mine (`m1`) and one of Ada's (`a1`). */
async function ownThread(can: Command['type'][], onExecute?: (c: Command) => Promise<ChatEvent[]>): Promise<Setup> {
  const { name, backend } = registerFake();
  for (const c of can) backend.capabilities.add(c);
  backend.syncEvents = [
    { type: 'conversation.created', conversation: { id: 'c1' } },
    { type: 'message.created', message: msg({ id: 'a1', conversationId: 'c1', text: 'from Ada', at: AT }) },
    { type: 'message.created', message: msg({ id: 'm1', conversationId: 'c1', text: 'hello', self: true, at: AT + 60_000 }) },
  ];
  if (onExecute) backend.onExecute = onExecute;
  const session = new ChatSession();
  const client = createChatClient({ protocol: name, url: 'http://fake.invalid', store: session.store, persist: false });
  clients.push(client);
  session.attach(client);
  client.connect();
  await until(() => client.status === 'open', 5000, 'open');
  session.store.setActive('c1', true);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="height: 400px; display: flex; flex-direction: column;">
    <parley-thread .session=${session}></parley-thread></div>`);
  const thread = wrapper.querySelector('parley-thread')!;
  await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="m1"]'), 5000, 'my message');
  return { thread, session, client, backend };
}

const q = <T extends Element = HTMLElement>(t: ParleyThread, sel: string) => t.shadowRoot!.querySelector<T & HTMLElement>(sel);
const inMine = (t: ParleyThread, part: string) => q(t, `[data-message-id="m1"] [part~="${part}"]`);
const focused = (t: ParleyThread) => t.shadowRoot!.activeElement as HTMLElement | null;
const text = (t: ParleyThread, id = 'm1') => q(t, `[data-message-id="${id}"] .text`)?.textContent?.trim() ?? '';

async function openMenu(t: ParleyThread): Promise<void> {
  inMine(t, 'more-actions')!.click();
  await until(() => !!inMine(t, 'actions-menu') && focused(t)?.getAttribute('role') === 'menuitem', 5000, 'the menu, focused');
}

describe('<parley-thread> editing and deleting my messages', () => {
  it('offers nothing where the backend can neither edit nor delete, and nothing on others\' messages', async () => {
    const { thread } = await ownThread([]);
    expect(inMine(thread, 'more-actions')).to.equal(null);
    expect(q(thread, '[part~="more-actions"]')).to.equal(null);
    await expect(thread).to.be.accessible();
  });

  it('the menu holds only what the backend allows: Delete alone', async () => {
    const { thread } = await ownThread(['delete']);
    expect(q(thread, '[data-message-id="a1"] [part~="more-actions"]'), 'not on Ada\'s message').to.equal(null);
    const trigger = inMine(thread, 'more-actions')!;
    expect([trigger.getAttribute('aria-haspopup'), trigger.getAttribute('aria-expanded'), trigger.getAttribute('aria-label')]).to.deep.equal(['menu', 'false', 'More actions']);
    await openMenu(thread);
    expect(inMine(thread, 'more-actions')!.getAttribute('aria-expanded')).to.equal('true');
    expect([...inMine(thread, 'actions-menu')!.querySelectorAll('[role="menuitem"]')].map((b) => b.textContent!.trim())).to.deep.equal(['Delete']);
    expect(getComputedStyle(inMine(thread, 'actions-menu')!).display, 'its styles came with it').to.equal('flex');
    await expect(thread).to.be.accessible();
  });

  it('keyboard: arrows move through the menu, Escape closes it and gives the focus back to its button', async () => {
    const { thread } = await ownThread(['edit', 'delete']);
    const trigger = inMine(thread, 'more-actions')!;
    expect(getComputedStyle(trigger).opacity, 'hidden until hover or focus').to.equal('0');
    trigger.focus();
    await sendKeys({ press: 'Tab' }); // away, and back from the keyboard
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(thread), 'reached by Tab').to.equal(trigger);
    expect(getComputedStyle(trigger).opacity, 'shown when focused from the keyboard').to.equal('1');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(thread)?.getAttribute('part') === 'action-edit', 5000, 'Edit focused');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(thread)?.getAttribute('part')).to.equal('action-delete');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(thread)?.getAttribute('part'), 'wraps around').to.equal('action-edit');
    await expect(thread).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !inMine(thread, 'actions-menu') && focused(thread)?.getAttribute('part') === 'more-actions', 5000, 'closed, focus on the button');
    // Tab out of an open menu closes it too.
    await sendKeys({ press: 'Enter' });
    await until(() => focused(thread)?.getAttribute('role') === 'menuitem', 5000, 'open again');
    await sendKeys({ press: 'Tab' });
    await until(() => !inMine(thread, 'actions-menu'), 5000, 'closed by Tab');
  });

  it('edit: inline in the bubble; Escape cancels and changes nothing', async () => {
    const { thread, backend } = await ownThread(['edit', 'delete']);
    await openMenu(thread);
    inMine(thread, 'action-edit')!.click();
    await until(() => focused(thread)?.getAttribute('part') === 'edit-input', 5000, 'the text box, focused');
    const box = inMine(thread, 'edit-input') as HTMLTextAreaElement;
    expect(box.value).to.equal('hello');
    await expect(thread).to.be.accessible();
    await sendKeys({ type: ' world' });
    await sendKeys({ press: 'Escape' });
    await until(() => !inMine(thread, 'edit-input'), 5000, 'the editor closed');
    expect(text(thread)).to.equal('hello');
    expect(backend.commands.filter((c) => c.type === 'edit')).to.deep.equal([]);
  });

  it('edit: Enter saves; parley-edit announces it; the new text shows at once, marked edited', async () => {
    let answer!: () => void;
    const { thread, backend } = await ownThread(['edit'], (c) => new Promise((resolve) => {
      answer = () => resolve(c.type === 'edit' ? [{ type: 'message.updated', message: { id: c.messageId, conversationId: c.conversationId, text: c.text, version: 2 } }] : []);
    }));
    await openMenu(thread);
    inMine(thread, 'action-edit')!.click();
    await until(() => focused(thread)?.getAttribute('part') === 'edit-input', 5000, 'the text box');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' again' });
    const announced = oneEvent(thread, ParleyEditEvent.eventName) as Promise<ParleyEditEvent>;
    await sendKeys({ press: 'Enter' });
    const e = await announced;
    expect([e.conversationId, e.messageId, e.text, e.cancelable, e.composed]).to.deep.equal(['c1', 'm1', 'hello again', true, true]);
    await until(() => text(thread) === 'hello again', 5000, 'the new text, before the backend answered');
    expect(q(thread, '[data-message-id="m1"]')!.hasAttribute('data-edited')).to.equal(true);
    expect(inMine(thread, 'more-actions'), 'no second change while one is on its way').to.equal(null);
    await expect(thread).to.be.accessible();
    expect(backend.commands.filter((c) => c.type === 'edit')).to.deep.equal([{ type: 'edit', conversationId: 'c1', messageId: 'm1', text: 'hello again' }]);
    answer();
    await until(() => !!inMine(thread, 'more-actions'), 5000, 'done: the button is back');
    expect(text(thread)).to.equal('hello again');
  });

  it('edit: an HTML body (Spaces) is edited as its plain text; Shift+Enter is a new line, not a save', async () => {
    const { thread, session, backend } = await ownThread(['edit']);
    session.store.apply([{ type: 'message.updated', message: { id: 'm1', conversationId: 'c1', text: '<p>a &amp; b<br>c &lt;d&gt; &#233;</p>', markup: 'html', version: 2 } }]);
    session.store.flush();
    await until(() => text(thread).startsWith('a & b'), 5000, 'the HTML body');
    await openMenu(thread);
    inMine(thread, 'action-edit')!.click();
    await until(() => focused(thread)?.getAttribute('part') === 'edit-input', 5000, 'the text box');
    const box = inMine(thread, 'edit-input') as HTMLTextAreaElement;
    expect(box.value).to.equal('a & b\nc <d> é');
    await sendKeys({ press: 'End' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'f' });
    expect(box.value).to.equal('a & b\nc <d> é\nf');
    expect(backend.commands.filter((c) => c.type === 'edit')).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await until(() => backend.commands.some((c) => c.type === 'edit'), 5000, 'the edit sent');
    expect(backend.commands.find((c) => c.type === 'edit')).to.deep.include({ text: 'a & b\nc <d> é\nf' });
  });

  it('edit: a cancelled parley-edit sends nothing', async () => {
    const { thread, backend } = await ownThread(['edit']);
    thread.addEventListener(ParleyEditEvent.eventName, (e) => e.preventDefault(), { once: true });
    await openMenu(thread);
    inMine(thread, 'action-edit')!.click();
    await until(() => !!inMine(thread, 'edit-input'), 5000, 'the editor');
    const box = inMine(thread, 'edit-input') as HTMLTextAreaElement;
    box.value = 'changed';
    box.dispatchEvent(new Event('input'));
    inMine(thread, 'edit-save')!.click();
    await until(() => !inMine(thread, 'edit-input'), 5000, 'the editor closed');
    expect(text(thread)).to.equal('hello');
    expect(backend.commands.filter((c) => c.type === 'edit')).to.deep.equal([]);
  });

  it('edit refused: the old text comes back with the reason; retry sends it again and it sticks', async () => {
    let refuse = true;
    const { thread, backend } = await ownThread(['edit'], async (c) => {
      if (refuse) throw new HttpError(403, 'PATCH answered 403: not yours');
      return c.type === 'edit' ? [{ type: 'message.updated', message: { id: c.messageId, conversationId: c.conversationId, text: c.text, version: 2 } }] : [];
    });
    await openMenu(thread);
    inMine(thread, 'action-edit')!.click();
    await until(() => !!inMine(thread, 'edit-input'), 5000, 'the editor');
    const box = inMine(thread, 'edit-input') as HTMLTextAreaElement;
    box.value = 'hullo';
    box.dispatchEvent(new Event('input'));
    inMine(thread, 'edit-save')!.click();
    await until(() => !!inMine(thread, 'change-failed'), 5000, 'the refusal');
    const notice = inMine(thread, 'change-failed')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('Edit not saved: PATCH answered 403: not yours');
    expect(text(thread), 'rolled back').to.equal('hello');
    expect(q(thread, '[data-message-id="m1"]')!.hasAttribute('data-edited')).to.equal(false);
    await expect(thread).to.be.accessible();
    refuse = false;
    inMine(thread, 'change-retry')!.click();
    await until(() => !inMine(thread, 'change-failed') && text(thread) === 'hullo', 5000, 'the retried edit');
    expect(backend.commands.filter((c) => c.type === 'edit').length).to.equal(2);
  });

  it('delete asks first: Escape keeps the message; Delete removes it at once, announced by parley-delete', async () => {
    const { thread, backend } = await ownThread(['delete'], async (c) => (c.type === 'delete' ? [{ type: 'message.deleted', conversationId: 'c1', messageIds: [c.messageId], scope: 'everyone' }] : []));
    await openMenu(thread);
    inMine(thread, 'action-delete')!.click();
    await until(() => focused(thread)?.getAttribute('part') === 'delete-cancel', 5000, 'the confirmation, on Cancel');
    expect(inMine(thread, 'delete-confirm')!.textContent).to.contain('Delete this message for everyone?');
    await expect(thread).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !inMine(thread, 'delete-confirm'), 5000, 'the confirmation gone');
    expect(backend.commands.filter((c) => c.type === 'delete')).to.deep.equal([]);

    await openMenu(thread);
    inMine(thread, 'action-delete')!.click();
    await until(() => !!inMine(thread, 'delete-ok'), 5000, 'the confirmation');
    const announced = oneEvent(thread, ParleyDeleteEvent.eventName) as Promise<ParleyDeleteEvent>;
    inMine(thread, 'delete-ok')!.click();
    const e = await announced;
    expect([e.conversationId, e.messageId, e.cancelable]).to.deep.equal(['c1', 'm1', true]);
    await until(() => q(thread, '[data-message-id="m1"]')?.hasAttribute('data-deleted') === true, 5000, 'deleted');
    expect(q(thread, '[data-message-id="m1"] .deleted-text')?.textContent).to.equal('This message was deleted');
    expect(inMine(thread, 'more-actions'), 'nothing more to do with it').to.equal(null);
    await until(() => thread.shadowRoot!.activeElement?.getAttribute('role') === 'log', 5000, 'the focus on the messages, not the page');
    expect(backend.commands.filter((c) => c.type === 'delete').map((c) => c.type)).to.deep.equal(['delete']);
  });

  it('delete refused: the message comes back with the reason and a retry; dismiss hides the notice', async () => {
    const { thread } = await ownThread(['delete'], async () => { throw new HttpError(403, 'DELETE answered 403'); });
    await openMenu(thread);
    inMine(thread, 'action-delete')!.click();
    await until(() => !!inMine(thread, 'delete-ok'), 5000, 'the confirmation');
    inMine(thread, 'delete-ok')!.click();
    await until(() => !!inMine(thread, 'change-failed'), 5000, 'the refusal');
    expect(inMine(thread, 'change-failed')!.textContent).to.contain('Not deleted: DELETE answered 403');
    expect(q(thread, '[data-message-id="m1"]')!.hasAttribute('data-deleted')).to.equal(false);
    expect(text(thread)).to.equal('hello');
    expect(inMine(thread, 'change-retry')).to.not.equal(null);
    await expect(thread).to.be.accessible();
    inMine(thread, 'change-dismiss')!.click();
    await until(() => !inMine(thread, 'change-failed'), 5000, 'dismissed');
    expect(inMine(thread, 'more-actions')).to.not.equal(null);
  });
});
