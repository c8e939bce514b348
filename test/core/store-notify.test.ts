import { expect } from '@open-wc/testing';
import type { ChatState } from '../../src/core/store.js';
import { T0, created, ids, manualStore, pending } from '../helpers/events.js';

describe('store: notifying subscribers', () => {
  it('notifies at most once per frame, with the latest state, however many applies', () => {
    const { store, frames } = manualStore();
    const heard: ChatState[] = [];
    store.subscribe((s) => heard.push(s));
    for (let i = 1; i <= 50; i++) store.apply([created({ id: String(i), at: T0 + i })]);
    store.addPending(pending('r1', 'x', T0 + 99));
    store.setStatus('open');
    expect(frames.requested).to.equal(1);
    expect(heard).to.have.length(0);
    frames.run();
    expect(heard).to.have.length(1);
    expect(heard[0]).to.equal(store.getState());
    expect(heard[0]!.messages.get('c1')).to.have.length(51);
    expect(heard[0]!.status).to.equal('open');
  });

  it('asks for a new frame after one has run', () => {
    const { store, frames } = manualStore();
    let calls = 0;
    store.subscribe(() => { calls++; });
    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    store.apply([created({ id: '2', at: T0 + 1 })]);
    store.apply([created({ id: '3', at: T0 + 2 })]);
    frames.run();
    expect([frames.requested, calls]).to.deep.equal([2, 2]);
  });

  it('does not notify, or even ask for a frame, for a no-op', () => {
    const { store, frames } = manualStore();
    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    let calls = 0;
    store.subscribe(() => { calls++; });
    store.apply([]);
    store.apply([created({ id: '1', at: T0 })]);
    store.apply([{ type: 'unknown' }, { type: 'resync.required', reason: 'gap' }]);
    store.setStatus('idle');
    store.discardPending('c1', 'nope');
    store.expireTyping(T0);
    frames.run();
    expect([frames.requested, frames.pending, calls]).to.deep.equal([1, 0, 0]);
  });

  it('flush() notifies at once and the frame already asked for does not notify again', () => {
    const { store, frames } = manualStore();
    let calls = 0;
    store.subscribe(() => { calls++; });
    store.apply([created({ id: '1', at: T0 })]);
    store.flush();
    expect(calls).to.equal(1);
    frames.run();
    expect(calls).to.equal(1);
  });

  it('an unsubscribed listener hears nothing', () => {
    const { store, frames } = manualStore();
    let calls = 0;
    const off = store.subscribe(() => { calls++; });
    off();
    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    expect(calls).to.equal(0);
  });

  it('reset() forgets everything, notifies, and accepts the same messages again as new', () => {
    const { store, frames } = manualStore();
    store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }, created({ id: '1', at: T0 })]);
    store.setActive('c1', true);
    store.setSelf('u1', 'Old user');
    store.setStatus('reconnecting', 'network-error');
    frames.run();
    let heard: ChatState | undefined;
    store.subscribe((s) => { heard = s; });
    store.reset();
    frames.run();
    const s = store.getState();
    expect(heard).to.equal(s);
    expect([s.status, s.statusReason, s.conversations.size, s.messages.size]).to.deep.equal(['idle', undefined, 0, 0]);
    expect([s.activeConversation, s.selfId, s.selfName]).to.deep.equal([undefined, undefined, undefined]);
    store.apply([created({ id: '1', at: T0 })]);
    expect(ids(store)).to.deep.equal(['1']);
  });

  it('reset() keeps whether the thread is on screen (a closed launcher stays closed)', () => {
    const { store } = manualStore();
    store.setActive('c1', false);
    store.reset();
    expect(store.getState().viewing).to.equal(false);
    store.apply([created({ id: '1', at: T0 }, 'live')]);
    expect(store.getState().conversations.get('c1')?.unreadCount).to.equal(1);
  });
});
