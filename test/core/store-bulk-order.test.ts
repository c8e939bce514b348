import { expect } from '@open-wc/testing';
import { compareMessages } from '../../src/core/order.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';
import { ADA, ME, T0, created, ids, manualStore, updated } from '../helpers/events.js';

const sorted = (list: readonly Message[]) => list.every((m, i) => i === 0 || compareMessages(list[i - 1]!, m) < 0);
const page = (from: number, to: number, step = 1) => {
  const out = [];
  for (let i = from; step > 0 ? i < to : i > to; i += step) out.push(created({ id: String(i), at: T0 + i * 1000, sender: i % 3 ? ADA : ME }, 'backfill'));
  return out;
};

describe('store: pages of history in any order', () => {
  it('a newest-first page of older history before a long thread ends in order', () => {
    const { store } = manualStore();
    store.apply(page(5_000, 7_000));
    store.apply(page(4_999, -1, -1)); // 5,000 older messages, newest first
    const list = store.getState().messages.get('c1')!;
    expect(list).to.have.length(7_000);
    expect(sorted(list)).to.equal(true);
    expect(list[0]!.id).to.equal('0');
    expect(list.at(-1)!.id).to.equal('6999');
  });

  it('a shuffled page with edits, deletes and confirmations inside it ends in order, each change kept', () => {
    const { store } = manualStore();
    store.apply(page(0, 1_000));
    const events: ChatEvent[] = page(1_000, 3_000).reverse();
    // Changes to messages of the same batch, while its list is out of order.
    events.splice(500, 0, updated({ id: '2500', text: 'edited', version: 9 }));
    events.splice(900, 0, { type: 'message.deleted', conversationId: 'c1', messageIds: ['2900'], scope: 'self' });
    events.splice(1_200, 0, { type: 'message.deleted', conversationId: 'c1', messageIds: ['2000'], scope: 'everyone' });
    events.push(created({ id: '999999', at: T0 + 10, sender: ADA }, 'backfill')); // sorts near the start
    store.apply(events);
    const list = store.getState().messages.get('c1')!;
    expect(sorted(list)).to.equal(true);
    expect(list).to.have.length(2_000 + 1_000 - 1 + 1);
    expect(store.findMessage('c1', '2500')?.text).to.equal('edited');
    expect(store.findMessage('c1', '2900')).to.equal(undefined);
    expect(store.findMessage('c1', '2000')?.deleted).to.equal(true);
    expect(ids(store).indexOf('999999')).to.equal(1);
  });

  it('the conversation\'s activity is its newest message, whatever order the page came in', () => {
    const { store } = manualStore();
    store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }, { type: 'conversation.created', conversation: { id: 'c2', lastActivityAt: T0 + 1_500_000 } }]);
    store.apply(page(1_999, -1, -1));
    const order = store.getState().conversationOrder;
    expect(order.map((r) => r.id)).to.deep.equal(['c1', 'c2']);
    expect(order[0]!.activity).to.equal(T0 + 1_999_000);
    expect(store.getState().conversations.get('c1')!.lastMessageId).to.equal('1999');
  });
});
