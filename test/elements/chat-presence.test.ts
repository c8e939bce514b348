/**
 * Issue #10 item 3: the header speaks of the other side, not of the socket. Once connected it says
 * nothing until the backend sends a complete presence list; then "Online" (an agent, or the
 * assignee, is there) or "Away", with the usual reply time when the page gave one (`reply-time`).
 * Real elements and store over a fake protocol.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { registerFake, until } from '../helpers/fake-protocol.js';

const availability = (chat: ParleyChat) => chat.shadowRoot!.querySelector<HTMLElement>('[part="header"] [part="availability"]');
const headerStatus = (chat: ParleyChat) => chat.shadowRoot!.querySelector('[part="header"] .status')!.textContent!.trim();
const agents = (statuses: Record<string, 'online' | 'busy' | 'offline'>): ChatEvent =>
  ({ type: 'presence.changed', scope: 'agents', statuses, complete: true });
const conversation = (assigneeId?: string): ChatEvent => ({
  type: 'conversation.created',
  conversation: { id: 'c1', title: 'Support', members: assigneeId ? [{ id: assigneeId, role: 'agent', name: 'Ada' }, { id: 'me', role: 'self' }] : [{ id: 'me', role: 'self' }] },
});

async function connected(replyTime?: string): Promise<{ chat: ParleyChat; emit: (e: ChatEvent[]) => void }> {
  const { name, backend } = registerFake();
  backend.syncEvents = [conversation()];
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" reply-time=${replyTime ?? ''} no-persist></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 5000, 'open');
  return { chat, emit: (events) => backend.emit(events) };
}

describe('<parley-chat> header: the other side\'s presence', () => {
  it('says nothing while the backend has not said; Online when an agent is there, Away when none is', async () => {
    const { chat, emit } = await connected();
    await chat.updateComplete;
    expect(headerStatus(chat), 'connected is not "Online"').to.equal('');
    expect(availability(chat)).to.equal(null);

    emit([agents({ 7: 'online' })]);
    await until(() => availability(chat)?.dataset.availability === 'online', 3000, 'online');
    expect(headerStatus(chat)).to.equal('Online');
    expect(availability(chat)!.querySelector('[part="presence-dot"]')).to.not.equal(null);
    await expect(chat).to.be.accessible();

    emit([agents({})]); // Chatwoot's list names only who is online: the last one left
    await until(() => availability(chat)?.dataset.availability === 'away', 3000, 'away');
    expect(headerStatus(chat)).to.equal('Away');
    await expect(chat).to.be.accessible();
  });

  it('a busy agent is there; with an assignee, it is the assignee who counts', async () => {
    const { chat, emit } = await connected();
    emit([agents({ 7: 'busy' })]);
    await until(() => headerStatus(chat) === 'Online', 3000, 'busy counts as there');
    emit([conversation('9'), agents({ 7: 'online' })]);
    await until(() => headerStatus(chat) === 'Away', 3000, 'the assignee (9) is not online');
    emit([agents({ 7: 'online', 9: 'online' })]);
    await until(() => headerStatus(chat) === 'Online', 3000, 'the assignee came');
  });

  it('Away with the usual reply time; the reply time alone while presence is unknown; nothing for an unknown value', async () => {
    const { chat, emit } = await connected('hours');
    await until(() => headerStatus(chat) === 'Typically replies in a few hours', 3000, 'the reply time alone');
    expect(availability(chat)!.dataset.availability).to.equal('unknown');
    emit([agents({})]);
    await until(() => headerStatus(chat) === 'Away · Typically replies in a few hours', 3000, 'away with the reply time');
    chat.setAttribute('reply-time', 'soon');
    await until(() => headerStatus(chat) === 'Away', 3000, 'an unknown reply time is not shown');
    await expect(chat).to.be.accessible();
  });

  it('the narrow list screen speaks of no one: presence shows once a conversation is open', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [conversation(), { type: 'conversation.created', conversation: { id: 'c2', title: 'Billing' } }, agents({ 7: 'online' })];
    const chat = await fixture<HTMLElement>(html`<div style="width: 360px"><parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat></div>`)
      .then((d) => d.querySelector<ParleyChat>('parley-chat')!);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    const list = () => chat.shadowRoot!.querySelector('parley-conversation-list');
    await until(() => !!list()?.shadowRoot?.querySelector('[part~="conversation"]'), 5000, 'the list screen');
    expect(availability(chat), 'no one to speak of on the list').to.equal(null);
    list()!.shadowRoot!.querySelector<HTMLElement>('[part~="conversation"]')!.click();
    await until(() => availability(chat)?.dataset.availability === 'online', 5000, 'online once a conversation is open');
  });

  it('a connection problem takes the header back from presence', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [conversation(), agents({ 7: 'online' })];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => headerStatus(chat) === 'Online', 5000, 'online');
    backend.failWith = 'network-error';
    chat.reconnect();
    await until(() => headerStatus(chat) !== 'Online', 5000, 'the connection state');
    expect(availability(chat)).to.equal(null);
  });
});
