/**
 * The store keeps each reader's read mark (a `receipt.read` up to a message, or up to a time) per
 * conversation and applies it to messages of mine that arrive later: an older history page, a
 * catch-up, a reload from a cache that kept only the newest messages. Protocols that tell read
 * state only as such a marker (IMKIT's `lastRead`, Chatwoot's last-seen time) need nothing of
 * their own for it.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Actor } from '../../src/core/model.js';
import { ADA, BOB, ME, T0, created, manualStore } from '../helpers/events.js';

/** A message of mine, `n` seconds after T0 (ids sort by time: m1 < m2 < ...). */
const mine = (n: number, extra: { deleted?: boolean } = {}): ChatEvent => created({ id: `m${n}`, self: true, at: T0 + n * 1000, ...extra });
const upTo = (n: number, reader: Actor = ADA): ChatEvent => ({ type: 'receipt.read', conversationId: 'c1', reader, upToMessageId: `m${n}` });
const readAt = (n: number, reader: Actor = ADA): ChatEvent => ({ type: 'receipt.read', conversationId: 'c1', reader, at: T0 + n * 1000 });
const goneForMe = (n: number): ChatEvent => ({ type: 'message.deleted', conversationId: 'c1', messageIds: [`m${n}`], scope: 'self' });

interface Row {
  name: string;
  /** Batches applied in turn. */
  steps: ChatEvent[][];
  /** Status of each of my messages held at the end, in thread order. */
  expected: Record<string, string>;
}

const rows: Row[] = [
  {
    name: 'marker after the message: it applies at once, up to and including the one it names',
    steps: [[mine(1), mine(2), mine(3)], [upTo(2)]],
    expected: { m1: 'read', m2: 'read', m3: 'sent' },
  },
  {
    name: 'marker before the message: an older message arriving later comes in read, a newer one does not',
    steps: [[mine(3)], [upTo(3)], [mine(1)], [mine(4)]],
    expected: { m1: 'read', m3: 'read', m4: 'sent' },
  },
  {
    name: 'an older marker after a newer one never downgrades the mark',
    steps: [[mine(4)], [upTo(4)], [mine(1)], [upTo(1)], [mine(2), mine(3)]],
    expected: { m1: 'read', m2: 'read', m3: 'read', m4: 'read' },
  },
  {
    name: 'a marker by time covers later arrivals created by then; an older time changes nothing',
    steps: [[readAt(5)], [readAt(2)], [mine(1), mine(5), mine(6)]],
    expected: { m1: 'read', m5: 'read', m6: 'sent' },
  },
  {
    name: 'the message a marker names may go: its place still bounds the mark',
    steps: [[mine(3)], [upTo(3)], [goneForMe(3)], [mine(2), mine(4)]],
    expected: { m2: 'read', m4: 'sent' },
  },
  {
    name: 'a tombstone of mine arriving later stays as it is',
    steps: [[mine(3)], [upTo(3)], [mine(2, { deleted: true })]],
    expected: { m2: 'sent', m3: 'read' },
  },
  {
    name: 'a marker naming a message not here yet: nothing until it arrives, then it and later arrivals up to it',
    steps: [[upTo(5)], [mine(2)], [mine(5)], [mine(3), mine(6)]],
    expected: { m2: 'read', m3: 'read', m5: 'read', m6: 'sent' },
  },
  {
    name: 'marks are per reader: the furthest of any reader covers',
    steps: [[mine(2), mine(4)], [upTo(2, ADA), upTo(4, BOB)], [upTo(1, BOB)], [mine(3)]],
    expected: { m2: 'read', m3: 'read', m4: 'read' },
  },
  {
    name: 'my own receipt (another device) and a receipt naming messages keep no mark',
    steps: [[mine(3)], [upTo(3, ME), { type: 'receipt.read', conversationId: 'c1', reader: ADA, messageIds: ['m3'] }], [mine(1)]],
    expected: { m1: 'sent', m3: 'read' },
  },
];

describe('store: read marks apply to my messages that arrive later', () => {
  for (const row of rows) {
    it(row.name, () => {
      const { store } = manualStore();
      for (const batch of row.steps) store.apply(batch);
      const thread = store.getState().messages.get('c1') ?? [];
      const statuses = Object.fromEntries(thread.filter((m) => m.sender?.role === 'self').map((m) => [m.id, m.status]));
      expect(statuses).to.deep.equal(row.expected);
    });
  }

  it('a mark in one conversation leaves another alone, and a reset forgets every mark', () => {
    const { store } = manualStore();
    store.apply([mine(3), upTo(3)]);
    store.apply([created({ id: 'm1', self: true, at: T0 + 1000, conversationId: 'c2' })]);
    expect(store.getState().messages.get('c2')![0]!.status).to.equal('sent');
    store.reset();
    store.apply([mine(3), mine(1)]);
    expect(store.getState().messages.get('c1')!.map((m) => m.status)).to.deep.equal(['sent', 'sent']);
  });
});
