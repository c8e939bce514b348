/**
 * Attachments against the IMKIT emulation: the file goes to `POST /files/{bucket}` (multipart
 * `file`), an `image` message names its URL, the text follows as a message of its own, and the
 * thread shows the image from the server's URL.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { attachAndSend, expectImageShown, expectServed, pngFile } from '../helpers/uploads.js';
import { control, imkitUrl, mount, serverMessages } from '../imkit/widget-helpers.js';

describe('IMKIT uploads, end to end against the demo server', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); });

  it('an attached image is stored, sent as an image message, and shown in the thread from its URL', async () => {
    const chat = await mount({ base64: false });
    await until(() => chat.connectionStatus === 'open', 15000, 'open');
    const file = await pngFile('green.png', '#1e8449');
    await attachAndSend(chat, [file], 'a green square');
    type Stored = { _id: string; message: string; messageType: string; originalUrl?: string; images?: { originalUrl: string }[] };
    let image: Stored | undefined;
    let text: Stored | undefined;
    await eventually(async () => {
      const all = await serverMessages() as unknown as Stored[];
      image = all.find((m) => m.messageType === 'image' && m.originalUrl?.startsWith(`${imkitUrl()}/files/chatserver-upload/`));
      text = all.find((m) => m.messageType === 'text' && m.message === 'a green square');
      return !!image && !!text;
    }, 15000, 'the image message and the text on the server');
    expect(image!.images?.[0]?.originalUrl).to.equal(image!.originalUrl);
    await expectServed(image!.originalUrl!, file);
    await expectImageShown(chat, image!._id, image!.originalUrl!);
  });

  it('an upload the server refuses (over its limit) stays visible as failed, with Retry and Discard', async () => {
    const chat = await mount({ base64: false });
    await until(() => chat.connectionStatus === 'open', 15000, 'open');
    // Past the composer's check (a headless send): the server's own 413 is what fails it.
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.bin', { type: 'application/octet-stream' });
    const pending = chat.session.send('', { files: [big] })!;
    const thread = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    const row = () => thread.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(pending.id)}"]`);
    await until(() => row()?.dataset.status === 'failed', 15000, 'the send failed');
    expect(row()!.querySelector('[part~="failed"]')!.textContent).to.contain('413').and.to.contain('File too large');
    expect(row()!.querySelector('[part~="retry"]')).to.not.equal(null);
    row()!.querySelector<HTMLButtonElement>('[part~="discard"]')!.click();
    await until(() => !row(), 5000, 'discarded');
    expect((await serverMessages()).some((m) => m.messageType === 'file'), 'nothing was posted').to.equal(false);
  });
});
