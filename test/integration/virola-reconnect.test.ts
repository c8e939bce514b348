/**
 * The widget against the Virola emulation when things change under it: the network is cut and what
 * happened meanwhile is fetched; rooms come and go; a batch spans rooms; a malformed frame arrives.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyError } from '../../src/core/errors.js';
import { until } from '../helpers/fake-protocol.js';
import { SAM_TOKEN, control, rendered, reset, serverMessages, shadow, thread, type, virolaChat } from '../virola/widget.js';

const SAM = 1;

describe('Virola, reconnects and room events against the demo server', function () {
  this.timeout(40000);
  let rooms: Record<string, string>;
  beforeEach(async () => {
    rooms = await reset();
    await control('correspondent', { enabled: false });
  });

  it('cut mid-conversation: reconnecting, then what was missed (new, read, deleted) appears once each, in order', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('say', { roomId: Number(room), text: 'before the cut' });
    await control('say', { roomId: Number(room), text: 'deleted while cut' });
    await type(chat, 'mine before the cut');
    await until(() => rendered(chat).some((m) => m.text === 'mine before the cut' && /^\d+$/.test(m.id)), 10000, 'confirmed before the cut');
    await until(() => rendered(chat).some((m) => m.text === 'deleted while cut'), 10000, 'second message');
    const mine = thread(chat).find((m) => m.text === 'mine before the cut')!;
    const doomed = thread(chat).find((m) => m.text === 'deleted while cut')!;
    expect(mine.status).to.equal('sent');

    const statuses: string[] = [];
    chat.addEventListener('parley-connection-change', (e) => statuses.push(e.status));
    await control('refuse', { ms: 2500 });
    await control('drop');
    await until(() => chat.connectionStatus === 'reconnecting', 10000, 'reconnecting');
    expect(chat.shadowRoot!.querySelector('[part="connection-banner"]')!.textContent).to.match(/Reconnecting/);

    await control('say', { roomId: Number(room), text: 'missed one' });
    await control('say', { roomId: Number(room), userId: SAM, text: 'from my phone' });
    await control('read', { messageId: Number(mine.id) });
    await control('delete', { messageId: Number(doomed.id) });
    await control('say', { roomId: Number(room), text: 'missed two' });
    await type(chat, 'typed while cut');
    await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status === 'pending'), 5000, 'pending while cut');

    await until(() => chat.connectionStatus === 'open', 20000, 'open again');
    expect(statuses).to.include('reconnecting');
    expect(statuses.at(-1)).to.equal('open');
    await until(() => thread(chat).some((m) => m.text === 'typed while cut' && /^\d+$/.test(m.id)), 10000, 'the cut message delivered');
    await control('say', { roomId: Number(room), text: 'after the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'after the cut'), 10000, 'live again');

    expect(rendered(chat).find((m) => m.id === mine.id)?.status, 'read while cut').to.equal('read');
    expect(rendered(chat).find((m) => m.id === doomed.id)?.deleted, 'deleted while cut').to.equal(true);
    const server = await serverMessages(room);
    const expected = ['Hi Sam! I am Vera.', 'before the cut', 'mine before the cut', 'missed one', 'from my phone', 'missed two', 'typed while cut', 'after the cut'];
    expect(server.map((m) => m.text.startsWith('Hi Sam!') ? 'Hi Sam! I am Vera.' : m.text)).to.deep.equal(expected);
    const live = thread(chat).filter((m) => !m.deleted);
    expect(live.map((m) => m.id)).to.deep.equal(server.map((m) => String(m.messageId)));
    expect(thread(chat).filter((m) => m.text === 'typed while cut').length).to.equal(1);
  });

  it('rooms: created, renamed and deleted live; one batch across two rooms lands in both', async () => {
    const chat = await virolaChat(rooms.Vera!);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list'), 10000, 'the list');
    const list = () => shadow(chat, 'parley-conversation-list');
    const title = (id: string) => list().querySelector(`[data-conversation-id="${id}"] [part="title"]`)?.textContent ?? null;
    await until(() => title(rooms['Welcome!']!) === 'Welcome!', 10000, 'the rooms listed'); // the virtualized list renders its rows a frame later

    const created = await control<{ roomId: number }>('room', { name: 'Project X' });
    const id = String(created.roomId);
    await until(() => title(id) === 'Project X', 10000, 'the new room');
    await control('room-update', { roomId: created.roomId, name: 'Project Y' });
    await until(() => title(id) === 'Project Y', 10000, 'the renamed room');

    await control('say', { messages: [{ roomId: Number(rooms.Vera), text: 'here' }, { roomId: created.roomId, text: 'and there' }] });
    await until(() => rendered(chat).some((m) => m.text === 'here'), 10000, 'the open room\'s half');
    const { messages, conversations } = chat.session.store.getState();
    expect(messages.get(id)?.map((m) => m.text)).to.deep.equal(['and there']);
    expect(conversations.get(id)?.unreadCount).to.equal(1);
    await until(() => list().querySelector(`[data-conversation-id="${id}"] [part="unread-count"]`)?.textContent === '1', 10000, 'the unread badge');

    await control('room-delete', { roomId: created.roomId });
    await until(() => title(id) === null, 10000, 'the room gone');
    expect(chat.session.store.getState().messages.has(id)).to.equal(false);
  });

  it('a malformed frame is reported once and the stream goes on; the token stays out of reports', async () => {
    const chat = await virolaChat(rooms.Vera!, { token: true });
    const errors: ParleyError[] = [];
    chat.addEventListener('parley-error', (e) => errors.push(e.error));
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('raw', { text: '{"type":"TextMessagesCreated","data":{"messages":[{"roomId":2}]}}' });
    await control('raw', { text: 'not json at all' });
    await control('say', { roomId: Number(rooms.Vera), text: 'still here' });
    await until(() => rendered(chat).some((m) => m.text === 'still here'), 10000, 'the next message');
    expect(errors.map((e) => [e.code, e.protocol])).to.deep.equal([['decode', 'virola'], ['decode', 'virola']]);
    expect(errors[0]!.message).to.match(/data\.messages\[0\]: message\.messageId/);
    expect(errors[1]!.frame).to.equal('not json at all');
    expect(JSON.stringify(errors.map((e) => [e.message, e.frame]))).not.to.contain(SAM_TOKEN);
    expect(chat.connectionStatus).to.equal('open');
  });
});
