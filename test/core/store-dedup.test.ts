import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ADA, T0, created, manualStore, pending, stored, updated } from '../helpers/events.js';

describe('store: dedup by id and version', () => {
  it('a replayed message.created changes nothing, not even the state object', () => {
    const { store } = manualStore();
    store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }, created({ id: '1', text: 'hi', at: T0, version: 1 }, 'live')]);
    const before = store.getState();
    store.apply([created({ id: '1', text: 'hi', at: T0, version: 1 }, 'live')]);
    store.apply([created({ id: '1', text: 'hi', at: T0, version: 1 }, 'backfill')]);
    expect(store.getState()).to.equal(before);
    expect(before.messages.get('c1')).to.have.length(1);
  });

  it('a replayed message.updated changes nothing', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'hi', at: T0, version: 1 }), updated({ id: '1', text: 'hello', version: 2 })]);
    const before = store.getState();
    store.apply([updated({ id: '1', text: 'hello', version: 2 })]);
    expect(store.getState()).to.equal(before);
    expect(stored(store, '1').text).to.equal('hello');
  });

  it('a replay inside a batch of new events changes only what is new', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'one', at: T0 })]);
    const first = stored(store, '1');
    store.apply([created({ id: '1', text: 'one', at: T0 }), created({ id: '2', text: 'two', at: T0 + 1 })]);
    expect(stored(store, '1')).to.equal(first);
    expect(store.getState().messages.get('c1')!.map((m) => m.text)).to.deep.equal(['one', 'two']);
  });

  it('ignores a patch with an older version', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'v1', at: T0, version: 1 }), updated({ id: '1', text: 'v5', version: 5 })]);
    const before = store.getState();
    store.apply([updated({ id: '1', text: 'v4', version: 4 })]);
    expect(store.getState()).to.equal(before);
    expect(stored(store, '1').text).to.equal('v5');
  });

  it('ignores a patch with an older updatedAt when there is no version', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'new', at: T0, updatedAt: T0 + 2000 })]);
    const before = store.getState();
    store.apply([updated({ id: '1', text: 'old', updatedAt: T0 + 1000 })]);
    expect(store.getState()).to.equal(before);
    expect(stored(store, '1').text).to.equal('new');
  });

  it('applies a newer patch and marks the message edited when its text changed', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'helo', at: T0, version: 1 })]);
    expect(stored(store, '1').edited).to.equal(undefined);
    store.apply([updated({ id: '1', text: 'hello', version: 2, updatedAt: T0 + 60_000 })]);
    const m = stored(store, '1');
    expect(m.text).to.equal('hello');
    expect(m.edited).to.equal(true);
    expect(m.updatedAt).to.equal(T0 + 60_000);
    expect(m.version).to.equal(2);
  });

  it('does not mark a newer patch that keeps the text as edited', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'same', at: T0, version: 1, self: true }), updated({ id: '1', status: 'delivered', version: 2 })]);
    const m = stored(store, '1');
    expect(m.status).to.equal('delivered');
    expect(m.edited).to.equal(undefined);
  });

  it('a message.updated for an unknown id is held, never inserted alone, and applies when its message comes', () => {
    const { store } = manualStore();
    store.apply([updated({ id: '7', status: 'read' })]);
    store.apply([updated({ id: '7', text: 'late, edited', createdAt: T0, sender: ADA, updatedAt: T0 + 50 })]);
    // An island in history the store has not fetched would hide the hole around it from catch-up and paging.
    expect(store.getState().messages.get('c1')).to.equal(undefined);
    store.apply([created({ id: '7', text: 'late', at: T0, sender: ADA })]); // the creation, overtaken
    const m = stored(store, '7');
    expect([m.text, m.edited, m.createdAt]).to.deep.equal(['late, edited', true, T0]);
    store.apply([created({ id: '8', text: 'next', at: T0 + 1, sender: ADA })]);
    expect(stored(store, '8').edited, 'a held update applies to its own message only').to.equal(undefined);
  });

  it('a held update older than one held before it changes nothing', () => {
    const { store } = manualStore();
    store.apply([updated({ id: '7', text: 'second edit', updatedAt: T0 + 20 })]);
    store.apply([updated({ id: '7', text: 'first edit', updatedAt: T0 + 10 })]); // overtaken on the wire
    store.apply([created({ id: '7', text: 'original', at: T0, sender: ADA })]);
    expect(stored(store, '7').text).to.equal('second edit');
  });

  it('a deletion is final: a replayed create or an unversioned patch does not bring the text back', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'secret', at: T0 })]);
    store.apply([{ type: 'message.deleted', conversationId: 'c1', messageIds: ['1'], scope: 'everyone' }]);
    const before = store.getState();
    store.apply([created({ id: '1', text: 'secret', at: T0 }), updated({ id: '1', text: 'secret again' })]);
    const m = stored(store, '1');
    expect([m.deleted, m.text]).to.deep.equal([true, '']);
    expect(store.getState()).to.equal(before);
  });
});

describe('store: delivery status never goes backwards', () => {
  const receipt = (type: 'receipt.read' | 'receipt.delivered', messageIds: string[]): ChatEvent =>
    ({ type, conversationId: 'c1', reader: ADA, messageIds });

  it('moves pending → sent → delivered → read', () => {
    const { store } = manualStore();
    const seen: string[] = [];
    store.addPending(pending('r1', 'hi', T0));
    seen.push(stored(store, 'local:r1').status);
    store.apply([created({ id: '1', text: 'hi', clientRef: 'r1', self: true, at: T0 })]);
    seen.push(stored(store, '1').status);
    store.apply([receipt('receipt.delivered', ['1'])]);
    seen.push(stored(store, '1').status);
    store.apply([receipt('receipt.read', ['1'])]);
    seen.push(stored(store, '1').status);
    expect(seen).to.deep.equal(['pending', 'sent', 'delivered', 'read']);
  });

  it('read then delivered stays read, through receipts and through patches', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', self: true, at: T0, version: 1 })]);
    store.apply([receipt('receipt.read', ['1'])]);
    const before = store.getState();
    store.apply([receipt('receipt.delivered', ['1'])]);
    expect(store.getState()).to.equal(before);
    store.apply([updated({ id: '1', status: 'delivered', version: 2 })]);
    expect(stored(store, '1').status).to.equal('read');
    store.apply([created({ id: '1', self: true, at: T0, version: 3, status: 'sent' })]);
    expect(stored(store, '1').status).to.equal('read');
  });

  it('a confirmed message does not become failed', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', self: true, at: T0, version: 1 }), updated({ id: '1', status: 'failed', version: 2 })]);
    expect(stored(store, '1').status).to.equal('sent');
  });
});

describe('store: replays of other events change nothing', () => {
  const events: [string, ChatEvent][] = [
    ['presence.changed', { type: 'presence.changed', scope: 'agents', statuses: { ada: 'online', bob: 'busy' } }],
    ['profile.updated', { type: 'profile.updated', profile: { id: 'ada', role: 'agent', name: 'Ada L.', data: { tz: 'UTC' } } }],
    ['preference.updated', { type: 'preference.updated', scope: 'user', key: 'sound', value: { on: false } }],
    ['invitation', { type: 'invitation', invitation: { conversationId: 'c9', title: 'Launch', from: ADA } }],
    ['unread.changed', { type: 'unread.changed', conversationId: 'c1', unreadCount: 4 }],
    ['participant.joined', { type: 'participant.joined', conversationId: 'c1', participant: ADA }],
    ['identity.changed', { type: 'identity.changed', selfId: 'me', name: 'Me' }],
    ['conversation.created', { type: 'conversation.created', conversation: { id: 'c1', title: 'Support', members: [ADA] } }],
  ];
  for (const [name, event] of events) {
    it(name, () => {
      const { store } = manualStore();
      store.apply([event]);
      const before = store.getState();
      store.apply([event]);
      expect(store.getState()).to.equal(before);
    });
  }

  it('cancelling an unknown invitation, deleting an absent preference, or clearing an empty conversation', () => {
    const { store } = manualStore();
    const before = store.getState();
    store.apply([
      { type: 'invitation', invitation: { conversationId: 'c9' }, cancelled: true },
      { type: 'preference.updated', scope: 'user', key: 'sound', deleted: true },
      { type: 'message.deleted', conversationId: 'c1', messageIds: 'all', scope: 'everyone' },
    ]);
    expect(store.getState()).to.equal(before);
  });

  it('a changed presence, preference or profile does apply', () => {
    const { store } = manualStore();
    store.apply([
      { type: 'presence.changed', scope: 'agents', statuses: { ada: 'online' } },
      { type: 'preference.updated', scope: 'user', key: 'sound', value: true },
      { type: 'profile.updated', profile: { id: 'ada', role: 'agent', name: 'Ada' } },
    ]);
    store.apply([
      { type: 'presence.changed', scope: 'agents', statuses: { ada: 'idle' } },
      { type: 'preference.updated', scope: 'user', key: 'sound', value: false },
      { type: 'profile.updated', profile: { id: 'ada', role: 'agent', name: 'Ada Lovelace' } },
    ]);
    const s = store.getState();
    expect([s.presence.get('agents:ada'), s.preferences.get('user:sound'), s.profiles.get('ada')?.name]).to.deep.equal(['idle', false, 'Ada Lovelace']);
  });
});
