import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import { RowBuilder, buildRows, type Row } from '../../src/elements/thread/rows.js';

const DAY = 86_400_000;
const START = new Date(2026, 2, 27, 9).getTime(); // the days around a DST change in many zones

/** A small deterministic random source (the test must replay the same sequence). */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const message = (n: number, at: number, sender: string): Message => ({
  id: String(n), conversationId: 'c1', kind: n % 17 === 0 ? 'system' : 'text', text: `m${n}`, markup: 'plain', attachments: [],
  status: 'sent', createdAt: at, sender: { id: sender, role: sender === 'me' ? 'self' : 'agent' },
});

const shape = (rows: readonly Row[]) => rows.map((r) => (r.kind === 'day' ? `${r.key}` : `${r.key}:${r.groupStart ? 'S' : ''}${r.groupEnd ? 'E' : ''}:${r.message.text}`));

describe('thread rows, built again only where the list changed', () => {
  it('equal to a full build after every change of 600 random changes', () => {
    const next = random(20_261_202);
    let n = 0;
    let at = START;
    const fresh = (): Message => {
      at += Math.floor(next() * (next() < 0.1 ? DAY : 10 * 60_000));
      return message(n++, at, next() < 0.5 ? 'me' : next() < 0.5 ? 'ada' : 'bob');
    };
    let list: Message[] = Array.from({ length: 50 }, fresh);
    const builder = new RowBuilder();
    for (let step = 0; step < 600; step++) {
      const before = builder.update(list);
      const snapshot = shape(before);
      const r = next();
      const copy = [...list];
      const i = Math.floor(next() * copy.length);
      if (r < 0.35) copy.push(fresh());                                            // a live message
      else if (r < 0.5 && copy.length > 2) copy.splice(i, 1);                      // a removal
      else if (r < 0.7) copy[i] = { ...copy[i]!, text: `${copy[i]!.text}'` };     // an edit, a receipt
      else if (r < 0.8) {                                                          // an older page
        const first = copy[0]!.createdAt;
        copy.unshift(...Array.from({ length: 1 + Math.floor(next() * 8) }, (_, k) => message(n++, first - (k + 1) * 7 * 60_000, k % 2 ? 'me' : 'ada')).reverse());
      } else if (r < 0.9) copy.splice(i, 0, { ...message(n++, copy[i]!.createdAt, 'bob') }); // one in the middle, same time
      else copy.length = Math.max(1, copy.length - 5);                            // the cache cut back
      copy.sort((a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id));
      list = copy;
      const rows = builder.update(list);
      expect(shape(rows), `step ${step}`).to.deep.equal(shape(buildRows(list)));
      expect(shape(before), `step ${step}: the rows handed out before are left as they were`).to.deep.equal(snapshot);
    }
  });

  it('reuses the rows of the unchanged start and end', () => {
    const list = Array.from({ length: 300 }, (_, i) => message(i + 1, START + i * 60_000, i % 3 ? 'ada' : 'me'));
    const builder = new RowBuilder();
    const rows = builder.update(list);
    const edited = [...list];
    edited[150] = { ...list[150]!, text: 'edited' };
    const after = builder.update(edited);
    expect(after).to.not.equal(rows);
    const at = (rs: readonly Row[], id: string) => rs.find((r) => r.kind === 'message' && r.message.id === id);
    expect(at(after, '10'), 'a row of the start').to.equal(at(rows, '10'));
    expect(at(after, '290'), 'a row of the end').to.equal(at(rows, '290'));
    expect(at(after, '151'), 'the edited one').to.not.equal(at(rows, '151'));
  });
});
