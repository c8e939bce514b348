import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ADA, ME, T0, created, manualStore, pending, stored } from '../helpers/events.js';

const read = (upTo: string): ChatEvent => ({ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: upTo });
const delivered = (at: number): ChatEvent => ({ type: 'receipt.delivered', conversationId: 'c1', reader: ADA, at });

describe('store: receipts touch only what they can raise', () => {
  it('raises my covered messages, each once; later receipts leave them as they are', () => {
    const { store } = manualStore();
    store.apply(Array.from({ length: 40 }, (_, i) => created({ id: String(i), at: T0 + i, sender: i % 2 ? ADA : ME, status: 'sent' })));
    store.apply([delivered(T0 + 9)]);
    expect(stored(store, '8').status).to.equal('delivered');
    expect(stored(store, '10').status).to.equal('sent');
    store.apply([read('19')]);
    expect(stored(store, '8').status).to.equal('read');
    expect(stored(store, '18').status).to.equal('read');
    expect(stored(store, '20').status).to.equal('sent');
    const list = store.getState().messages.get('c1');
    store.apply([delivered(T0 + 15), read('11')]);
    expect(store.getState().messages.get('c1'), 'nothing to raise: no new list').to.equal(list);
    expect(stored(store, '14').status).to.equal('read');
  });

  it('my send becomes raisable once confirmed; a tombstone and another\'s message never are', () => {
    const { store } = manualStore();
    const mine = store.addPending(pending('r1', 'hello', T0 + 5));
    store.apply([created({ id: '1', at: T0, sender: ME, status: 'sent' }), created({ id: '2', at: T0 + 1, sender: ADA })]);
    store.apply([{ type: 'message.deleted', conversationId: 'c1', messageIds: ['1'], scope: 'everyone' }]);
    store.apply([read('2')]);
    expect(stored(store, mine.id).status).to.equal('pending');
    expect(stored(store, '1').status).to.equal('sent');
    store.apply([created({ id: '3', at: T0 + 5, text: 'hello', sender: ME, clientRef: 'r1' })]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, messageIds: ['3', '3', '2'] }]);
    expect(stored(store, '3').status).to.equal('read');
    expect(stored(store, '2').status).to.not.equal('read');
  });
});
