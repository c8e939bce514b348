/**
 * `counterpartAvailability`: the other side of the open conversation, from complete presence lists
 * only (Chatwoot's `presence.update` names who is online; the rest are not).
 */
import { expect } from '@open-wc/testing';
import { manualStore } from '../helpers/events.js';
import { counterpartAvailability } from '../../src/core/availability.js';
import type { ChatEvent } from '../../src/core/events.js';

function stateAfter(events: ChatEvent[]) {
  const { store } = manualStore();
  store.apply(events);
  store.setActive('c1');
  return store.getState();
}
const visitorConversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', members: [{ id: 'v', role: 'self' }] } };
const agentConversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', members: [{ id: '42', role: 'customer', name: 'Vera' }, { id: '1', role: 'self' }] } };
const list = (scope: 'agents' | 'contacts', statuses: Record<string, 'online' | 'busy' | 'offline'>, complete = true): ChatEvent =>
  ({ type: 'presence.changed', scope, statuses, complete });

describe('counterpartAvailability', () => {
  it('is unknown until a complete list arrived, however many partial ones did', () => {
    expect(counterpartAvailability(stateAfter([visitorConversation]))).to.equal(undefined);
    expect(counterpartAvailability(stateAfter([visitorConversation, list('agents', { 7: 'offline' }, false)]))).to.equal(undefined);
  });

  it('a visitor: online when any agent is there (busy counts), away when the list names none', () => {
    expect(counterpartAvailability(stateAfter([visitorConversation, list('agents', { 7: 'online' })]))).to.equal('online');
    expect(counterpartAvailability(stateAfter([visitorConversation, list('agents', { 7: 'busy' })]))).to.equal('online');
    expect(counterpartAvailability(stateAfter([visitorConversation, list('agents', {})]))).to.equal('away');
    expect(counterpartAvailability(stateAfter([visitorConversation, list('agents', { 7: 'online' }), list('agents', {})])), 'left since').to.equal('away');
  });

  it('an agent: the conversation\'s contact, from the contacts list; unknown without one', () => {
    expect(counterpartAvailability(stateAfter([agentConversation, list('agents', { 1: 'online' })])), 'agents say nothing of the contact').to.equal(undefined);
    expect(counterpartAvailability(stateAfter([agentConversation, list('contacts', { 42: 'online' })]))).to.equal('online');
    expect(counterpartAvailability(stateAfter([agentConversation, list('contacts', { 43: 'online' })]))).to.equal('away');
  });
});
