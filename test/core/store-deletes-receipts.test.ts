import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ADA, ME, T0, created, ids, manualStore, pending, stored } from '../helpers/events.js';

const del = (messageIds: string[] | 'all', scope: 'everyone' | 'self'): ChatEvent =>
  ({ type: 'message.deleted', conversationId: 'c1', messageIds, scope });

function threeMessages() {
  const { store, frames } = manualStore();
  store.apply([
    created({ id: '1', text: 'one', at: T0 + 1 }),
    created({ id: '2', text: 'two', at: T0 + 2, attachments: [{ name: 'a.png', url: 'https://x/a.png' }] }),
    created({ id: '3', text: 'three', at: T0 + 3 }),
  ]);
  return { store, frames };
}

describe('store: message.deleted', () => {
  it('for everyone leaves a tombstone: deleted, empty text, no attachments, same place', () => {
    const { store } = threeMessages();
    store.apply([del(['2'], 'everyone')]);
    expect(ids(store)).to.deep.equal(['1', '2', '3']);
    const m = stored(store, '2');
    expect([m.deleted, m.text, m.attachments]).to.deep.equal([true, '', []]);
    expect(stored(store, '1').deleted).to.equal(undefined);
  });

  it('deleting a tombstone again changes nothing', () => {
    const { store } = threeMessages();
    store.apply([del(['2'], 'everyone')]);
    const before = store.getState();
    store.apply([del(['2'], 'everyone'), del(['404'], 'everyone')]);
    expect(store.getState()).to.equal(before);
  });

  it('for me only removes the message', () => {
    const { store } = threeMessages();
    store.apply([del(['1', '3'], 'self')]);
    expect(ids(store)).to.deep.equal(['2']);
  });

  it("'all' for everyone clears the conversation", () => {
    const { store } = threeMessages();
    store.apply([del('all', 'everyone')]);
    expect(store.getState().messages.has('c1')).to.equal(false);
    store.apply([created({ id: '1', text: 'one again', at: T0 + 1 })]); // the index forgot them too
    expect(stored(store, '1').text).to.equal('one again');
  });

  it("'all' for me removes every message", () => {
    const { store } = threeMessages();
    store.apply([del('all', 'self')]);
    expect(ids(store)).to.deep.equal([]);
  });
});

describe('store: read and delivered receipts', () => {
  function mixed() {
    const { store } = manualStore();
    store.apply([
      created({ id: '1', self: true, at: T0 + 1 }),
      created({ id: '2', at: T0 + 2 }), // from Ada
      created({ id: '3', self: true, at: T0 + 3 }),
      created({ id: '4', self: true, at: T0 + 4 }),
    ]);
    store.addPending(pending('r1', 'not yet', T0 + 2));
    return store;
  }
  const statuses = (store: ReturnType<typeof mixed>) => store.getState().messages.get('c1')!.map((m) => `${m.id}:${m.status}`);

  it('read `at` a time marks my messages up to that time read, not others\' and not later ones', () => {
    const store = mixed();
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, at: T0 + 3 }]);
    expect(statuses(store)).to.deep.equal(['1:read', '2:sent', 'local:r1:pending', '3:read', '4:sent']);
  });

  it('read upToMessageId marks my messages up to and including that one', () => {
    const store = mixed();
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: '3' }]);
    expect(statuses(store)).to.deep.equal(['1:read', '2:sent', 'local:r1:pending', '3:read', '4:sent']);
  });

  it('read upToMessageId stops at that message even when the next one has the same time', () => {
    const { store } = manualStore();
    store.apply([created({ id: '9', self: true, at: T0 }), created({ id: '10', self: true, at: T0 })]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: '9' }]);
    expect(store.getState().messages.get('c1')!.map((m) => `${m.id}:${m.status}`)).to.deep.equal(['9:read', '10:sent']);
  });

  it('read messageIds marks exactly those of mine', () => {
    const store = mixed();
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, messageIds: ['2', '4'] }]);
    expect(statuses(store)).to.deep.equal(['1:sent', '2:sent', 'local:r1:pending', '3:sent', '4:read']);
  });

  it('delivered marks delivered, and a later read still upgrades', () => {
    const store = mixed();
    store.apply([{ type: 'receipt.delivered', conversationId: 'c1', reader: ADA, messageIds: ['1', '3'] }]);
    expect(statuses(store)).to.deep.equal(['1:delivered', '2:sent', 'local:r1:pending', '3:delivered', '4:sent']);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, at: T0 + 1 }]);
    expect(statuses(store)).to.deep.equal(['1:read', '2:sent', 'local:r1:pending', '3:delivered', '4:sent']);
  });

  it('a receipt from myself (another device) or with no range changes nothing', () => {
    const store = mixed();
    const before = store.getState();
    store.apply([
      { type: 'receipt.read', conversationId: 'c1', reader: ME, at: T0 + 10 },
      { type: 'receipt.read', conversationId: 'c1', reader: ADA },
      { type: 'receipt.read', conversationId: 'nowhere', reader: ADA, at: T0 + 10 },
    ]);
    expect(store.getState()).to.equal(before);
  });

  it('a receipt does not touch a tombstone', () => {
    const store = mixed();
    store.apply([del(['1'], 'everyone'), { type: 'receipt.read', conversationId: 'c1', reader: ADA, at: T0 + 1 }]);
    expect(stored(store, '1').status).to.equal('sent');
  });
});
