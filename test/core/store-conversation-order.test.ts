import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { ChatState } from '../../src/core/store.js';
import { compareIds } from '../../src/core/order.js';
import { T0, created, manualStore, pending } from '../helpers/events.js';

/** The list order worked out from scratch, the slow way the list used to do it on every change. */
function sortedFromScratch(s: ChatState): string[] {
  const activity = (id: string) => Math.max(s.conversations.get(id)!.lastActivityAt ?? 0, s.messages.get(id)?.at(-1)?.createdAt ?? 0);
  return [...s.conversations.values()].filter((c) => !c.hidden).map((c) => c.id)
    .sort((a, b) => Number(!!s.conversations.get(b)!.pinned) - Number(!!s.conversations.get(a)!.pinned)
      || activity(b) - activity(a) || compareIds(a, b));
}

const unreadFromScratch = (s: ChatState) => [...s.conversations.values()].reduce((n, c) => n + (c.unreadCount ?? 0), 0);

/** Counts `Array.prototype.sort` calls on arrays longer than `min` while `fn` runs. */
function countBigSorts(min: number, fn: () => void): number {
  const original = Array.prototype.sort;
  let calls = 0;
  Array.prototype.sort = function sort<T>(this: T[], compare?: (a: T, b: T) => number): T[] {
    if (this.length > min) calls++;
    return original.call(this, compare) as T[];
  };
  try { fn(); } finally { Array.prototype.sort = original; }
  return calls;
}

describe('store: conversation order', () => {
  it('stays the sorted order, and the unread total the sum, through every kind of change', () => {
    const { store } = manualStore();
    store.apply(Array.from({ length: 120 }, (_, i): ChatEvent => ({
      type: 'conversation.created',
      conversation: { id: String(i), lastActivityAt: T0 + (i % 7) * 1000, pinned: i % 31 === 0, hidden: i % 17 === 0, unreadCount: i % 3 },
    })));
    const check = (what: string) => {
      const s = store.getState();
      expect(s.conversationOrder.map((r) => r.id), what).to.deep.equal(sortedFromScratch(s));
      expect(s.unreadTotal, what).to.equal(unreadFromScratch(s));
    };
    check('after the load');
    let at = T0 + 10_000;
    for (let step = 0; step < 200; step++) {
      const id = String((step * 37) % 130); // some ids are new conversations
      const k = step % 9;
      if (k === 0) store.apply([created({ id: `m${step}`, conversationId: id, at: at++ }, 'live')]);
      else if (k === 1) store.apply([created({ id: `old${step}`, conversationId: id, at: T0 - step }, 'backfill')]);
      else if (k === 2) store.apply([{ type: 'conversation.updated', conversation: { id, pinned: step % 2 === 0 } }]);
      else if (k === 3) store.apply([{ type: 'conversation.updated', conversation: { id, hidden: step % 4 === 3 } }]);
      else if (k === 4) store.apply([{ type: 'conversation.deleted', conversationId: id }]);
      else if (k === 5) store.addPending(pending(`p${step}`, 'hi', at++, id));
      else if (k === 6) store.apply([{ type: 'message.deleted', conversationId: id, messageIds: 'all', scope: 'everyone' }]);
      else if (k === 7) store.apply([{ type: 'unread.changed', conversationId: id, unreadCount: step % 5 }]);
      else store.setActive(id, true);
      check(`step ${step} (kind ${k}, conversation ${id})`);
    }
    store.reset();
    check('after a reset');
    expect(store.getState().conversationOrder).to.deep.equal([]);
  });

  it('one incoming message into 100,000 conversations moves that one to the top without sorting them all', () => {
    const { store } = manualStore();
    store.apply(Array.from({ length: 100_000 }, (_, i): ChatEvent => ({
      type: 'conversation.created', conversation: { id: `c${i}`, lastActivityAt: T0 - i * 1000 },
    })));
    const before = store.getState().conversationOrder;
    expect(before.length).to.equal(100_000);
    expect(before[0]!.id).to.equal('c0');
    const sorts = countBigSorts(1000, () => store.apply([created({ id: 'm1', conversationId: 'c50000', at: T0 + 1 }, 'live')]));
    expect(sorts, 'sorts of the whole list').to.equal(0);
    const after = store.getState().conversationOrder;
    expect(after.length).to.equal(100_000);
    expect(after[0]!.id).to.equal('c50000');
    expect(after[1], 'the others keep their entries').to.equal(before[0]);
    expect(after[50_000], 'and their places after it').to.equal(before[49_999]);
    expect(after[50_001]).to.equal(before[50_001]);
    expect(store.getState().unreadTotal).to.equal(1);
  });
});
