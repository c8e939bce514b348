/**
 * Every backend's options are `<parley-chat>` attributes, from the protocols' schemas: set as
 * attributes they reach the protocol as typed options; `options` (a property) overrides them,
 * and the manifest lists each one.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { OPTION_ATTRIBUTES, protocolOptions } from '../../src/core/builtin-options.js';
import { attributeOf } from '../../src/core/options-schema.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { registerFake, until } from '../helpers/fake-protocol.js';

describe('<parley-chat> option attributes', () => {
  it('hands every backend\'s option attributes to the protocol as typed options', async () => {
    const { name, backend } = registerFake();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist
      inbox-identifier="inbox-1" page-size="25" api-space-id="space-9" user-role="agent" base64="false"></parley-chat>`);
    await until(() => backend.host !== undefined, 5000, 'the adapter');
    expect(backend.host!.options.options).to.deep.equal({ inboxIdentifier: 'inbox-1', pageSize: 25, apiSpaceId: 'space-9', role: 'agent', base64: false });
  });

  it('reconnects with the new options when an option attribute changes; `options` wins over an attribute', async () => {
    const { name, backend } = registerFake();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist page-size="10"></parley-chat>`);
    await until(() => backend.host?.options.options.pageSize === 10, 5000, 'the first options');
    chat.setAttribute('page-size', '30');
    await until(() => backend.host?.options.options.pageSize === 30, 5000, 'the changed attribute');
    chat.options = { pageSize: 40 };
    await until(() => backend.host?.options.options.pageSize === 40, 5000, 'the options property');
    chat.removeAttribute('page-size');
    chat.options = {};
    await until(() => backend.host !== undefined && !('pageSize' in backend.host.options.options), 5000, 'the attribute removed');
  });

  it('lists every option of every backend in the manifest, under parley-chat', async () => {
    const manifest = await (await fetch('/custom-elements.json')).json() as { modules: { declarations?: { tagName?: string; attributes?: { name: string; description?: string }[] }[] }[] };
    const chat = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'parley-chat')!;
    const listed = new Map((chat.attributes ?? []).map((a) => [a.name, a.description ?? '']));
    for (const [protocol, specs] of Object.entries(protocolOptions)) {
      for (const spec of specs.filter((s) => !s.propertyOnly)) {
        const attribute = attributeOf(spec);
        expect(listed.has(attribute), `${protocol}: ${attribute}`).to.equal(true);
      }
    }
    expect(OPTION_ATTRIBUTES.size).to.be.greaterThan(30);
    expect(listed.get('inbox-identifier')).to.match(/^Chatwoot: /);
    expect(listed.get('api-space-id')).to.match(/^Comapi: /);
  });
});
