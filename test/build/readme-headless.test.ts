/**
 * The README's headless example, run as written (its ```js block under "### Headless", with
 * `parley-chat/core` pointed at src/core) against the Chatwoot demo server: the message it sends
 * reaches the server. And why the example waits: `send()` right after `connect()` has no
 * conversation to send into and returns undefined.
 */
import { expect } from '@open-wc/testing';
import { createChatClient } from '../../src/core/index.js';
import type { ChatClient } from '../../src/core/client.js';
import { isUnconfirmed } from '../../src/core/state.js';
import type { ChatState } from '../../src/core/store.js';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';

/** The README's block, as a module that also exports what it made. */
async function readmeBlock(): Promise<string> {
  const readme = await (await fetch('/README.md')).text();
  const block = /### Headless\n\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```js block under "### Headless"');
  if (!block.includes("from 'parley-chat/core'")) throw new Error('the headless example does not import parley-chat/core');
  return `const url = ${JSON.stringify(servers.chatwoot)};\nconst inboxIdentifier = 'demo-inbox';\n`
    + 'export const states = [];\nconst render = (state) => states.push(state);\n'
    + block.replace("from 'parley-chat/core'", `from '${location.origin}/src/core/index.ts'`)
    + '\nexport { client, message, conversationId };\n';
}

const clients: ChatClient[] = [];
afterEach(() => { for (const c of clients.splice(0)) c.dispose(); });

describe('README: the headless example', function () {
  this.timeout(30000);

  it('sends its message, which the server confirms', async () => {
    const source = await readmeBlock();
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const run = await import(url) as { client: ChatClient; message?: { clientRef?: string }; conversationId: string; states: ChatState[] };
    URL.revokeObjectURL(url);
    clients.push(run.client);
    expect(run.conversationId).to.be.a('string');
    expect(run.message, 'send() returned the pending message').to.not.equal(undefined);
    const mine = () => (run.client.store.getState().messages.get(run.conversationId) ?? []).find((m) => m.clientRef === run.message!.clientRef);
    await until(() => !!mine() && !isUnconfirmed(mine()!), 10000, 'the server\'s copy of "Hello"');
    expect(mine()!.text).to.equal('Hello');
    expect(run.states.length, 'render() was called').to.be.greaterThan(0);
  });

  it('shows why it waits: send() at once after connect() sends nothing', async () => {
    const client = createChatClient({ protocol: 'chatwoot', url: servers.chatwoot, options: { inboxIdentifier: 'demo-inbox' } });
    clients.push(client);
    client.connect();
    expect(client.send('Hello')).to.equal(undefined);
    await until(() => !!client.store.getState().activeConversation, 10000, 'an open conversation');
    expect(client.send('Hello')).to.not.equal(undefined);
  });
});
