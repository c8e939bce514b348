/**
 * The read-receipt policy of `runtime/receipts.ts`, on its own: each mark at most once per status,
 * never delivered after read, delivered batched on the scheduler, read at once, rolled back on
 * failure (a failed read rejects, a failed delivered is reported). Comapi's use of it over REST is
 * tested in test/comapi/commands.test.ts and adapter.test.ts.
 */
import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import { DELIVERED_BATCH_MS, ReceiptSender, othersUpTo, type ReceiptStatus } from '../../src/core/runtime/receipts.js';
import type { HeldMessage } from '../../src/core/store-view.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';

interface Sent { cid: string; ids: string[]; status: ReceiptStatus; at: number }

function sender(fail: (s: Sent) => boolean = () => false) {
  const scheduler = new ManualScheduler();
  const sent: Sent[] = [];
  const reports: ParleyError[] = [];
  const receipts = new ReceiptSender({
    protocol: 'test',
    scheduler,
    send: async (cid, ids, status, at) => {
      const s = { cid, ids, status, at };
      sent.push(s);
      if (fail(s)) throw new Error('refused with secret-token');
    },
    report: (e) => reports.push(e),
    redact: (text) => text.replace('secret-token', '[redacted]'),
  });
  return { scheduler, sent, reports, receipts };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('core receipts: my delivered and read marks', () => {
  it('delivered marks are batched per conversation after DELIVERED_BATCH_MS, once each, with the time of sending', () => {
    const { scheduler, sent, receipts } = sender();
    receipts.delivered('c1', ['m1', 'm2']);
    receipts.delivered('c1', ['m2', 'm3']);
    receipts.delivered('c2', ['n1']);
    scheduler.advance(DELIVERED_BATCH_MS - 1);
    expect(sent).to.deep.equal([]);
    scheduler.advance(1);
    expect(sent).to.deep.equal([
      { cid: 'c1', ids: ['m1', 'm2', 'm3'], status: 'delivered', at: scheduler.now() },
      { cid: 'c2', ids: ['n1'], status: 'delivered', at: scheduler.now() },
    ]);
    receipts.delivered('c1', ['m1']);
    scheduler.advance(DELIVERED_BATCH_MS);
    expect(sent, 'never twice').to.have.length(2);
    expect(scheduler.armed).to.equal(0);
  });

  it('read goes out at once, takes the queued delivered marks off, and is never followed by delivered', async () => {
    const { scheduler, sent, receipts } = sender();
    receipts.delivered('c1', ['m1', 'm2']);
    await receipts.read('c1', ['m1']);
    expect(sent).to.deep.equal([{ cid: 'c1', ids: ['m1'], status: 'read', at: scheduler.now() }]);
    expect(receipts.isRead('c1', 'm1')).to.equal(true);
    receipts.flush();
    expect(sent.at(-1)).to.deep.equal({ cid: 'c1', ids: ['m2'], status: 'delivered', at: scheduler.now() });
    await receipts.read('c1', ['m1']);
    receipts.delivered('c1', ['m1']);
    receipts.flush();
    expect(sent, 'nothing new').to.have.length(2);
  });

  it('a status the server already holds is not sent again; known read is never lowered to delivered', async () => {
    const { sent, receipts } = sender();
    receipts.know('c1', 'm1', 'read');
    receipts.know('c1', 'm1', 'delivered');
    receipts.know('c1', 'm2', 'delivered');
    receipts.delivered('c1', ['m1', 'm2']);
    receipts.flush();
    await receipts.read('c1', ['m1', 'm2']);
    expect(sent.map((s) => [s.ids, s.status])).to.deep.equal([[['m2'], 'read']]);
  });

  it('a failed read rejects (redacted) and is rolled back; a failed delivered is reported and sent again later', async () => {
    let refuse = true;
    const { sent, reports, receipts } = sender(() => refuse);
    receipts.know('c1', 'm1', 'delivered');
    let err: unknown;
    try { await receipts.read('c1', ['m1']); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(ParleyError);
    expect((err as ParleyError).message).to.equal('test: marking 1 message(s) read failed: refused with [redacted]');
    expect((err as ParleyError).protocol).to.equal('test');
    expect(receipts.isRead('c1', 'm1'), 'rolled back to delivered').to.equal(false);
    receipts.delivered('c1', ['m1', 'm2']);
    receipts.flush();
    await settle();
    expect(sent.at(-1)!.ids, 'm1 stays delivered').to.deep.equal(['m2']);
    expect(reports.map((r) => r.message)).to.deep.equal(['test: marking 1 message(s) delivered failed: refused with [redacted]']);
    refuse = false;
    receipts.delivered('c1', ['m2']);
    receipts.flush();
    await receipts.read('c1', ['m1']);
    expect(sent.slice(-2).map((s) => [s.ids, s.status])).to.deep.equal([[['m2'], 'delivered'], [['m1'], 'read']]);
  });

  it('deliveredIn marks only others\' messages among the events, in one batch per conversation', () => {
    const { scheduler, sent, receipts } = sender();
    const msg = (id: string, role: 'self' | 'member' | undefined) => ({
      type: 'message.created' as const, conversationId: 'c1',
      message: { id, conversationId: 'c1', kind: 'text' as const, text: id, markup: 'plain' as const, attachments: [], createdAt: 1, status: 'sent' as const, ...(role ? { sender: { id: role, role } } : {}) },
    });
    receipts.deliveredIn([msg('a', 'member'), msg('mine', 'self'), msg('nobody', undefined), msg('b', 'member')]);
    scheduler.advance(DELIVERED_BATCH_MS);
    expect(sent.map((s) => [s.cid, s.ids, s.status])).to.deep.equal([['c1', ['a', 'b'], 'delivered']]);
  });

  it('othersUpTo: others\' held messages up to the one seen (else by `at`, else all), deleted ones left out', () => {
    const held = (id: string, createdAt: number, mine = false, deleted = false): HeldMessage => ({ id, createdAt, changedAt: createdAt, deleted, streaming: false, mine });
    const list = [held('m1', 1), held('m2', 2, true), held('m3', 3, false, true), held('m4', 4), held('m5', 5)];
    expect(othersUpTo(list, 'm4').map((m) => m.id)).to.deep.equal(['m1', 'm4']);
    expect(othersUpTo(list, 'gone', 4).map((m) => m.id), 'an unknown id falls back to at').to.deep.equal(['m1', 'm4']);
    expect(othersUpTo(list, undefined, 1).map((m) => m.id)).to.deep.equal(['m1']);
    expect(othersUpTo(list).map((m) => m.id)).to.deep.equal(['m1', 'm4', 'm5']);
  });

  it('othersUpTo with a limit: the newest that many of those `accept` takes, oldest first, without visiting the rest', () => {
    const held = (i: number, mine = false): HeldMessage => ({ id: `m${i}`, createdAt: i, changedAt: i, deleted: false, streaming: false, mine });
    const list = Array.from({ length: 100_000 }, (_, i) => held(i, i % 2 === 1));
    const visited: string[] = [];
    const accept = (m: HeldMessage) => { visited.push(m.id); return m.id !== 'm99996'; };
    expect(othersUpTo(list, undefined, undefined, { limit: 3, accept }).map((m) => m.id)).to.deep.equal(['m99992', 'm99994', 'm99998']);
    expect(visited).to.deep.equal(['m99998', 'm99996', 'm99994', 'm99992']);
    expect(othersUpTo(list, 'm10', undefined, { limit: 2 }).map((m) => m.id), 'up to the one seen').to.deep.equal(['m8', 'm10']);
    expect(othersUpTo(list, undefined, 5, { limit: 10 }).map((m) => m.id), 'by `at`').to.deep.equal(['m0', 'm2', 'm4']);
  });

  it('pause stops the batch timer; the queued marks wait for the next flush', () => {
    const { scheduler, sent, receipts } = sender();
    receipts.delivered('c1', ['m1']);
    receipts.pause();
    expect(scheduler.armed).to.equal(0);
    scheduler.advance(DELIVERED_BATCH_MS * 4);
    expect(sent).to.deep.equal([]);
    receipts.flush();
    expect(sent.map((s) => s.ids)).to.deep.equal([['m1']]);
  });
});
