import { expect } from '@open-wc/testing';
import { compareIds } from '../../src/core/order.js';
import { T0, created, ids, manualStore, updated } from '../helpers/events.js';

// Each message: [id, createdAt offset, seq]. Expected order: time, then seq, then numeric-aware id.
const MESSAGES: [string, number, number | undefined][] = [
  ['x1', 3000, undefined],
  ['10', 1000, undefined],
  ['9', 1000, undefined],
  ['100', 1000, undefined],
  ['5', 1000, 2],
  ['7', 1000, 1],
  ['a', 2000, undefined],
  ['b', 2000, undefined],
  ['0', 0, undefined],
];
const ORDER = ['0', '9', '10', '100', '7', '5', 'a', 'b', 'x1'];

function permutations(): [string, number[]][] {
  const n = MESSAGES.length;
  const forward = [...Array(n).keys()];
  return [
    ['in the order they were written', forward],
    ['in reverse', [...forward].reverse()],
    ['shuffled', [4, 0, 8, 2, 6, 1, 7, 3, 5]],
    ['interleaved', [1, 3, 5, 7, 0, 2, 4, 6, 8]],
  ];
}

describe('store: message order', () => {
  for (const [label, order] of permutations()) {
    it(`keeps a thread sorted by time, then seq, then numeric id when messages arrive ${label}`, () => {
      const { store } = manualStore();
      for (const i of order) {
        const [id, dt, seq] = MESSAGES[i]!;
        store.apply([created({ id, at: T0 + dt, ...(seq !== undefined ? { seq } : {}) })]);
      }
      expect(ids(store)).to.deep.equal(ORDER);
    });
  }

  it('orders the same batch the same way as one event at a time', () => {
    const { store } = manualStore();
    store.apply(MESSAGES.map(([id, dt, seq]) => created({ id, at: T0 + dt, ...(seq !== undefined ? { seq } : {}) })));
    expect(ids(store)).to.deep.equal(ORDER);
  });

  it('compares integer ids numerically ("9" < "10") and other ids as text', () => {
    expect(compareIds('9', '10')).to.be.lessThan(0);
    expect(compareIds('10', '9')).to.be.greaterThan(0);
    expect(compareIds('99', '100')).to.be.lessThan(0);
    expect(compareIds('42', '42')).to.equal(0);
    expect(compareIds('b9', 'b10')).to.be.greaterThan(0); // not integers: plain text order
  });

  it('moves a message whose time changes to its new place', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', at: T0 + 1 }), created({ id: '2', at: T0 + 2 }), created({ id: '3', at: T0 + 3 })]);
    store.apply([updated({ id: '1', createdAt: T0 + 5, version: 2 })]);
    expect(ids(store)).to.deep.equal(['2', '3', '1']);
  });

  it('keeps conversations apart', () => {
    const { store } = manualStore();
    store.apply([
      created({ id: '2', at: T0 + 2 }),
      created({ id: '1', conversationId: 'c2', at: T0 + 1 }),
      created({ id: '1', at: T0 + 1 }),
    ]);
    expect(ids(store, 'c1')).to.deep.equal(['1', '2']);
    expect(ids(store, 'c2')).to.deep.equal(['1']);
  });
});
