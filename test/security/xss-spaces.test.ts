/**
 * XSS corpus against the Avaya Spaces emulation: message HTML and plain text, comments, idea and
 * task titles and descriptions, the space title, a guest's display name as sender name, Sam's
 * avatar (`picture_url`), and files' path, preview and thumbnail URLs and names.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { backendControl, servers } from '../helpers/servers.js';
import { expectClean, expectTrapEmpty, mark, visible } from './harness.js';
import { installTrap, type Trap } from './trap.js';
import { MARKUP_VECTORS, URL_VECTORS } from './vectors.js';
import { type } from '../helpers/composer.js';
import { displayName } from '../../src/elements/shared/format.js';

const FEW = MARKUP_VECTORS.filter((v) => ['script', 'img-onerror', 'svg-onload', 'math-mxss', 'attr-break', 'template-inj', 'iframe-srcdoc', 'a-js'].includes(v.id));
const control = <T = Record<string, unknown>>(path: string, body: unknown = {}) => backendControl<T>('spaces', path, body);

async function guest(spaceId: string, name: string): Promise<ParleyChat> {
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${servers.spaces} .conversation=${spaceId}
    .options=${{ displayName: name }} no-persist></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 15000, 'open');
  return chat;
}


describe('XSS: Avaya Spaces', function () {
  this.timeout(40000);
  let trap: Trap;
  let spaceId: string;
  beforeEach(async () => {
    await control('reset');
    await control('agent', { enabled: false });
    spaceId = (await control<{ id: string }>('space', { title: 'XSS', members: [] })).id;
    trap = installTrap();
  });
  afterEach(async () => { trap.uninstall(); await control('agent', { enabled: true }); });

  it('message HTML, plain text and comments stay inert', async () => {
    const chat = await guest(spaceId, 'Guest');
    let parentId = '';
    for (const v of MARKUP_VECTORS) {
      const m = mark('html', v.id);
      const posted = await control<{ _id: string }>('say', { spaceId, html: `<p>${m} ${v.payload}</p>` });
      parentId ||= posted._id;
      await visible(chat, m, `html ${v.id}`);
      expectClean(chat, `html ${v.id}`);
      const text = `${mark('text', v.id)} ${v.payload}`;
      await control('say', { spaceId, text });
      await visible(chat, text, `text ${v.id} shown as text`);
      expectClean(chat, `text ${v.id}`);
    }
    for (const v of FEW) {
      const m = mark('comment', v.id);
      await control('say', { spaceId, html: `${m} ${v.payload}`, parentId });
      await visible(chat, m, `comment ${v.id}`);
      expectClean(chat, `comment ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('idea and task titles and descriptions and the space title stay inert', async () => {
    const chat = await guest(spaceId, 'Guest');
    for (const v of FEW) {
      for (const category of ['idea', 'task']) {
        const title = `${mark(category, v.id)} ${v.payload}`;
        await control('post', { spaceId, category, title, description: `${mark(`${category}-description`, v.id)} ${v.payload}` });
        await visible(chat, mark(category, v.id), `${category} title ${v.id}`);
        expectClean(chat, `${category} ${v.id}`);
      }
      const spaceTitle = `${mark('space', v.id)} ${v.payload}`;
      await control('topic', { spaceId, title: spaceTitle });
      await until(() => chat.session.store.getState().conversations.get(spaceId)?.title === spaceTitle, 8000, `space title ${v.id} in the store`);
      await chat.updateComplete;
      expectClean(chat, `space title ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });

  it('another guest\'s display name as sender name stays inert', async () => {
    const chat = await guest(spaceId, 'Guest');
    for (const v of FEW.slice(0, 4)) {
      const name = `${mark('name', v.id)} ${v.payload}`;
      const other = await guest(spaceId, name);
      await until(() => other.session.store.getState().activeConversation === spaceId, 10000, 'the other guest in the space');
      await type(other, mark('from', v.id));
      const sent = () => [...other.session.store.getState().messages.get(spaceId) ?? []].find((m) => m.text.includes(mark('from', v.id)));
      await until(() => sent()?.status === 'sent', 10000, `the other guest's message ${v.id} sent (${sent()?.status})`);
      // Typing in the other widget scrolled this one out of view, where the virtual list renders nothing.
      chat.scrollIntoView();
      await visible(chat, mark('from', v.id), `message from ${v.id}`);
      // Shown as text, as the thread shows any name (a long one cut to its displayed length).
      await visible(chat, displayName(name), `sender name ${v.id} as text`);
      expectClean(chat, `sender name ${v.id}`);
      expectClean(other, `own name ${v.id}`);
      other.remove();
    }
    expect(chat.connectionStatus).to.equal('open');
    await expectTrapEmpty(chat, trap);
  });

  it('avatar and file URLs and file names stay inert', async () => {
    const chat = await guest(spaceId, 'Guest');
    const thread = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    // Controls: a plain https avatar and image are shown, so a vector that is not shown was refused.
    const good = `${location.origin}/__missing.png`;
    await control('picture', { url: good });
    await control('say', { spaceId, text: mark('control', 'urls'), files: [{ fileType: 'image', name: 'ok.png', path: good, previewUrl: good, thumbnailUrl: good }] });
    await visible(chat, mark('control', 'urls'));
    await until(() => [...thread().querySelectorAll('img')].filter((img) => img.getAttribute('src') === good).length >= 2, 5000, 'the control avatar and image');
    for (const v of URL_VECTORS) {
      await control('picture', { url: v.payload });
      // A guest's message in between starts a new group of Sam's, which shows his avatar again.
      await control('say', { spaceId, text: mark('urls', v.id), files: [
        { fileType: 'image', name: 'x.png', path: v.payload, previewUrl: v.payload, thumbnailUrl: v.payload },
        { fileType: 'document', name: 'x.pdf', path: v.payload, previewUrl: v.payload },
      ] });
      await visible(chat, mark('urls', v.id), `urls ${v.id}`);
      const got = [...chat.session.store.getState().messages.get(spaceId) ?? []].find((m) => m.text.includes(mark('urls', v.id)));
      expect(got?.attachments.length, 'both files reached the widget').to.equal(2);
      expectClean(chat, `avatar and file urls ${v.id}`);
      await type(chat, mark('break', v.id));
      await visible(chat, mark('break', v.id));
    }
    for (const v of MARKUP_VECTORS.filter((x) => !x.payload.includes('attacker.invalid'))) {
      await control('say', { spaceId, text: mark('files', v.id), files: [{ fileType: 'document', name: `${mark('name', v.id)}${v.payload}`, path: good }] });
      await visible(chat, mark('name', v.id), `file name ${v.id}`);
      expectClean(chat, `file name ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });
});
