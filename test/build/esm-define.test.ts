/**
 * The package's `parley-chat/parley-chat` entry as built (dist/parley-chat.js, dependencies left to
 * the consumer's resolver): importing it alone registers the chat and every part its panel renders.
 */
import { expect } from '@open-wc/testing';

const TAGS = ['parley-chat', 'parley-conversation-list', 'parley-invitations', 'parley-thread', 'parley-typing-indicator', 'parley-composer'];

describe('dist/parley-chat.js (the parley-chat/parley-chat export)', () => {
  it('registers the chat and the parts it renders, and nothing registered them before', async () => {
    for (const tag of TAGS) expect(customElements.get(tag), `${tag} before the import`).to.equal(undefined);
    const entry: string = '/dist/parley-chat.js';
    const module = await import(entry) as { ParleyChat: CustomElementConstructor };
    expect(module.ParleyChat).to.equal(customElements.get('parley-chat'));
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.not.equal(undefined);
  });
});
