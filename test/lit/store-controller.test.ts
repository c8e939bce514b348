import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/core/store.js';
import type { Message } from '../../src/core/model.js';
import { StoreController } from '../../src/lit/store-controller.js';
import { T0, created, manualStore } from '../helpers/events.js';
import { FakeHost } from '../helpers/fake-host.js';

const threadOf = (id: string) => (s: ReturnType<ChatStore['getState']>) => s.messages.get(id);

describe('StoreController with a fake host', () => {
  it('registers itself with the host', () => {
    const host = new FakeHost();
    const { store } = manualStore();
    const c = new StoreController(host, () => store, threadOf('c1'));
    expect(host.controllers).to.deep.equal([c]);
  });

  it('asks for an update only when its slice changes', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    const c = new StoreController<readonly Message[] | undefined>(host, () => store, threadOf('c1'));
    host.connect();
    expect(c.value).to.equal(undefined);

    store.apply([created({ id: '1', conversationId: 'c2', at: T0 })]);
    store.setStatus('open');
    frames.run();
    expect(host.updateRequests).to.equal(0);

    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    expect(host.updateRequests).to.equal(1);
    expect(c.value).to.equal(store.getState().messages.get('c1'));
    expect(c.value!.map((m) => m.id)).to.deep.equal(['1']);

    store.apply([created({ id: '1', at: T0 })]); // replay: no change at all
    store.apply([created({ id: '2', conversationId: 'c2', at: T0 })]);
    frames.run();
    expect(host.updateRequests).to.equal(1);
  });

  it('many changes in one frame are one update', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    new StoreController(host, () => store, threadOf('c1'));
    host.connect();
    for (let i = 1; i <= 20; i++) store.apply([created({ id: String(i), at: T0 + i })]);
    frames.run();
    expect(host.updateRequests).to.equal(1);
  });

  it('uses the given equality for derived values', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    const c = new StoreController(host, () => store, (s) => [...s.conversations.keys()].sort(),
      (a, b) => a.join() === b.join(), [] as string[]);
    host.connect();
    store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }]);
    frames.run();
    store.apply([{ type: 'conversation.updated', conversation: { id: 'c1', title: 'renamed' } }]);
    frames.run();
    expect([host.updateRequests, c.value]).to.deep.equal([1, ['c1']]);
  });

  it('picks up a store that appears later, on hostUpdate', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    let current: ChatStore | undefined;
    const c = new StoreController(host, () => current, threadOf('c1'), Object.is, undefined);
    host.connect();
    expect(c.value).to.equal(undefined);
    current = store;
    host.update();
    expect(c.value!.map((m) => m.id)).to.deep.equal(['1']);
    expect(host.updateRequests).to.equal(1); // the follow-up, for willUpdate to see the store's slice
    store.apply([created({ id: '2', at: T0 + 1 })]);
    frames.run();
    expect(host.updateRequests).to.equal(2);
    expect(c.value!.map((m) => m.id)).to.deep.equal(['1', '2']);
  });

  it('follows a store swapped on hostUpdate and stops listening to the old one', () => {
    const host = new FakeHost();
    const a = manualStore();
    const b = manualStore();
    let current = a.store;
    const c = new StoreController(host, () => current, threadOf('c1'));
    host.connect();
    current = b.store;
    host.update();
    a.store.apply([created({ id: 'a', at: T0 })]);
    a.frames.run();
    expect(host.updateRequests).to.equal(0);
    b.store.apply([created({ id: 'b', at: T0 })]);
    b.frames.run();
    expect(host.updateRequests).to.equal(1);
    expect(c.value!.map((m) => m.id)).to.deep.equal(['b']);
  });

  it('re-selects on hostUpdate when the selector depends on the host', () => {
    const host = new FakeHost();
    const { store } = manualStore();
    store.apply([created({ id: '1', at: T0 }), created({ id: '9', conversationId: 'c2', at: T0 })]);
    let conversation = 'c1';
    const c = new StoreController(host, () => store, (s) => s.messages.get(conversation));
    host.connect();
    conversation = 'c2';
    host.update();
    expect(c.value!.map((m) => m.id)).to.deep.equal(['9']);
  });

  it('a change the host picks up during its own update asks for one more update (its willUpdate saw the old value)', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    const c = new StoreController(host, () => store, threadOf('c1'));
    host.connect();
    store.apply([created({ id: '1', at: T0 })]); // the store's notice waits for the next frame
    host.update(); // the host updates for another reason first
    expect(c.value!.map((m) => m.id)).to.deep.equal(['1']);
    expect(host.updateRequests).to.equal(1);
    frames.run(); // the notice finds the value current: no second request
    expect(host.updateRequests).to.equal(1);
    host.update(); // the follow-up update: nothing changed in it
    expect(host.updateRequests).to.equal(1);
  });

  it('unsubscribes on hostDisconnected and subscribes again on hostConnected', () => {
    const host = new FakeHost();
    const { store, frames } = manualStore();
    const c = new StoreController(host, () => store, threadOf('c1'));
    host.connect();
    host.disconnect();
    store.apply([created({ id: '1', at: T0 })]);
    frames.run();
    expect(host.updateRequests).to.equal(0);
    host.connect();
    expect(c.value!.map((m) => m.id)).to.deep.equal(['1']); // caught up on connect
    store.apply([created({ id: '2', at: T0 + 1 })]);
    frames.run();
    expect(host.updateRequests).to.equal(1);
  });
});
