import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import { CLOCK_SKEW_MS } from '../../src/core/reduce-messages.js';
import { ADA, T0, created, ids, manualStore, pending, stored, updated } from '../helpers/events.js';

describe('store: optimistic sends', () => {
  it('addPending enters the message as pending under a local id', () => {
    const { store } = manualStore();
    const m = store.addPending(pending('r1', 'hello', T0));
    expect([m.id, m.status, m.clientRef]).to.deep.equal(['local:r1', 'pending', 'r1']);
    expect(ids(store)).to.deep.equal(['local:r1']);
    expect(store.pendingMessages().map((x) => x.id)).to.deep.equal(['local:r1']);
  });

  it('the confirmation with the same clientRef replaces it: one message, server id, clientRef kept', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'hello', T0));
    store.apply([created({ id: '55', text: 'hello', clientRef: 'r1', self: true, at: T0 + 40 })]);
    expect(ids(store)).to.deep.equal(['55']);
    const m = stored(store, '55');
    expect([m.clientRef, m.status, m.text, m.createdAt]).to.deep.equal(['r1', 'sent', 'hello', T0 + 40]);
    expect(store.pendingMessages()).to.deep.equal([]);
  });

  it('a confirmation that arrives twice leaves one message and changes nothing the second time', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'hello', T0));
    const confirm = created({ id: '55', text: 'hello', clientRef: 'r1', self: true, at: T0 });
    store.apply([confirm]);
    const before = store.getState();
    store.apply([confirm]);
    expect(store.getState()).to.equal(before);
    expect(ids(store)).to.deep.equal(['55']);
  });

  it('the live echo (with the clientRef) before the REST response: one message', () => {
    const { store } = manualStore();
    const arrived: Message[] = [];
    store.onMessage((m) => arrived.push(m));
    store.addPending(pending('r1', 'hello', T0));
    store.apply([created({ id: '55', text: 'hello', clientRef: 'r1', self: true, at: T0 }, 'live')]);
    store.apply([created({ id: '55', text: 'hello', clientRef: 'r1', self: true, at: T0, status: 'sent' })]);
    expect(ids(store)).to.deep.equal(['55']);
    expect(stored(store, '55').clientRef).to.equal('r1');
    expect(arrived).to.deep.equal([]); // a confirmation of my own send is not a new message
  });

  it('the live echo without a clientRef, then the REST response with it: one message', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'hello', T0));
    store.markHandedOver('c1', 'r1'); // as the outbox does before it posts
    store.apply([created({ id: '55', text: 'hello', self: true, at: T0 }, 'live')]);
    expect(stored(store, '55').clientRef).to.equal('r1');
    const before = store.getState();
    store.apply([created({ id: '55', text: 'hello', clientRef: 'r1', self: true, at: T0 })]);
    expect(ids(store)).to.deep.equal(['55']);
    expect(store.getState()).to.equal(before);
  });

  it('without a clientRef, reconciles by same text from self, oldest first', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'same', T0));
    store.addPending(pending('r2', 'same', T0 + 1));
    store.addPending(pending('r3', 'other', T0 + 2));
    for (const ref of ['r1', 'r2', 'r3']) store.markHandedOver('c1', ref);
    store.apply([created({ id: '101', text: ' same ', self: true, at: T0 + 10 })]);
    expect(stored(store, '101').clientRef).to.equal('r1');
    expect(ids(store)).to.deep.equal(['local:r2', 'local:r3', '101']);
    store.apply([created({ id: '102', text: 'same', self: true, at: T0 + 11 })]);
    expect(stored(store, '102').clientRef).to.equal('r2');
    expect(ids(store)).to.deep.equal(['local:r3', '101', '102']);
    expect(store.pendingMessages().map((m) => m.clientRef)).to.deep.equal(['r3']);
  });

  it('an update that overtakes its message (my read receipt, its creation lost) confirms the pending copy', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'typed offline', T0));
    store.markHandedOver('c1', 'r1'); // posted on reconnect; the answer was lost
    const full = created({ id: '77', text: 'typed offline', self: true, at: T0 + 5 }).message;
    store.apply([updated({ ...full, status: 'read' })]);
    expect(ids(store)).to.deep.equal(['77']);
    expect([stored(store, '77').clientRef, stored(store, '77').status]).to.deep.equal(['r1', 'read']);
    expect(store.pendingMessages()).to.deep.equal([]);
  });

  it('does not reconcile a message from someone else that has the same text', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'ok', T0));
    store.apply([created({ id: '9', text: 'ok', sender: ADA, at: T0 + 1 })]);
    expect(ids(store)).to.deep.equal(['local:r1', '9']);
    expect(stored(store, 'local:r1').status).to.equal('pending');
  });

  it('failed (with the reason) → retry (pending, reason cleared) → confirmed', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'hello', T0));
    store.setPendingState('c1', 'r1', 'failed', 'POST /messages answered 422');
    let m = stored(store, 'local:r1');
    expect([m.status, m.error]).to.deep.equal(['failed', 'POST /messages answered 422']);
    expect(store.pendingMessages()).to.deep.equal([]);
    store.setPendingState('c1', 'r1', 'pending');
    m = stored(store, 'local:r1');
    expect([m.status, m.error]).to.deep.equal(['pending', undefined]);
    store.apply([created({ id: '60', text: 'hello', clientRef: 'r1', self: true, at: T0 })]);
    m = stored(store, '60');
    expect([m.status, m.error, ids(store)]).to.deep.equal(['sent', undefined, ['60']]);
  });

  it('a failed message is also reconciled by text when the server did store it', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'hello', T0));
    store.markHandedOver('c1', 'r1');
    store.setPendingState('c1', 'r1', 'failed', 'timeout');
    store.apply([created({ id: '61', text: 'hello', self: true, at: T0 })]);
    expect(ids(store)).to.deep.equal(['61']);
    expect(stored(store, '61').status).to.equal('sent');
  });

  it('a send not yet handed over is never claimed by text: the same text came from another device of mine', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'on my way', T0)); // typed while this device was offline
    store.apply([created({ id: '70', text: 'on my way', self: true, at: T0 + 30 }, 'missed')]); // my phone said the same
    expect(ids(store)).to.deep.equal(['local:r1', '70']);
    expect(store.pendingMessages().map((m) => m.clientRef), 'still to be sent').to.deep.equal(['r1']);
  });

  it('a message the server dated well before mine was written is not mine, even with the same text', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'thanks', T0));
    store.markHandedOver('c1', 'r1');
    store.apply([created({ id: '71', text: 'thanks', self: true, at: T0 - CLOCK_SKEW_MS - 1 }, 'missed')]);
    expect(ids(store)).to.deep.equal(['71', 'local:r1']);
    store.apply([created({ id: '72', text: 'thanks', self: true, at: T0 - CLOCK_SKEW_MS + 1000 })]);
    expect(ids(store), 'within the clock skew it is').to.deep.equal(['71', '72']);
  });

  it('markHandedOver keeps the first time a send was handed over', () => {
    let now = T0 + 100;
    const { store } = manualStore(() => now);
    store.addPending(pending('r1', 'hi', T0));
    expect(stored(store, 'local:r1').handedOverAt).to.equal(undefined);
    store.markHandedOver('c1', 'r1');
    now += 5000;
    store.markHandedOver('c1', 'r1'); // a retry
    expect(stored(store, 'local:r1').handedOverAt).to.equal(T0 + 100);
  });

  it('discard removes the optimistic message', () => {
    const { store } = manualStore();
    store.addPending(pending('r1', 'one', T0));
    store.addPending(pending('r2', 'two', T0 + 1));
    store.discardPending('c1', 'r1');
    expect(ids(store)).to.deep.equal(['local:r2']);
    const before = store.getState();
    store.discardPending('c1', 'r1');
    expect(store.getState()).to.equal(before);
  });

  it('pendingMessages lists every conversation, oldest first', () => {
    const { store } = manualStore();
    store.addPending(pending('late', 'b', T0 + 5, 'c2'));
    store.addPending(pending('early', 'a', T0 + 1, 'c1'));
    store.addPending(pending('mid', 'c', T0 + 3, 'c3'));
    expect(store.pendingMessages().map((m) => m.clientRef)).to.deep.equal(['early', 'mid', 'late']);
  });
});
