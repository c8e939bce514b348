/**
 * The widget end to end against the IMKIT emulation (demo/server/imkit), in both payload modes:
 * plain JSON and base64 (`conf {encoding:"base64"}`). The demo visitor chats with Kit, the
 * scripted correspondent; the connection is cut mid-conversation; Kit AI streams an answer.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { eventually as poll, until } from '../helpers/fake-protocol.js';
import { deleteMine, editMine, offered } from '../helpers/own-actions.js';
import { control, DEMO_KEY, DEMO_TOKEN, imkitUrl, mount, rendered, ROOM, serverMessages, shadow, thread, type } from '../imkit/widget-helpers.js';

interface ServerState {
  socket: { authenticated: { clientId: string; base64: boolean }[]; confs: number; authAttempts: number; authFailures: number; typing: { room: string }[] };
  rooms: { id: string; last_read: Record<string, string> }[];
}

/** Poll the server until `check` holds. */
async function eventually(check: (s: ServerState) => boolean, what: string, ms = 10000): Promise<ServerState> {
  const end = performance.now() + ms;
  for (;;) {
    const s = await control<ServerState>('state');
    if (check(s)) return s;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const base64 of [false, true]) {
  describe(`IMKIT (${base64 ? 'base64' : 'plain'} payloads), end to end against the demo server`, function () {
    this.timeout(45000);
    beforeEach(async () => { await control('reset'); });

    it('auth2 (after conf in base64 mode); send: pending, then confirmed; typing out; Kit reads, types and answers', async () => {
      const chat = await mount({ base64 });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      await until(() => rendered(chat).some((m) => m.text.startsWith('Welcome to the IMKIT demo')), 10000, 'the welcome');
      const state = await control<ServerState>('state');
      expect(state.socket.authenticated.map((s) => [s.clientId, s.base64])).to.deep.equal([['demo-user', base64]]);
      expect(state.socket.confs).to.equal(base64 ? 1 : 0);

      let sawTyping = '';
      const indicator = shadow(chat, 'parley-typing-indicator');
      const observer = new MutationObserver(() => { sawTyping ||= indicator.textContent?.trim() ?? ''; });
      observer.observe(indicator, { subtree: true, childList: true, characterData: true });
      await type(chat, 'hello there');
      const mine = thread(chat).find((m) => m.text === 'hello there')!;
      expect([mine.status, mine.id.startsWith('local:')], 'shown at once, as pending').to.deep.equal(['pending', true]);
      await eventually((s) => s.socket.typing.some((t) => t.room === ROOM), 'my typing notice at the server');
      await until(() => rendered(chat).some((m) => m.text === 'You said: “hello there”'), 10000, 'the answer');
      observer.disconnect();
      expect(sawTyping).to.equal('Kit is typing…');
      await until(() => rendered(chat).find((m) => m.text === 'hello there')?.status === 'read', 10000, 'read by Kit');
      const confirmed = rendered(chat).find((m) => m.text === 'hello there')!;
      expect([confirmed.mine, /^[0-9a-f]{24}$/.test(confirmed.id)]).to.deep.equal([true, true]);
      const server = await serverMessages();
      expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => m._id));
      // The widget marks what it shows as read: the server holds my read marker on Kit's answer.
      const answer = server.at(-1)!;
      await eventually((s) => s.rooms.find((r) => r.id === ROOM)?.last_read['demo-user'] === answer._id, 'my read marker');
    });

    it('receives, shows my other device\'s messages as mine, edits, recalls, deletes for everyone and hides for me', async () => {
      await control('agent', { enabled: false });
      const chat = await mount({ base64 });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      const said = async (text: string, sender?: string): Promise<string> => {
        const m = await control<{ _id: string }>('say', sender ? { text, sender } : { text });
        await until(() => rendered(chat).some((r) => r.id === m._id), 10000, text);
        return m._id;
      };
      const a = await said('from Kit');
      const b = await said('from my phone', 'demo-user');
      expect(rendered(chat).filter((r) => r.id === a || r.id === b).map((r) => [r.text, r.sender, r.mine])).to.deep.equal([
        ['from Kit', 'kit', false], ['from my phone', 'demo-user', true],
      ]);
      await control('edit', { id: a, text: 'from Kit, corrected' });
      await until(() => rendered(chat).find((r) => r.id === a)?.edited === true, 10000, 'the edit');
      expect(rendered(chat).find((r) => r.id === a)!.text).to.equal('from Kit, corrected');
      const c = await said('to be recalled');
      await control('recall', { id: c });
      await until(() => rendered(chat).find((r) => r.id === c)?.deleted === true, 10000, 'the recall');
      const d = await said('an admin deletes this');
      await control('delete', { id: d });
      await until(() => rendered(chat).find((r) => r.id === d)?.deleted === true, 10000, 'the deletion');
      const e = await said('hide me on every device');
      await control('user-delete', { ids: [e] });
      await until(() => !rendered(chat).some((r) => r.id === e), 10000, 'hidden for me');
      expect(rendered(chat).map((r) => [r.id, r.deleted]).slice(1)).to.deep.equal([[a, false], [b, false], [c, true], [d, true]]);
    });

    it('edit and delete through the message menu: the server holds the new text, then the recall; Kit\'s message offers nothing', async () => {
      await control('agent', { enabled: false });
      const chat = await mount({ base64 });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      const kit = await control<{ _id: string }>('say', { text: 'from Kit' });
      await type(chat, 'first version');
      await until(() => /^[0-9a-f]{24}$/.test(rendered(chat).find((m) => m.text === 'first version')?.id ?? ''), 10000, 'confirmed');
      const id = rendered(chat).find((m) => m.text === 'first version')!.id;
      const root = shadow(chat, 'parley-thread');
      expect(await offered(root, kit._id)).to.deep.equal([]);
      expect(await offered(root, id)).to.deep.equal(['action-edit', 'action-delete']);

      await editMine(root, id, 'second version');
      await until(() => rendered(chat).some((m) => m.id === id && m.text === 'second version' && m.edited), 10000, 'shown edited');
      await poll(async () => (await serverMessages()).find((m) => m._id === id)?.message === 'second version', 10000, 'the new text at the server');

      // IMKIT lets only the sender change a message.
      const refused = await fetch(`${imkitUrl()}/rooms/${ROOM}/message`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'IM-CLIENT-KEY': DEMO_KEY, 'IM-Authorization': DEMO_TOKEN },
        body: JSON.stringify({ _id: kit._id, message: 'not yours' }),
      });
      expect(refused.status).to.equal(403);

      await deleteMine(root, id);
      await until(() => rendered(chat).find((m) => m.id === id)?.deleted === true, 10000, 'shown deleted');
      await poll(async () => (await serverMessages()).find((m) => m._id === id)?.messageType === 'recall', 10000, 'recalled at the server');
    });

    it('cut mid-conversation: reconnecting, then what was missed (new, edited, recalled) appears once each, in order, and the pending send goes out', async () => {
      await control('agent', { enabled: false });
      const chat = await mount({ base64 });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      const first = await control<{ _id: string }>('say', { text: 'before the cut' });
      const slip = await control<{ _id: string }>('say', { text: 'recalled while cut' });
      await until(() => rendered(chat).some((m) => m.id === slip._id), 10000, 'the first messages');

      const statuses: string[] = [];
      chat.addEventListener('parley-connection-change', (e) => statuses.push(e.status));
      await control('refuse', { ms: 2500 });
      await control('drop');
      await until(() => chat.connectionStatus === 'reconnecting', 10000, 'reconnecting');
      expect(chat.shadowRoot!.querySelector('[part="connection-banner"]')!.textContent).to.match(/Reconnecting/);

      await control('edit', { id: first._id, text: 'before the cut, edited while cut' });
      await control('recall', { id: slip._id });
      await control('say', { text: 'missed one' });
      await control('say', { text: 'from my phone', sender: 'demo-user' });
      await control('say', { text: 'missed two' });
      await type(chat, 'typed while cut');
      await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status === 'pending'), 5000, 'pending while cut');

      await until(() => chat.connectionStatus === 'open', 20000, 'open again');
      expect(statuses).to.include('reconnecting');
      expect(statuses.at(-1)).to.equal('open');
      await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status !== 'pending'), 10000, 'the cut message delivered');
      await control('say', { text: 'after the cut' });
      await until(() => rendered(chat).some((m) => m.text === 'after the cut'), 10000, 'live again');

      const server = await serverMessages();
      const expected = ['before the cut, edited while cut', '', 'missed one', 'from my phone', 'missed two', 'typed while cut', 'after the cut'];
      expect(server.slice(1).map((m) => m.message)).to.deep.equal(expected);
      expect(thread(chat).slice(1).map((m) => m.text)).to.deep.equal(expected);
      expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => m._id));
      expect(rendered(chat).filter((m) => m.edited || m.deleted).map((m) => [m.id, m.edited, m.deleted])).to.deep.equal([[first._id, true, false], [slip._id, false, true]]);
      expect(rendered(chat).filter((m) => m.mine).map((m) => m.text)).to.deep.equal(['from my phone', 'typed while cut']);
    });

    it('a long cut: the afterTime pages come newest first (the emulation\'s reading) and the thread still ends equal to the record', async () => {
      await control('agent', { enabled: false });
      const chat = await mount({ base64, options: { pageSize: 4 } });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      const old: { _id: string }[] = [];
      for (let i = 0; i < 6; i++) old.push(await control<{ _id: string }>('say', { text: `held ${i}` }));
      await until(() => rendered(chat).some((m) => m.id === old.at(-1)!._id), 10000, 'the held messages');

      await control('refuse', { ms: 2500 });
      await control('drop');
      await until(() => chat.connectionStatus === 'reconnecting', 10000, 'reconnecting');
      await control('edit', { id: old[1]!._id, text: 'held 1, edited while cut' });
      await control('delete', { id: old[3]!._id }); // an admin's delete for good: nothing to fetch
      await control('recall', { id: old[4]!._id });
      for (let i = 0; i < 9; i++) await control('say', { text: `missed ${i}` });
      await until(() => chat.connectionStatus === 'open', 20000, 'open again');

      const state = await control<{ served: { afterTimeCut: number } }>('state');
      expect(state.served.afterTimeCut, 'an afterTime page that left older changes out').to.be.greaterThan(0);
      const server = await serverMessages(); // recalls keep a tombstone there; the admin's delete leaves nothing
      const live = thread(chat).filter((m) => !m.deleted || m.kind === 'recalled');
      expect(live.map((m) => m.id)).to.deep.equal(server.map((m) => m._id));
      expect(live.map((m) => (m.kind === 'recalled' ? '' : m.text))).to.deep.equal(server.map((m) => m.message));
      expect(thread(chat).find((m) => m.id === old[3]!._id)?.deleted, 'the permanent delete').to.equal(true);
    });

    it('an AI answer renders progressively, chunk by chunk, then the final message settles it', async () => {
      await control('agent', { enabled: false });
      const chat = await mount({ base64 });
      await until(() => chat.connectionStatus === 'open', 10000, 'open');
      const chunks = ['Kit AI ', 'is ', 'thinking… ', 'done.'];
      const { messageId } = await control<{ messageId: string }>('stream', { chunks, manual: true });
      const seen: string[] = [];
      for (let i = 1; i <= chunks.length; i++) {
        await control('stream-next', { messageId });
        const text = chunks.slice(0, i).join('');
        await until(() => rendered(chat).find((m) => m.id === messageId)?.text === text, 10000, `chunk ${i}`);
        const m = rendered(chat).find((r) => r.id === messageId)!;
        seen.push(`${m.text}|${m.streaming ? 'streaming' : 'settled'}`);
      }
      expect(seen).to.deep.equal(['Kit AI |streaming', 'Kit AI is |streaming', 'Kit AI is thinking… |streaming', 'Kit AI is thinking… done.|streaming']);
      const done = await control<{ done: boolean }>('stream-next', { messageId });
      expect(done.done).to.equal(true);
      await until(() => rendered(chat).find((m) => m.id === messageId)?.streaming === false, 10000, 'settled');
      expect(rendered(chat).filter((m) => m.id === messageId).map((m) => [m.text, m.sender, m.edited])).to.deep.equal([['Kit AI is thinking… done.', 'kit-ai', false]]);
      expect(thread(chat).find((m) => m.id === messageId)!.sender).to.deep.equal({ id: 'kit-ai', role: 'bot', name: 'Kit AI' });
    });

    it('a refused token: closed with reason auth-failed, and no retries', async () => {
      const chat = await mount({ base64, token: 'not-the-demo-token', userId: 'demo-user' });
      await until(() => chat.connectionStatus === 'closed', 10000, 'closed');
      expect(chat.session.store.getState().statusReason).to.equal('auth-failed');
      const banner = chat.shadowRoot!.querySelector<HTMLElement>('[part~="connection-banner"]')!;
      expect(banner.dataset.state).to.equal('auth-failed');
      expect(banner.querySelector('.banner-text')?.textContent).to.equal('The chat server did not accept the sign-in, so the chat is disconnected.');
      await new Promise((r) => setTimeout(r, 1500)); // longer than the first retry delays would be
      const state = await control<ServerState>('state');
      expect([state.socket.authAttempts, state.socket.authFailures, state.socket.confs]).to.deep.equal([1, 1, base64 ? 1 : 0]);
      expect(chat.connectionStatus).to.equal('closed');
      expect(chat.outerHTML.includes('not-the-demo-token')).to.equal(false);
    });
  });
}

describe('IMKIT preferences and invitations, end to end', function () {
  this.timeout(30000);
  beforeEach(async () => { await control('reset'); await control('agent', { enabled: false }); });

  it('roomPref pin, mute and hide reach the conversation; an invitation is shown and can be declined', async () => {
    const chat = await mount({ base64: true });
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const room = () => chat.session.store.getState().conversations.get(ROOM);
    await control('pref', { sticky: true, muted: true });
    await until(() => room()?.pinned === true && room()?.muted === true, 10000, 'pinned and muted');
    await control('pref', { hidden: true });
    await until(() => room()?.hidden === true, 10000, 'hidden');

    await control('invite', { room: 'beta', name: 'Beta testers' });
    const invitations = () => shadow(chat, 'parley-invitations');
    await until(() => !!invitations().querySelector('[data-conversation-id="beta"]'), 10000, 'the invitation');
    expect(invitations().querySelector('[data-conversation-id="beta"] .text')!.textContent).to.equal('Kit invited you to Beta testers');
    invitations().querySelector<HTMLButtonElement>('[part="decline-button"]')!.click();
    await until(() => !invitations().querySelector('[data-conversation-id="beta"]'), 10000, 'dismissed');
    expect(chat.session.store.getState().invitations).to.deep.equal([]);
  });

  it('clicking Accept joins the room through the backend', async () => {
    const chat = await mount({ base64: false });
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('invite', { room: 'beta', name: 'Beta testers' });
    const invitations = () => shadow(chat, 'parley-invitations');
    await until(() => !!invitations().querySelector('[data-conversation-id="beta"] [part="accept-button"]'), 10000, 'the invitation');
    invitations().querySelector<HTMLButtonElement>('[data-conversation-id="beta"] [part="accept-button"]')!.click();
    await until(() => chat.session.store.getState().conversations.get('beta')?.title === 'Beta testers', 10000, 'joined');
    const server = await serverMessages('beta');
    expect(server.map((m) => [m.messageType, m.sender._id])).to.deep.equal([['joinRoom', 'demo-user']]);
    expect(chat.session.store.getState().invitations).to.deep.equal([]);
  });

  it('with autoAcceptInvitations the widget joins the room it is invited to', async () => {
    const chat = await mount({ base64: false, options: { autoAcceptInvitations: true } });
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('invite', { room: 'beta', name: 'Beta testers' });
    await until(() => chat.session.store.getState().conversations.get('beta')?.title === 'Beta testers', 10000, 'joined');
    const server = await serverMessages('beta');
    expect(server.map((m) => [m.messageType, m.sender._id])).to.deep.equal([['joinRoom', 'demo-user']]);
    await until(() => (chat.session.store.getState().messages.get('beta') ?? []).some((m) => m.text === 'You joined'), 10000, 'the join notice');
    expect(chat.session.store.getState().invitations).to.deep.equal([]);
  });
});
