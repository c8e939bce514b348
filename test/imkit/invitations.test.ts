import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/chat/invitations.js';
import type { ParleyInvitationEvent, ParleyInvitations } from '../../src/elements/chat/invitations.js';
import { ChatSession } from '../../src/lit/session.js';

function sessionWithInvitations(): ChatSession {
  const session = new ChatSession();
  session.store.apply([
    { type: 'invitation', invitation: { conversationId: 'beta', title: 'Beta testers', from: { id: 'kit', role: 'member', name: 'Kit' } } },
    { type: 'invitation', invitation: { conversationId: 'gamma' } },
  ]);
  session.store.flush();
  return session;
}

const items = (el: ParleyInvitations) => [...el.shadowRoot!.querySelectorAll('[part="invitation"]')]
  .map((li) => `${li.getAttribute('data-conversation-id')}: ${li.querySelector('.text')!.textContent}`);

describe('<parley-invitations>', () => {
  it('lists each invitation with who invited where, and is accessible', async () => {
    const el = await fixture<ParleyInvitations>(html`<parley-invitations .session=${sessionWithInvitations()}></parley-invitations>`);
    expect(items(el)).to.deep.equal(['beta: Kit invited you to Beta testers', 'gamma: Someone invited you to a conversation']);
    await expect(el).to.be.accessible();
  });

  it('renders nothing without invitations', async () => {
    const el = await fixture<ParleyInvitations>(html`<parley-invitations .session=${new ChatSession()}></parley-invitations>`);
    expect(el.shadowRoot!.querySelector('ul') === null).to.equal(true);
  });

  it('Decline fires parley-invitation (accept false) and the invitation leaves the list', async () => {
    const session = sessionWithInvitations();
    const el = await fixture<ParleyInvitations>(html`<parley-invitations .session=${session}></parley-invitations>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-conversation-id="beta"] [part="decline-button"]')!;
    setTimeout(() => button.click());
    const e = (await oneEvent(el, 'parley-invitation')) as unknown as ParleyInvitationEvent;
    expect([e.conversationId, e.accept, e.bubbles, e.composed, e.cancelable]).to.deep.equal(['beta', false, true, true, true]);
    session.store.flush();
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['gamma: Someone invited you to a conversation']);
  });

  it('a page that cancels the event keeps the invitation listed (it accepts through its own backend)', async () => {
    const session = sessionWithInvitations();
    const el = await fixture<ParleyInvitations>(html`<parley-invitations .session=${session}></parley-invitations>`);
    let accepted = '';
    el.addEventListener('parley-invitation', (e) => { accepted = `${e.conversationId}:${e.accept}`; e.preventDefault(); });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-conversation-id="gamma"] [part="accept-button"]')!.click();
    session.store.flush();
    await el.updateComplete;
    expect(accepted).to.equal('gamma:true');
    expect(session.store.getState().invitations.map((i) => i.conversationId)).to.deep.equal(['beta', 'gamma']);
  });
});
