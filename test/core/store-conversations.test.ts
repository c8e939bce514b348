import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';
import { ADA, BOB, T0, created, ids, manualStore } from '../helpers/events.js';

const unread = (store: ReturnType<typeof manualStore>['store'], id = 'c1') => store.getState().conversations.get(id)?.unreadCount;

describe('store: unread counting', () => {
  it('a live message from someone else counts when its conversation is not the active one', () => {
    const { store } = manualStore();
    store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }, { type: 'conversation.created', conversation: { id: 'c2' } }]);
    store.setActive('c2', true);
    store.apply([created({ id: '1', at: T0 + 1 }, 'live')]);
    store.apply([created({ id: '2', at: T0 + 2 }, 'live')]);
    expect(unread(store)).to.equal(2);
    expect(unread(store, 'c2')).to.equal(undefined);
  });

  it('does not count my messages, backfill, or replays', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', at: T0 + 1, self: true }, 'live')]);
    store.apply([created({ id: '2', at: T0 + 2 }, 'backfill')]);
    store.apply([created({ id: '3', at: T0 + 3 }, 'live')]);
    store.apply([created({ id: '3', at: T0 + 3 }, 'live')]);
    expect(unread(store)).to.equal(1);
  });

  it('does not count while the conversation is active and on screen; counts when active but hidden', () => {
    const { store } = manualStore();
    store.setActive('c1', true);
    store.apply([created({ id: '1', at: T0 + 1 }, 'live')]);
    expect(unread(store) ?? 0).to.equal(0);
    store.setActive('c1', false);
    store.apply([created({ id: '2', at: T0 + 2 }, 'live'), created({ id: '3', at: T0 + 3 }, 'live')]);
    expect(unread(store)).to.equal(2);
  });

  it('setActive with viewing clears the count; without viewing keeps it', () => {
    const { store } = manualStore();
    store.apply([created({ id: '1', at: T0 + 1 }, 'live'), created({ id: '2', at: T0 + 2 }, 'live')]);
    store.setActive('c1', false);
    expect(unread(store)).to.equal(2);
    store.setActive('c1', true);
    expect(unread(store)).to.equal(0);
    expect([store.getState().activeConversation, store.getState().viewing]).to.deep.equal(['c1', true]);
  });

  it('tracks the last activity and the last message', () => {
    const { store } = manualStore();
    store.apply([created({ id: '2', at: T0 + 20 }), created({ id: '1', at: T0 + 10 })]);
    const c = store.getState().conversations.get('c1')!;
    expect([c.lastActivityAt, c.lastMessageId]).to.deep.equal([T0 + 20, '2']);
  });

  it('announces newly arrived messages once, not replays, history or cached ones', () => {
    const { store } = manualStore();
    const arrived: Message[] = [];
    store.onMessage((m) => arrived.push(m));
    store.apply([created({ id: '1', at: T0 + 1 }, 'live'), created({ id: '1', at: T0 + 1 }, 'live'), created({ id: '2', at: T0 + 2, self: true })]);
    store.apply([created({ id: '0', at: T0 }, 'backfill'), created({ id: '-1', at: T0 - 1 }, 'cache')]);
    expect(arrived.map((m) => m.id)).to.deep.equal(['1', '2']);
    expect(store.getState().messages.get('c1')).to.have.length(4);
  });

  it('messages missed during a disconnect are new to the user: announced and counted unread', () => {
    const { store } = manualStore();
    const arrived: Message[] = [];
    store.onMessage((m) => arrived.push(m));
    store.apply([created({ id: '1', at: T0 + 1 }, 'live')]);
    store.apply([created({ id: '1', at: T0 + 1 }, 'missed'), created({ id: '2', at: T0 + 2 }, 'missed')]);
    expect(arrived.map((m) => m.id)).to.deep.equal(['1', '2']);
    expect(unread(store)).to.equal(2);
  });
});

describe('store: conversations and membership', () => {
  function populated() {
    const { store } = manualStore();
    store.apply([
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Support', members: [ADA, BOB] } },
      { type: 'conversation.created', conversation: { id: 'c2', title: 'Sales' } },
      created({ id: '1', at: T0 + 1 }),
      created({ id: '2', at: T0 + 2 }),
      created({ id: '3', conversationId: 'c2', at: T0 + 3 }),
      { type: 'typing.started', conversationId: 'c1', actor: BOB, expiresAt: T0 + 5000 },
    ]);
    return store;
  }

  it('participant.left for me removes the conversation, its messages and its typing', () => {
    const store = populated();
    store.apply([{ type: 'participant.left', conversationId: 'c1', participantId: 'me', isSelf: true }]);
    const s = store.getState();
    expect([...s.conversations.keys()]).to.deep.equal(['c2']);
    expect([s.messages.has('c1'), s.typing.has('c1')]).to.deep.equal([false, false]);
    expect(ids(store, 'c2')).to.deep.equal(['3']);
    store.apply([created({ id: '1', at: T0 + 1 })]); // index forgot it: it comes back as new
    expect(ids(store, 'c1')).to.deep.equal(['1']);
  });

  it('participant.left for someone else only drops them from the members', () => {
    const store = populated();
    store.apply([{ type: 'participant.left', conversationId: 'c1', participantId: 'bob', isSelf: false }]);
    expect(store.getState().conversations.get('c1')!.members!.map((a) => a.id)).to.deep.equal(['ada']);
    expect(ids(store)).to.deep.equal(['1', '2']);
  });

  it('participant.joined adds a member once', () => {
    const store = populated();
    const carol = { id: 'carol', role: 'member' as const };
    store.apply([{ type: 'participant.joined', conversationId: 'c1', participant: carol }, { type: 'participant.joined', conversationId: 'c1', participant: carol }]);
    expect(store.getState().conversations.get('c1')!.members!.map((a) => a.id)).to.deep.equal(['ada', 'bob', 'carol']);
  });

  it('conversation.deleted removes the conversation and its messages', () => {
    const store = populated();
    store.apply([{ type: 'conversation.deleted', conversationId: 'c2' }]);
    const s = store.getState();
    expect([...s.conversations.keys()]).to.deep.equal(['c1']);
    expect(s.messages.has('c2')).to.equal(false);
    expect(ids(store)).to.deep.equal(['1', '2']);
  });

  it('removing the open conversation leaves none open, so nothing is sent into it', () => {
    const store = populated();
    store.setActive('c2', true);
    store.apply([{ type: 'conversation.deleted', conversationId: 'c2' }]);
    expect(store.getState().activeConversation).to.equal(undefined);
    store.setActive('c1', true);
    store.apply([{ type: 'participant.left', conversationId: 'c1', participantId: 'me', isSelf: true }]);
    expect(store.getState().activeConversation).to.equal(undefined);
  });

  it('conversation.updated patches; a same-value update changes nothing', () => {
    const store = populated();
    store.apply([{ type: 'conversation.updated', conversation: { id: 'c2', status: 'resolved' } }]);
    expect(store.getState().conversations.get('c2')).to.deep.include({ title: 'Sales', status: 'resolved' });
    const before = store.getState();
    store.apply([{ type: 'conversation.updated', conversation: { id: 'c2', status: 'resolved', title: 'Sales' } }]);
    expect(store.getState()).to.equal(before);
  });

  it('invitations are added, replaced per conversation, and cancelled', () => {
    const { store } = manualStore();
    const inv = (conversationId: string, title: string, cancelled?: boolean): ChatEvent =>
      ({ type: 'invitation', invitation: { conversationId, title, from: ADA }, ...(cancelled ? { cancelled } : {}) });
    store.apply([inv('c7', 'Launch'), inv('c8', 'Ops')]);
    expect(store.getState().invitations.map((i) => i.title)).to.deep.equal(['Launch', 'Ops']);
    store.apply([inv('c7', 'Launch v2')]);
    expect(store.getState().invitations.map((i) => i.title)).to.deep.equal(['Ops', 'Launch v2']);
    store.apply([inv('c8', 'Ops', true)]);
    expect(store.getState().invitations.map((i) => i.conversationId)).to.deep.equal(['c7']);
  });

  it('identity.changed sets who I am', () => {
    const { store } = manualStore();
    store.apply([{ type: 'identity.changed', selfId: 'u42', name: 'Sam' }]);
    expect([store.getState().selfId, store.getState().selfName]).to.deep.equal(['u42', 'Sam']);
  });
});
