import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Actor } from '../../src/core/model.js';
import { ADA, BOB, ME, T0, created, ids, manualStore, stored } from '../helpers/events.js';

const typing = (actor: Actor, expiresAt: number, conversationId = 'c1'): ChatEvent =>
  ({ type: 'typing.started', conversationId, actor, expiresAt });
const typists = (store: ReturnType<typeof manualStore>['store'], conversationId = 'c1') =>
  (store.getState().typing.get(conversationId) ?? []).map((t) => `${t.actor.id}@${t.expiresAt - T0}`);

describe('store: typing', () => {
  it('records who types, with the expiry; a repeat from the same person replaces their entry', () => {
    const { store } = manualStore();
    store.apply([typing(ADA, T0 + 5000), typing(BOB, T0 + 3000), typing(ADA, T0 + 8000)]);
    expect(typists(store)).to.deep.equal(['bob@3000', 'ada@8000']);
  });

  it('expireTyping(now) drops expired entries and returns the next expiry', () => {
    const { store } = manualStore();
    store.apply([typing(ADA, T0 + 5000), typing(BOB, T0 + 3000), typing(ADA, T0 + 9000, 'c2')]);
    expect(store.expireTyping(T0 + 2999)).to.equal(T0 + 3000);
    expect(typists(store)).to.deep.equal(['ada@5000', 'bob@3000']);
    expect(store.expireTyping(T0 + 3000)).to.equal(T0 + 5000);
    expect(typists(store)).to.deep.equal(['ada@5000']);
    expect(store.expireTyping(T0 + 6000)).to.equal(T0 + 9000);
    expect(store.getState().typing.has('c1')).to.equal(false);
    expect(store.expireTyping(T0 + 9000)).to.equal(undefined);
    expect(store.getState().typing.size).to.equal(0);
  });

  it('expireTyping with nothing expired changes nothing', () => {
    const { store } = manualStore();
    store.apply([typing(ADA, T0 + 5000)]);
    const before = store.getState();
    store.expireTyping(T0 + 1000);
    expect(store.getState()).to.equal(before);
  });

  it('ignores typing from myself', () => {
    const { store } = manualStore();
    const before = store.getState();
    store.apply([typing(ME, T0 + 5000)]);
    expect(store.getState()).to.equal(before);
  });

  it('a message from the typist clears their typing, not anyone else\'s', () => {
    const { store } = manualStore();
    store.apply([typing(ADA, T0 + 5000), typing(BOB, T0 + 5000)]);
    store.apply([created({ id: '1', sender: ADA, at: T0 + 100 })]);
    expect(typists(store)).to.deep.equal(['bob@5000']);
    store.apply([created({ id: '2', sender: BOB, at: T0 + 200 })]);
    expect(store.getState().typing.has('c1')).to.equal(false);
  });

  it('typing.stopped removes the entry', () => {
    const { store } = manualStore();
    store.apply([typing(ADA, T0 + 5000), typing(BOB, T0 + 5000), { type: 'typing.stopped', conversationId: 'c1', actorId: 'ada' }]);
    expect(typists(store)).to.deep.equal(['bob@5000']);
  });
});

describe('store: AI stream', () => {
  const chunk = (delta: string, at?: number): ChatEvent =>
    ({ type: 'ai.stream.chunk', conversationId: 'c1', messageId: 'ai1', sender: { id: 'bot', role: 'bot' }, delta, ...(at ? { at } : {}) });

  it('chunks grow one streaming message', () => {
    const { store } = manualStore();
    store.apply([chunk('Hel', T0 + 10)]);
    store.apply([chunk('lo, ')]);
    store.apply([chunk('world')]);
    expect(ids(store)).to.deep.equal(['ai1']);
    const m = stored(store, 'ai1');
    expect([m.text, m.streaming, m.kind, m.createdAt, m.sender?.id]).to.deep.equal(['Hello, world', true, 'ai', T0 + 10, 'bot']);
    expect(store.getState().conversations.get('c1')?.lastMessageId).to.equal('ai1');
  });

  it('a chunk without a time takes the store clock', () => {
    const { store } = manualStore(() => T0 + 777);
    store.apply([chunk('x')]);
    expect(stored(store, 'ai1').createdAt).to.equal(T0 + 777);
  });

  it('the final message.created settles it with the final text, and late chunks are ignored', () => {
    const { store } = manualStore();
    store.apply([chunk('Hel', T0 + 10), chunk('lo')]);
    store.apply([created({ id: 'ai1', text: 'Hello!', at: T0 + 10, sender: { id: 'bot', role: 'bot' }, kind: 'ai' })]);
    let m = stored(store, 'ai1');
    expect([m.text, m.streaming, m.edited]).to.deep.equal(['Hello!', false, undefined]);
    const before = store.getState();
    store.apply([chunk(' late')]);
    expect(store.getState()).to.equal(before);
    m = stored(store, 'ai1');
    expect(m.text).to.equal('Hello!');
  });

  it('a late chunk does not make the stream the conversation\'s last message again', () => {
    const { store } = manualStore();
    store.apply([chunk('Hi', T0 + 10), created({ id: 'ai1', text: 'Hi', at: T0 + 10, kind: 'ai' })]);
    store.apply([created({ id: '2', text: 'thanks', self: true, at: T0 + 20 })]);
    const before = store.getState();
    store.apply([chunk('!')]);
    expect(store.getState().conversations.get('c1')?.lastMessageId).to.equal('2');
    expect(store.getState()).to.equal(before);
  });
});
