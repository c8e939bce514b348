/**
 * The widget end to end against the Comapi emulation (demo/server/comapi): a visitor signs in
 * through the JWT challenge and chats with Cleo; parts render by type; conversations appear and
 * are deleted; the socket is cut mid-conversation; a live event skips a sequence number.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { mintDemoJwt } from '../../demo/backends/comapi.js';
import { until } from '../helpers/fake-protocol.js';
import {
  comapiUrl, control, eventually, rendered, serverMessages, socketProfiles, thread, threadRoot, type, typingText, watchTyping,
  activeConversation, widget,
} from '../comapi/demo-server.js';

let counter = 0;

/** A fresh profile id and the options that sign it in through the challenge. */
function visitor(label: string): { profileId: string; options: Record<string, unknown> } {
  const profileId = `it-${label}-${Date.now().toString(36)}-${++counter}`;
  return { profileId, options: { apiSpaceId: 'demo-space', authChallenge: (nonce: string) => mintDemoJwt(nonce, profileId, `Visitor ${label}`) } };
}

describe('Comapi, end to end against the demo server', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('signs in through the challenge; receives, sends (pending, then confirmed), sees typing and read marks, marks read', async () => {
    const me = visitor('chat');
    const chat = await widget(me.options);
    expect((await socketProfiles()).includes(me.profileId), 'a socket of its own').to.equal(true);
    await until(() => rendered(chat).some((m) => m.text === "Hi! I'm Cleo. How can I help?"), 15000, 'the greeting');
    const typing = watchTyping(chat);

    await type(chat, 'hello there');
    const mine = thread(chat).find((m) => m.text === 'hello there')!;
    expect(mine.status, 'shown at once, as pending').to.equal('pending');
    expect(mine.id.startsWith('local:')).to.equal(true);
    await until(() => rendered(chat).some((m) => m.text === 'You said: “hello there”'), 15000, 'the reply');
    typing.stop();
    expect(typing.seen).to.include('Cleo is typing…');
    await until(() => typingText(chat) === '', 15000, 'typing off');

    const cid = activeConversation(chat);
    const server = await serverMessages(cid);
    const sent = server.find((m) => m.text === 'hello there')!;
    await until(() => rendered(chat).some((m) => m.id === sent.id && m.status === 'read'), 15000, 'the read mark');
    expect(rendered(chat).filter((m) => m.text === 'hello there').map((m) => [m.id, m.status])).to.deep.equal([[sent.id, 'read']]);
    // The widget marked Cleo's messages read as they were seen.
    const marks = async () => (await serverMessages(cid)).filter((m) => m.from === 'cleo').map((m) => m.statusUpdates[me.profileId]?.status ?? 'none');
    await eventually(async () => (await marks()).join() === 'read,read', 15000, 'my read marks on the server');
    expect(await marks()).to.deep.equal(['read', 'read']);
    const after = await serverMessages(cid);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(after.map((m) => m.id));
    await expect(chat).to.be.accessible();
  });

  it('parts render by type: text as text, an image part as an image, another file as a file link', async () => {
    const chat = await widget(visitor('parts').options);
    await type(chat, 'a photo and a file please');
    await until(() => !!threadRoot(chat).querySelector('.attachment.file'), 15000, 'the attachments');
    const reply = [...threadRoot(chat).querySelectorAll('[part~="message"]')].find((el) => el.querySelector('.text')?.textContent?.startsWith('You said'))!;
    expect(reply.querySelector('.text')!.textContent).to.equal('You said: “a photo and a file please”');
    expect(reply.querySelector('.attachment.image img')?.getAttribute('src')).to.equal(`${comapiUrl}/files/parley.svg`);
    expect(reply.querySelector('.attachment.file a')?.getAttribute('href')).to.equal(`${comapiUrl}/files/notes.txt`);
    expect(reply.querySelector('.attachment.file .file-name')?.textContent).to.equal('notes.txt');
  });

  it('a conversation appears when I am added, and disappears when it is deleted', async () => {
    const me = visitor('lifecycle');
    const chat = await widget(me.options);
    const support = activeConversation(chat);
    const { id } = await control<{ id: string }>('create', { name: 'Returns desk', participants: ['cleo', me.profileId] });
    await until(() => chat.session.store.getState().conversations.get(id)?.title === 'Returns desk', 15000, 'the new conversation');
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list'), 15000, 'the list');
    const list = chat.shadowRoot!.querySelector('parley-conversation-list')!.shadowRoot!;
    await until(() => !!list.querySelector(`[data-conversation-id="${id}"]`), 15000, 'listed');
    await control('say', { conversationId: id, text: 'About your return' });
    await until(() => (chat.session.store.getState().messages.get(id) ?? []).some((m) => m.text === 'About your return'), 15000, 'its message');

    await control('delete', { conversationId: id });
    await until(() => !chat.session.store.getState().conversations.has(id), 15000, 'deleted');
    expect([...chat.session.store.getState().conversations.keys()]).to.deep.equal([support]);
    expect(chat.session.store.getState().messages.has(id)).to.equal(false);
  });

  it('cut mid-conversation: reconnecting, then what was sent meanwhile appears once each, in order', async () => {
    await control('agent', { enabled: false });
    const chat = await widget(visitor('cut').options);
    const cid = activeConversation(chat);
    await control('say', { conversationId: cid, text: 'before the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'before the cut'), 15000, 'first message');

    await control('refuse', { ms: 2500 });
    await control('drop', {});
    await until(() => chat.connectionStatus === 'reconnecting', 15000, 'reconnecting');
    await control('say', { conversationId: cid, text: 'missed one' });
    await control('say', { conversationId: cid, text: 'missed two' });
    await type(chat, 'typed while cut');
    await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status === 'pending'), 5000, 'pending while cut');

    await until(() => chat.connectionStatus === 'open', 30000, 'open again');
    await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status !== 'pending'), 15000, 'the cut message sent');
    await control('say', { conversationId: cid, text: 'after the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'after the cut'), 15000, 'live again');

    const server = await serverMessages(cid);
    const expected = ['before the cut', 'missed one', 'missed two', 'typed while cut', 'after the cut'];
    expect(server.map((m) => m.text).filter((t) => expected.includes(t))).to.deep.equal(expected);
    expect(thread(chat).map((m) => m.text).filter((t) => expected.includes(t))).to.deep.equal(expected);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => m.id));
  });

  it('a live event that skips a sequence number: the missing event is fetched and shown in its place; echoes reach the server', async () => {
    await control('agent', { enabled: false });
    const chat = await widget({ ...visitor('gap').options, echoMs: 1000 });
    const cid = activeConversation(chat);
    await control('say', { conversationId: cid, text: 'one' });
    await until(() => rendered(chat).some((m) => m.text === 'one'), 15000, 'one');
    const gap = await control<{ skipped: number; sent: number }>('gap', { conversationId: cid, text: 'three' });
    expect(gap.sent).to.equal(gap.skipped + 1);
    await until(() => rendered(chat).some((m) => m.text === 'three'), 15000, 'the live one');
    expect(thread(chat).map((m) => m.text).slice(-3)).to.deep.equal(['one', 'three (never sent live)', 'three']);
    expect(thread(chat).map((m) => m.seq).slice(-2)).to.deep.equal([gap.skipped, gap.sent]);
    const server = await serverMessages(cid);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => m.id));
    // The keepalive reaches the server (every second here; every 60 s by default).
    await eventually(async () => (await control<{ sockets: { echoes: number } }>('state')).sockets.echoes > 0, 10000, 'an echo frame');
  });
});
