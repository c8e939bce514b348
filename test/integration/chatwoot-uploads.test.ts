/**
 * Attachments against the Chatwoot emulation: a visitor attaches an image and sends it with a
 * text; the Client API stores it (multipart `attachments[]` on the create-message route), the
 * message comes back with ActiveStorage URLs, and the thread shows the image from the server.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { control, serverMessages, servers } from '../helpers/servers.js';
import { type } from '../helpers/composer.js';
import { pngFile } from '../helpers/uploads.js';

describe('Chatwoot uploads, end to end against the demo server', function () {
  this.timeout(30000);
  before(async () => { await control('reset', {}); });

  it('an attached image is stored by the server and shown in the thread from its URL', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Uploader" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => !!composer.shadowRoot!.querySelector('[part~="attach-button"]'), 5000, 'the attach button');
    const file = await pngFile('red.png');
    await composer.addFiles([file]);
    await type(chat, 'a red square');
    const cid = chat.session.store.getState().activeConversation!;
    type Stored = { id: number; content: string; attachments?: { file_type: string; data_url: string; thumb_url: string; file_size: number }[] };
    let stored: Stored | undefined;
    await eventually(async () => {
      stored = ((await serverMessages(cid)) as unknown as Stored[]).find((m) => m.content === 'a red square');
      return !!stored;
    }, 10000, 'the message on the server');
    const a = stored!.attachments?.[0];
    expect(a?.file_type).to.equal('image');
    expect(a?.file_size).to.equal(file.size);
    // The server serves back what was sent (the blob URL redirects to the disk service).
    const served = await fetch(a!.data_url);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await file.arrayBuffer()));
    // The thread shows the image from the server's URL once the send is confirmed.
    const thread = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    const row = () => thread.querySelector<HTMLElement>(`[data-message-id="${stored!.id}"]`);
    await until(() => !!row()?.querySelector('img'), 10000, 'the image in the thread');
    const img = row()!.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal(a!.thumb_url);
    expect(img.closest('a')!.getAttribute('href')).to.equal(a!.data_url);
    await until(() => img.complete && img.naturalWidth === 24, 5000, 'the image loaded from the server');
    expect(row()!.querySelector('[part~="upload-progress"]'), 'no progress once sent').to.equal(null);
  });

  it('a file alone (no text) goes up too, as a file attachment with no thumbnail', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Uploader 2" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => !!composer.shadowRoot!.querySelector('[part~="attach-button"]'), 5000, 'the attach button');
    await composer.addFiles([new File(['a,b\n1,2\n'], 'table.csv', { type: 'text/csv' })]);
    await composer.updateComplete;
    expect(composer.submit()).to.equal(true);
    const cid = chat.session.store.getState().activeConversation!;
    type Stored = { id: number; attachments?: { file_type: string; data_url: string; thumb_url: string }[] };
    let stored: Stored | undefined;
    await eventually(async () => {
      stored = ((await serverMessages(cid)) as unknown as Stored[]).find((m) => m.attachments?.length);
      return !!stored;
    }, 10000, 'the file on the server');
    expect(stored!.attachments![0]!.file_type).to.equal('file');
    expect(stored!.attachments![0]!.thumb_url).to.equal('');
    expect(await (await fetch(stored!.attachments![0]!.data_url)).text()).to.equal('a,b\n1,2\n');
    const thread = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    await until(() => !!thread.querySelector(`[data-message-id="${stored!.id}"] a[download="table.csv"]`), 10000, 'the file link in the thread');
  });

  it('files dropped on the thread go to the composer as chips', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Dropper" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => !!composer.shadowRoot!.querySelector('[part~="attach-button"]'), 5000, 'the attach button');
    const thread = chat.shadowRoot!.querySelector('parley-thread')!;
    const dt = new DataTransfer();
    dt.items.add(await pngFile('dropped.png'));
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
    thread.dispatchEvent(over);
    expect(over.defaultPrevented, 'the thread area is a drop target').to.equal(true);
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
    thread.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await until(() => composer.shadowRoot!.querySelectorAll('[part~="attachment-chip"]').length === 1, 5000, 'the chip');
    expect(composer.shadowRoot!.querySelector('[part~="attachment-chip"]')!.textContent).to.contain('dropped.png');
  });

  it('the chat\'s max-file-size and max-files reach its composer', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Limits" max-file-size="100" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => !!composer.shadowRoot!.querySelector('[part~="attach-button"]'), 5000, 'the attach button');
    await composer.addFiles([new File([new Uint8Array(101)], 'big.png', { type: 'image/png' })]);
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part~="attachment-error"]')!.textContent).to.contain('at most 100 bytes');
    chat.maxFiles = 0;
    await chat.updateComplete;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part~="attach-button"]'), 'max-files 0 hides it').to.equal(null);
  });
});
