/**
 * `client.createConversation()`: only while open and where the backend has the capability; the
 * title goes with the command; the new conversation is stored and becomes the open one; a
 * failure is reported once, with the reason, and resolves undefined.
 */
import { expect } from '@open-wc/testing';
import { connected, fakeClient } from '../helpers/fake-client.js';
import { settle } from '../helpers/fake-time.js';

const ONE = [{ type: 'conversation.created', conversation: { id: 'c1', lastActivityAt: 1 } }] as const;

describe('client: createConversation', () => {
  it('not open, or without the capability: nothing is asked, undefined', async () => {
    const idle = fakeClient();
    idle.backend.capabilities.add('createConversation');
    expect(await idle.client.createConversation()).to.equal(undefined);
    const f = await connected({}, [...ONE]);
    expect(await f.client.createConversation()).to.equal(undefined);
    expect(f.backend.commands.filter((c) => c.type === 'createConversation')).to.deep.equal([]);
    idle.client.dispose();
    f.client.dispose();
  });

  it('with it: the title goes along; the conversation is stored and opened', async () => {
    const f = await connected({}, [...ONE]);
    f.backend.capabilities.add('createConversation');
    f.backend.onExecute = async () => [{ type: 'conversation.created', conversation: { id: 'c9', title: 'Hi', lastActivityAt: 2 } }];
    expect(await f.client.createConversation({ title: 'Hi' })).to.equal('c9');
    await settle();
    expect(f.backend.commands.at(-1)).to.deep.equal({ type: 'createConversation', title: 'Hi' });
    expect(f.store.getState().conversations.get('c9')?.title).to.equal('Hi');
    expect(f.store.getState().activeConversation).to.equal('c9');
    f.client.dispose();
  });

  it('a failure: reported once as a command error with the reason; undefined; the open conversation stays', async () => {
    const f = await connected({}, [...ONE]);
    f.backend.capabilities.add('createConversation');
    f.backend.onExecute = async () => { throw new Error('HTTP 403 Forbidden'); };
    expect(await f.client.createConversation()).to.equal(undefined);
    expect(f.errors.map((e) => [e.code, e.message])).to.deep.equal([['command', 'createConversation failed: HTTP 403 Forbidden']]);
    expect(f.store.getState().activeConversation).to.equal('c1');
    f.client.dispose();
  });
});
