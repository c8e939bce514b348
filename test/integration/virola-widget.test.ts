/**
 * The widget end to end against the Virola emulation (demo/server/virola): Sam chats with Vera,
 * the scripted correspondent, over the real event WebSocket and Web API, on a page signed in to
 * Virola (the session cookie; the first test adds the Web API token for REST).
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyError } from '../../src/core/errors.js';
import { until } from '../helpers/fake-protocol.js';
import { deleteMine, offered } from '../helpers/own-actions.js';
import { SAM_TOKEN, control, dangers, rendered, reset, serverMessages, shadow, thread, type, virolaChat, virolaUrl } from '../virola/widget.js';

const VERA = 2;
const SAM = 1;

describe('Virola, end to end against the demo server', function () {
  this.timeout(30000);
  let rooms: Record<string, string>;
  beforeEach(async () => { rooms = await reset(); });

  it('receives, sends (pending, then confirmed), shows Vera\'s read marks, marks hers read; no typing in Virola', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room, { token: true });
    const errors: ParleyError[] = [];
    chat.addEventListener('parley-error', (e) => errors.push(e.error));
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await until(() => rendered(chat).some((m) => m.text.startsWith('Hi Sam! I am Vera.')), 10000, 'the greeting');
    expect(chat.session.can('typing'), 'Virola has no typing').to.equal(false);
    expect(chat.session.can('send')).to.equal(true);

    for (const text of ['hello vera', 'second one']) {
      await type(chat, text);
      const mine = thread(chat).find((m) => m.text === text)!;
      expect(mine.status, 'shown at once, as pending').to.equal('pending');
      expect(mine.id.startsWith('local:')).to.equal(true);
      await until(() => rendered(chat).some((m) => m.text === `You said: “${text}”`), 10000, `the answer to ${text}`);
    }
    const mineRendered = () => rendered(chat).filter((m) => m.text === 'hello vera' || m.text === 'second one');
    await until(() => mineRendered().every((m) => m.status === 'read'), 10000, 'Vera\'s read marks');
    expect(mineRendered().map((m) => m.status)).to.deep.equal(['read', 'read']);
    expect(mineRendered().every((m) => /^\d+$/.test(m.id)), 'server ids after confirmation').to.equal(true);

    // The widget read Vera's messages: the server has Sam's read timestamp on each of them.
    const unreadByMe = async () => (await serverMessages(room)).filter((m) => m.userId === VERA && !m.readTimestamps.some((r) => r.userId === SAM));
    let left = await unreadByMe();
    for (let i = 0; i < 100 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await unreadByMe();
    }
    expect(left.map((m) => m.text)).to.deep.equal([]);

    // Exactly what the server has, once each, in order.
    const server = await serverMessages(room);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => String(m.messageId)));
    expect(thread(chat).map((m) => m.text)).to.deep.equal(server.map((m) => m.text));
    expect(shadow(chat, 'parley-typing-indicator').textContent?.trim()).to.equal('');
    expect(errors.map((e) => e.message)).to.deep.equal([]);
    expect(chat.outerHTML).not.to.contain(SAM_TOKEN);
  });

  it('comments show as replies, both ways; a question gets its answer in the thread in the same batch', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await type(chat, 'how are you?');
    await until(() => rendered(chat).some((m) => m.text === 'Good question: answering in the thread.'), 10000, 'the comment');
    const question = thread(chat).find((m) => m.text === 'how are you?')!;
    const answer = thread(chat).find((m) => m.text === 'Good question: answering in the thread.')!;
    expect(answer.threadParentId).to.equal(question.id);
    expect(rendered(chat).find((m) => m.id === answer.id)?.reply).to.equal(true);
    expect(rendered(chat).find((m) => m.id === question.id)?.reply).to.equal(false);

    // My comment under Vera's answer: pending, then confirmed; the server has it under that parent.
    const reply = thread(chat).find((m) => m.text === 'You said: “how are you?”')!;
    const pending = chat.session.send('fine, thanks', { threadParentId: reply.id })!;
    expect([pending.status, pending.threadParentId]).to.deep.equal(['pending', reply.id]);
    await until(() => thread(chat).some((m) => m.text === 'fine, thanks' && /^\d+$/.test(m.id)), 10000, 'my comment confirmed');
    const mine = thread(chat).find((m) => m.text === 'fine, thanks')!;
    expect([mine.threadParentId, mine.sender?.role, mine.clientRef]).to.deep.equal([reply.id, 'self', pending.clientRef]);
    await until(() => thread(chat).some((m) => m.text === 'Noted: “fine, thanks”'), 10000, 'Vera noting my comment');
    expect(thread(chat).find((m) => m.text === 'Noted: “fine, thanks”')?.threadParentId).to.equal(reply.id);
    const server = await serverMessages(room);
    expect(server.find((m) => m.text === 'fine, thanks')).to.include({ parentMessageId: Number(reply.id), userId: SAM });
  });

  it('deletes: mine through the Web API, and Vera deleting hers; both show as deleted', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('correspondent', { enabled: false });
    await type(chat, 'delete me');
    await until(() => thread(chat).some((m) => m.text === 'delete me' && /^\d+$/.test(m.id)), 10000, 'confirmed');
    const mine = thread(chat).find((m) => m.text === 'delete me')!;
    expect(chat.session.can('delete')).to.equal(true);
    await chat.session.client!.remove(room, mine.id);
    await until(() => rendered(chat).some((m) => m.id === mine.id && m.deleted), 10000, 'my message deleted');
    expect((await serverMessages(room)).some((m) => m.messageId === Number(mine.id))).to.equal(false);

    await control('correspondent', { enabled: true });
    await type(chat, 'this will vanish');
    await until(() => rendered(chat).some((m) => m.text === 'You said: “this will vanish”'), 10000, 'her answer');
    const hers = thread(chat).find((m) => m.text === 'You said: “this will vanish”')!;
    await until(() => rendered(chat).some((m) => m.id === hers.id && m.deleted), 10000, 'her answer deleted');
    expect(rendered(chat).find((m) => m.id === hers.id)?.text).to.equal('This message was deleted');
  });

  it('the message menu offers only Delete (Virola cannot edit); deleting through it removes my message at the server', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await until(() => rendered(chat).some((m) => m.text.startsWith('Hi Sam! I am Vera.')), 10000, 'the greeting');
    await control('correspondent', { enabled: false });
    await type(chat, 'delete me from the menu');
    await until(() => thread(chat).some((m) => m.text === 'delete me from the menu' && /^\d+$/.test(m.id)), 10000, 'confirmed');
    const mine = thread(chat).find((m) => m.text === 'delete me from the menu')!;
    const vera = thread(chat).find((m) => m.text.startsWith('Hi Sam! I am Vera.'))!;
    const root = shadow(chat, 'parley-thread');
    expect(await offered(root, vera.id), 'nothing on Vera\'s message').to.deep.equal([]);
    expect(await offered(root, mine.id)).to.deep.equal(['action-delete']);

    // Virola lets only the author delete: Vera's message stays.
    const refused = await fetch(`${virolaUrl}/api/v1/messages/${vera.id}`, { method: 'DELETE', credentials: 'include' });
    expect(refused.status).to.equal(403);

    await deleteMine(root, mine.id);
    await until(() => rendered(chat).some((m) => m.id === mine.id && m.deleted), 10000, 'shown deleted');
    expect((await serverMessages(room)).some((m) => m.messageId === Number(mine.id))).to.equal(false);
    expect((await serverMessages(room)).some((m) => m.messageId === Number(vera.id))).to.equal(true);
  });

  it('Markdown and HTML render as markup and safely: no script, handler or script URL survives, nothing runs', async () => {
    const room = rooms.Vera!;
    (window as { __pwned?: unknown }).__pwned = undefined;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('say', { messages: [
      { roomId: Number(room), markupType: 'TextMarkdown', text: '**Bold** _move_\n\n- [ok](https://virola.io)\n- [bad](javascript:window.__pwned=1)\n\n<img src=x onerror="window.__pwned=2">' },
      { roomId: Number(room), markupType: 'TextHtml', text: '<p><b>Hi</b> <a href="javascript:window.__pwned=3">x</a></p><img src=x onerror="window.__pwned=4"><script>window.__pwned=5</script><svg onload="window.__pwned=6"></svg>' },
    ] });
    await type(chat, 'show me some markdown');
    await until(() => rendered(chat).filter((m) => m.text.includes('Sure.')).length === 1, 10000, 'Vera\'s Markdown answer');
    const root = shadow(chat, 'parley-thread');
    const bodies = [...root.querySelectorAll('.rich')];
    expect(bodies.length).to.equal(3);
    expect(bodies.map((b) => b.querySelector('strong, b')?.textContent)).to.deep.equal(['Bold', 'Hi', 'Sure.']);
    expect(bodies[0]!.querySelector('a[href="https://virola.io/"]')?.textContent).to.equal('ok');
    expect(bodies[2]!.querySelectorAll('li').length).to.equal(2);
    expect(dangers(root)).to.deep.equal([]);
    expect(root.querySelectorAll('img').length).to.equal(0);
    await new Promise((r) => setTimeout(r, 100)); // an onerror or onload would have run by now
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});
