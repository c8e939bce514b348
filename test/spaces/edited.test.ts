/**
 * The edited mark on Spaces (issue #9, finding F): `modified` is the "timestamp of when message
 * item was last editted" (seed 002), equal to `created` in every freshly created item, so a chat
 * item whose `modified` is later was edited, however it reaches the widget: a live update, a live
 * item replayed after the edit, a history page or the catch-up. Posts and tasks are left alone
 * (their `modified` may move with their comments); a tombstone says nothing of edits.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { decodeMessageSent, type DecodeContext } from '../../src/core/protocols/spaces/codec.js';
import { itemsToEvents, type SyncDeps } from '../../src/core/protocols/spaces/sync.js';
import { item, SPACE, type Json } from './setup.js';

const NOW = Date.parse('2024-01-02T00:00:00.000Z');
const CTX: DecodeContext = { selfId: 'me-1', now: NOW };
const CREATED = '2024-01-01T10:00:00.000Z';
const LATER = '2024-01-01T10:05:00.000Z';

/** The message or patch of a decoded `MESSAGE_SENT`. */
function decoded(payload: Json): ChatEvent {
  const [event] = decodeMessageSent(payload, CTX).events;
  if (!event) throw new Error('nothing decoded');
  return event;
}
const editedOf = (e: ChatEvent): boolean | undefined =>
  (e.type === 'message.created' || e.type === 'message.updated' ? e.message.edited : undefined);

/** An item changed by an edit: the update event's category, `messageId` beside `_id`, a later `modified`. */
const updateOf = (id: string, text: string, category = 'app.event.message.updated', extra: Json = {}): Json =>
  item(id, text, { category, messageId: id, modified: LATER, ...extra });

describe('spaces: a chat that arrives already edited shows as edited', () => {
  it('a freshly created chat (modified = created, as in the seed) is not edited', () => {
    expect(editedOf(decoded(item('m1', 'hello')))).to.equal(undefined);
  });

  it('a live update carries the mark, so it holds wherever the store applies it', () => {
    const e = decoded(updateOf('m1', 'hello (edited)'));
    expect(e.type).to.equal('message.updated');
    expect(editedOf(e)).to.equal(true);
  });

  it('a chat item replayed after its edit (modified past created) arrives edited', () => {
    const e = decoded(item('m1', 'hello (edited)', { modified: LATER }));
    expect(e.type).to.equal('message.created');
    expect(editedOf(e)).to.equal(true);
  });

  it('posts and tasks are not marked: their modified also moves with their comments', () => {
    for (const category of ['app.event.idea.updated', 'app.event.task.updated']) {
      expect(editedOf(decoded(updateOf('p1', 'a post', category))), category).to.equal(undefined);
    }
  });

  it('an edit that keeps the text (its attachments changed) still marks the held chat edited', () => {
    const store = new ChatStore({ frame: (cb) => cb(), now: () => NOW });
    store.apply(decodeMessageSent(item('m1', 'see the file'), CTX).events);
    const file = [{ fileId: 'f1', name: 'plan.pdf', fileType: 'document', path: 'https://files.example/plan.pdf' }];
    store.apply(decodeMessageSent(updateOf('m1', 'see the file', 'app.event.message.updated', {
      content: { bodyText: '<p>see the file</p>', data: file, description: '' },
    }), CTX).events);
    const [m] = store.getState().messages.get(SPACE) ?? [];
    expect([m?.text, m?.edited]).to.deep.equal(['<p>see the file</p>', true]);
  });

  it('a history or catch-up page marks an edited chat, and no tombstone', () => {
    const reports: unknown[] = [];
    const d = { ctx: () => CTX, run: { dropped: (e: unknown) => { reports.push(e); } } } as unknown as SyncDeps;
    const events = itemsToEvents([
      item('m1', 'edited before it was fetched', { modified: LATER }),
      item('m2', 'removed', { modified: LATER, deleted: true }),
    ], SPACE, d, { tombstonesAfter: 0 });
    const created = events.flatMap((e) => (e.type === 'message.created' ? [[e.message.id, !!e.message.deleted, e.message.edited]] : []));
    expect(created).to.deep.equal([['m1', false, true], ['m2', true, undefined]]);
    expect(reports).to.deep.equal([]);
  });
});
