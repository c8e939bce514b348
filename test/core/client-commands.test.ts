import { expect } from '@open-wc/testing';
import type { Command } from '../../src/core/commands.js';
import { ParleyError } from '../../src/core/errors.js';
import { HttpError, NetworkError } from '../../src/core/http.js';
import { ADA, T0, created, ids, stored } from '../helpers/events.js';
import { RecordingStore, connected, fakeClient } from '../helpers/fake-client.js';
import { settle, syncFrame } from '../helpers/fake-time.js';

const sends = (commands: Command[]) => commands.flatMap((c) => (c.type === 'send' ? [c.text] : []));
const CONVERSATION = { type: 'conversation.created', conversation: { id: 'c1' } } as const;

describe('client: sending through the outbox', () => {
  it('sends while not open stay pending, then go out in order once open', async () => {
    const f = fakeClient();
    const texts = ['one', 'two', 'three', 'four', 'five'];
    for (const t of texts) f.client.send(t, { conversationId: 'c1' }); // same clock time for all
    await settle();
    expect(f.backend.commands).to.deep.equal([]);
    expect(f.store.getState().messages.get('c1')!.map((m) => `${m.text}:${m.status}`)).to.deep.equal(texts.map((t) => `${t}:pending`));
    f.client.connect();
    await settle();
    expect(sends(f.backend.commands)).to.deep.equal(texts);
    expect(f.store.getState().messages.get('c1')!.map((m) => `${m.text}:${m.status}`)).to.deep.equal(texts.map((t) => `${t}:sent`));
    expect(f.store.pendingMessages()).to.deep.equal([]);
  });

  it('a send while open is confirmed in place: server id, clientRef kept', async () => {
    const f = await connected({}, [CONVERSATION]);
    const m = f.client.send('  hello  ')!;
    expect([m.text, m.status, m.id]).to.deep.equal(['hello', 'pending', `local:${m.clientRef}`]);
    await settle();
    expect(ids(f.store)).to.deep.equal(['srv-1']);
    expect(stored(f.store, 'srv-1').clientRef).to.equal(m.clientRef);
    expect(f.client.send('   ')).to.equal(undefined);
    expect(f.client.send('x', { conversationId: '' })).to.equal(undefined);
  });

  it('a refused send (HttpError) becomes failed with the reason and reports one command error; retry delivers it', async () => {
    const f = await connected({}, [CONVERSATION]);
    f.backend.onExecute = async () => { throw new HttpError(422, 'POST /messages answered 422'); };
    const m = f.client.send('hello')!;
    await settle();
    const failed = stored(f.store, m.id);
    expect([failed.status, failed.error]).to.deep.equal(['failed', 'the server refused it (422)']); // plain words, no URL
    expect(f.errors).to.have.length(1);
    expect(f.errors[0]).to.be.instanceOf(ParleyError);
    expect([f.errors[0]!.code, f.errors[0]!.message]).to.deep.equal(['command', 'send failed: POST /messages answered 422']);
    expect(f.errors[0]!.cause).to.be.instanceOf(HttpError);
    f.backend.onExecute = undefined;
    f.client.retry('c1', m.clientRef!);
    await settle();
    expect(ids(f.store)).to.deep.equal(['srv-2']);
    expect(stored(f.store, 'srv-2').status).to.equal('sent');
    expect(sends(f.backend.commands)).to.deep.equal(['hello', 'hello']);
    expect(f.errors).to.have.length(1);
  });

  it('a network failure keeps the message pending, with no error, and it goes out after the reconnect', async () => {
    const f = await connected({}, [CONVERSATION]);
    f.backend.onExecute = async () => { throw new NetworkError('POST /messages failed: Failed to fetch'); };
    const m = f.client.send('hello')!;
    await settle();
    expect(stored(f.store, m.id).status).to.equal('pending');
    expect(f.errors).to.deep.equal([]);
    f.backend.onExecute = undefined;
    f.clock.advance(1000);
    f.backend.drop();
    f.clock.advance(750);
    await settle();
    expect(f.client.status).to.equal('open');
    expect(ids(f.store)).to.deep.equal(['srv-2']);
  });

  it('discard removes a failed message', async () => {
    const f = await connected({}, [CONVERSATION]);
    f.backend.onExecute = async () => { throw new HttpError(500, 'boom'); };
    const m = f.client.send('hello')!;
    await settle();
    f.client.discard('c1', m.clientRef!);
    expect(ids(f.store)).to.deep.equal([]);
  });
});

describe('client: typing notices', () => {
  const typing = (commands: Command[]) => commands.flatMap((c) => (c.type === 'typing' ? [`${c.conversationId}:${c.on ? 'on' : 'off'}`] : []));

  it('throttles "on" and sends "off" only after an "on"', async () => {
    const f = await connected({ typingThrottleMs: 3000 }, [CONVERSATION]);
    f.client.setTyping('c1', false); // nothing was on
    f.client.setTyping('c1', true);
    f.clock.advance(1000);
    f.client.setTyping('c1', true); // throttled
    f.clock.advance(1999);
    f.client.setTyping('c1', true); // still throttled (2999 ms)
    f.clock.advance(1);
    f.client.setTyping('c1', true); // 3000 ms: goes out
    f.client.setTyping('c1', false);
    f.client.setTyping('c1', false); // already off
    f.client.setTyping('c1', true); // after an off, at once
    await settle();
    expect(typing(f.backend.commands)).to.deep.equal(['c1:on', 'c1:on', 'c1:off', 'c1:on']);
  });

  it('sending a message ends typing ("off" only if "on" went out) and the throttle window; nothing while not open', async () => {
    const f = fakeClient({ typingThrottleMs: 3000 });
    f.client.setTyping('c1', true);
    f.backend.syncEvents = [CONVERSATION];
    f.client.connect();
    await settle();
    f.client.send('no typing before this', { conversationId: 'c1' });
    f.client.setTyping('c1', true);
    f.client.send('hi', { conversationId: 'c1' });
    f.client.setTyping('c1', true);
    await settle();
    expect(typing(f.backend.commands)).to.deep.equal(['c1:on', 'c1:off', 'c1:on']);
  });
});

describe('client: typing from others', () => {
  it('expires on the client\'s clock, even when the store keeps another one', async () => {
    const store = new RecordingStore({ frame: syncFrame }); // Date.now, like the Lit session's store
    const f = await connected({ store }, [CONVERSATION]);
    const typists = () => (store.getState().typing.get('c1') ?? []).map((t) => t.actor.id);
    f.backend.emit([{ type: 'typing.started', conversationId: 'c1', actor: ADA, expiresAt: f.clock.now() + 5000 }]);
    expect(typists()).to.deep.equal(['ada']);
    f.clock.advance(4999);
    expect(typists()).to.deep.equal(['ada']);
    f.clock.advance(100);
    expect(typists()).to.deep.equal([]);
    f.clock.advance(10_000); // past the backoff's "this connection lasted" mark, the one other open-time timer
    expect(f.client.armedTimers).to.equal(0);
  });
});

describe('client: read marks', () => {
  const reads = (commands: Command[]) => commands.flatMap((c) => (c.type === 'markRead' ? [`${c.conversationId}:${c.messageId}@${(c.at ?? 0) - T0}`] : []));

  it('marks the newest message from others read in the active conversation on screen', async () => {
    const f = await connected({}, [
      CONVERSATION,
      created({ id: '1', at: T0 + 1 }),
      created({ id: '2', at: T0 + 2 }),
      created({ id: '3', at: T0 + 3, self: true }),
    ]);
    expect(f.store.getState().activeConversation).to.equal('c1');
    expect(reads(f.backend.commands)).to.deep.equal([]);
    f.clock.advance(300);
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal(['c1:2@2']);
    f.backend.emit([created({ id: '4', at: T0 + 4 })]);
    f.clock.advance(300);
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal(['c1:2@2', 'c1:4@4']);
    f.client.markRead('c1'); // already marked
    await settle();
    expect(reads(f.backend.commands)).to.have.length(2);
  });

  it('sends one read mark at a time per conversation: those asked meanwhile become one, for the newest, once it is done', async () => {
    const f = await connected({}, [CONVERSATION, created({ id: '1', at: T0 + 1 })]);
    let release: () => void = () => {};
    f.backend.onExecute = (c) => (c.type === 'markRead' ? new Promise((r) => { release = () => r([]); }) : Promise.resolve([]));
    f.clock.advance(300);
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal(['c1:1@1']);
    for (const id of ['2', '3', '4']) {
      f.backend.emit([created({ id, at: T0 + Number(id) })]);
      f.clock.advance(300);
      await settle();
    }
    expect(reads(f.backend.commands), 'none while the first is out').to.deep.equal(['c1:1@1']);
    release();
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal(['c1:1@1', 'c1:4@4']);
    release();
    await settle();
    f.clock.advance(1000);
    await settle();
    expect(reads(f.backend.commands), 'nothing more to mark').to.have.length(2);
  });

  it('does not mark read while the thread is hidden, or for another conversation', async () => {
    const f = await connected({}, [CONVERSATION, { type: 'conversation.created', conversation: { id: 'c2' } }, created({ id: '1', at: T0 + 1 })]);
    f.client.open('c1', false);
    f.clock.advance(300);
    f.backend.emit([created({ id: '2', at: T0 + 2 }), created({ id: '9', conversationId: 'c2', at: T0 + 9 })]);
    f.clock.advance(1000);
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal([]);
    expect(f.store.getState().conversations.get('c1')?.unreadCount).to.equal(1);
    f.client.open('c1', true);
    f.clock.advance(300);
    await settle();
    expect(reads(f.backend.commands)).to.deep.equal(['c1:2@2']);
    expect(f.store.getState().conversations.get('c1')?.unreadCount).to.equal(0);
  });
});

describe('client: edit and remove', () => {
  it('resolve with nothing when done, and with the reported failure when refused', async () => {
    const f = await connected({}, [CONVERSATION]);
    f.backend.capabilities.add('edit');
    f.backend.capabilities.add('delete');
    expect(await f.client.edit('c1', 'm1', 'new')).to.equal(undefined);
    expect(await f.client.remove('c1', 'm1')).to.equal(undefined);
    expect(f.backend.commands.filter((c) => c.type === 'edit' || c.type === 'delete').map((c) => c.type)).to.deep.equal(['edit', 'delete']);
    f.backend.onExecute = async () => { throw new HttpError(403, 'PATCH answered 403'); };
    const failed = await f.client.edit('c1', 'm1', 'again');
    expect(failed).to.be.instanceOf(ParleyError);
    expect(failed?.message).to.equal('edit failed: PATCH answered 403');
    expect(f.errors.map((e) => e.message)).to.deep.equal(['edit failed: PATCH answered 403']);
  });
});
