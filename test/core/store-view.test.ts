/**
 * The narrow boundary between protocols and the store: the view core computes for a protocol,
 * and the store's own work that protocols used to do (holding a read receipt for a message not
 * here yet, a complete presence list).
 */
import { expect } from '@open-wc/testing';
import { viewOf } from '../helpers/fake-adapter-host.js';
import { ADA, BOB, T0, created, manualStore, pending, stored } from '../helpers/events.js';


describe('store view', () => {
  it('shows conversations, members, held messages and their range, and unsent messages, not the state', () => {
    const { store } = manualStore();
    store.apply([
      { type: 'identity.changed', selfId: 'me', name: 'Me' },
      { type: 'conversation.created', conversation: { id: 'c1', members: [ADA] } },
      created({ id: '9', text: 'older', sender: ADA, at: T0 }),
      created({ id: '10', text: 'newer', self: true, at: T0 + 5000 }),
      { type: 'message.updated', message: { id: '9', conversationId: 'c1', text: 'older, edited', updatedAt: T0 + 9000 } },
    ]);
    store.addPending(pending('r1', 'not sent yet', T0 + 6000));
    const view = viewOf(store);
    expect([view.selfId, view.selfName, view.conversationIds(), view.hasConversation('c1'), view.hasConversation('c2')])
      .to.deep.equal(['me', 'Me', ['c1'], true, false]);
    expect(view.members('c1')).to.deep.equal([ADA]);
    expect(view.held('c1').map((m) => [m.id, m.mine, m.changedAt])).to.deep.equal([['9', false, T0 + 9000], ['10', true, T0 + 5000]]);
    expect(view.heldRange('c1')).to.deep.equal({ oldest: T0, newest: T0 + 9000, greatestId: '10', count: 2 });
    expect(view.heldRange('c2')).to.equal(undefined);
    expect(view.unconfirmedSends('c1').map((m) => m.clientRef)).to.deep.equal(['r1']);
    expect([view.hasMessage('c1', '10'), view.hasMessage('c1', 'local:r1'), view.hasMessage('c1', '11')]).to.deep.equal([true, true, false]);
  });

  it('derives held messages afresh: what changed is seen, and who is "me" is read each time', () => {
    const { store } = manualStore();
    store.apply([{ type: 'identity.changed', selfId: 'me' }, created({ id: '1', text: 'a', sender: ADA, at: T0 }), created({ id: '2', text: 'b', self: true, at: T0 + 1 })]);
    const view = viewOf(store);
    expect(view.held('c1').map((m) => [m.id, m.mine])).to.deep.equal([['1', false], ['2', true]]);
    store.apply([created({ id: '3', text: 'c', sender: ADA, at: T0 + 2 }), { type: 'message.deleted', conversationId: 'c1', messageIds: ['1'], scope: 'everyone' }]);
    expect(view.held('c1').map((m) => [m.id, m.deleted])).to.deep.equal([['1', true], ['2', false], ['3', false]]);
    store.apply([{ type: 'identity.changed', selfId: ADA.id }]);
    expect(view.held('c1').filter((m) => m.mine).map((m) => m.id), 'another self: Ada\'s are mine now').to.deep.equal(['1', '2', '3']);
  });
});

describe('store: work protocols used to do', () => {
  it('a read receipt naming a message not here yet waits for it, then marks my messages up to it read', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'mine', self: true, at: T0 }), created({ id: '2', text: 'mine too', self: true, at: T0 + 1 })]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: '3' }]);
    expect(stored(store, '1').status, 'nothing read before the message it names arrives').to.equal('sent');
    store.apply([created({ id: '3', text: 'mine, the third', self: true, at: T0 + 2 })]);
    expect(['1', '2', '3'].map((id) => stored(store, id).status)).to.deep.equal(['read', 'read', 'read']);
    store.apply([created({ id: '4', text: 'later', self: true, at: T0 + 3 })]);
    expect(stored(store, '4').status, 'a receipt applies once').to.equal('sent');
  });

  it('a newer held receipt from the same reader replaces the older one', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'a', self: true, at: T0 }), created({ id: '2', text: 'b', self: true, at: T0 + 1 })]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: '5' }]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: '1' }]); // here: applies at once
    expect([stored(store, '1').status, stored(store, '2').status]).to.deep.equal(['read', 'sent']);
  });

  it('a complete presence list marks whoever it lacks in that scope offline, and leaves other scopes alone', () => {
    const { store } = manualStore();
    store.apply([{ type: 'presence.changed', scope: 'agents', statuses: { ada: 'online', bob: 'online' } }]);
    store.apply([{ type: 'presence.changed', scope: 'contacts', statuses: { [BOB.id]: 'online' } }]);
    store.apply([{ type: 'presence.changed', scope: 'agents', statuses: { ada: 'online' }, complete: true }]);
    const view = viewOf(store);
    expect(Object.fromEntries(view.presence('agents'))).to.deep.equal({ ada: 'online', bob: 'offline' });
    expect(Object.fromEntries(view.presence('contacts'))).to.deep.equal({ bob: 'online' });
  });
});

describe('store: a receipt that also says when', () => {
  it('applies at once by its time even when the message it names is not here', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', text: 'a', self: true, at: T0 }), created({ id: '2', text: 'b', self: true, at: T0 + 10 })]);
    store.apply([{ type: 'receipt.read', conversationId: 'c1', reader: ADA, upToMessageId: 'not-here', at: T0 + 5 }]);
    expect([stored(store, '1').status, stored(store, '2').status]).to.deep.equal(['read', 'sent']);
  });
});
