/**
 * `<parley-composer>`'s attachments: the attach button (only where the backend takes files), the
 * file picker, drag and drop, paste, chips with thumbnails, the limits, and the send; the
 * thread's upload progress and a failed upload's Retry/Discard. A stub client stands for the
 * backend: these are the element's states, the upload itself is in the integration tests.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatClient, SendOptions } from '../../src/core/client.js';
import type { AttachmentRules } from '../../src/core/uploads.js';
import type { ParleyComposer } from '../../src/elements/composer/composer.js';
import { ChatSession } from '../../src/lit/session.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const RULES: AttachmentRules = { maxBytes: 1000, maxFiles: 3, accept: ['image/*', 'application/pdf'] };

function fileOf(name: string, type: string, size: number): File {
  return new File([new Uint8Array(size).fill(7)], name, { type });
}

function transfer(...files: File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

async function composerWith(rules: AttachmentRules | undefined, attrs: { maxFileSize?: number; maxFiles?: number; accept?: string } = {}) {
  const session = new ChatSession();
  const sent: { text: string; opts: SendOptions }[] = [];
  const stub = {
    store: session.store, attachments: rules, capabilities: new Set(['send']),
    send(text: string, opts: SendOptions) {
      sent.push({ text, opts });
      return { id: 'local:1' };
    },
    setTyping() { /* no typing in these tests */ },
  } as unknown as ChatClient;
  session.attach(stub);
  session.store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }]);
  session.store.setActive('c1', true);
  session.store.flush();
  const composer = await fixture<ParleyComposer>(html`<parley-composer .session=${session} .maxFileSize=${attrs.maxFileSize}
    .maxFiles=${attrs.maxFiles} .accept=${attrs.accept}></parley-composer>`);
  await composer.updateComplete;
  const root = composer.shadowRoot!;
  const part = (name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);
  const chips = () => [...root.querySelectorAll<HTMLElement>('[part~="attachment-chip"]')];
  const error = () => (part('attachment-error')!.hidden ? '' : part('attachment-error')!.textContent!.trim());
  return { composer, session, sent, root, part, chips, error };
}

describe('<parley-composer> attachments', () => {
  it('has no attach button where the backend takes no files, and says so of a dropped file', async () => {
    const { composer, part, error, chips } = await composerWith(undefined);
    expect(part('attach-button')).to.equal(null);
    await composer.addFiles([fileOf('a.png', 'image/png', 10)]);
    await composer.updateComplete;
    expect(chips()).to.have.length(0);
    expect(error()).to.equal('This chat does not take files.');
    await expect(composer).to.be.accessible();
  });

  it('an attach button with a name opens the file picker; picked files become chips with name and size', async () => {
    const { composer, root, part, chips } = await composerWith(RULES);
    const button = part('attach-button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Attach files');
    const picker = root.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(picker.accept).to.equal('image/*,application/pdf');
    let opened = false;
    picker.addEventListener('click', (e) => { opened = true; e.preventDefault(); });
    button.click();
    expect(opened, 'the picker opens').to.equal(true);
    picker.files = transfer(fileOf('report.pdf', 'application/pdf', 512)).files;
    picker.dispatchEvent(new Event('change'));
    await until(() => chips().length === 1, 2000, 'a chip');
    expect(chips()[0]!.textContent).to.contain('report.pdf').and.to.contain('512 bytes');
    await expect(composer).to.be.accessible();
  });

  it('files dropped on the composer are added, with a hint while they are dragged over', async () => {
    const { composer, part, chips } = await composerWith(RULES);
    const dt = transfer(fileOf('one.png', 'image/png', 20), fileOf('two.pdf', 'application/pdf', 30));
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
    composer.dispatchEvent(over);
    expect(over.defaultPrevented, 'the composer is a drop target').to.equal(true);
    await composer.updateComplete;
    expect(part('drop-hint')?.textContent).to.equal('Drop files to attach them');
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
    composer.dispatchEvent(drop);
    expect(drop.defaultPrevented, 'the browser does not open the file').to.equal(true);
    await until(() => chips().length === 2, 2000, 'two chips');
    expect(part('drop-hint')).to.equal(null);
  });

  it('a pasted image becomes a chip with a thumbnail, revoked when the chip is removed', async () => {
    const { composer, root, part, chips } = await composerWith(RULES);
    const area = root.querySelector('textarea')!;
    const paste = new ClipboardEvent('paste', { clipboardData: transfer(fileOf('shot.png', 'image/png', 40)), bubbles: true, cancelable: true });
    area.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await until(() => chips().length === 1, 2000, 'a chip');
    const thumb = part('attachment-thumbnail') as HTMLImageElement;
    expect(thumb.src.startsWith('blob:')).to.equal(true);
    const url = thumb.src;
    expect((await fetch(url)).ok, 'the thumbnail is live').to.equal(true);
    await expect(composer).to.be.accessible();
    const remove = part('attachment-remove') as HTMLButtonElement;
    expect(remove.getAttribute('aria-label')).to.equal('Remove shot.png');
    remove.click();
    await until(() => chips().length === 0, 2000, 'no chip');
    await eventually(async () => { try { await fetch(url); return false; } catch { return true; } }, 2000, 'the object URL revoked');
    // A text paste stays text.
    const text = new ClipboardEvent('paste', { clipboardData: (() => { const d = new DataTransfer(); d.setData('text/plain', 'hi'); return d; })(), bubbles: true, cancelable: true });
    area.dispatchEvent(text);
    expect(text.defaultPrevented).to.equal(false);
  });

  it('refuses files over the size limit, of a type not taken, and past the count, with a clear message', async () => {
    const { composer, chips, error } = await composerWith(RULES, { maxFileSize: 100, maxFiles: 2 });
    await composer.addFiles([fileOf('big.png', 'image/png', 101)]);
    await composer.updateComplete;
    expect(chips()).to.have.length(0);
    expect(error()).to.equal('big.png is too large: files can be at most 100 bytes.');
    await expect(composer).to.be.accessible();
    await composer.addFiles([fileOf('tool.exe', 'application/x-msdownload', 10)]);
    await composer.updateComplete;
    expect(error()).to.equal('tool.exe cannot be sent: this chat does not take files of that type.');
    await composer.addFiles([fileOf('a.png', 'image/png', 10), fileOf('b.png', 'image/png', 10), fileOf('c.png', 'image/png', 10)]);
    await composer.updateComplete;
    expect(chips()).to.have.length(2);
    expect(error()).to.equal('At most 2 files can go with one message.');
  });

  it('the backend\'s limit holds over a larger page limit; the page may narrow the types', async () => {
    const { composer, chips, error } = await composerWith(RULES, { maxFileSize: 10_000, accept: 'application/pdf' });
    await composer.addFiles([fileOf('big.pdf', 'application/pdf', 1001)]);
    await composer.updateComplete;
    expect(error()).to.contain('at most 1,000 bytes');
    await composer.addFiles([fileOf('a.png', 'image/png', 10)]);
    await composer.updateComplete;
    expect(error()).to.contain('a.png cannot be sent');
    expect(chips()).to.have.length(0);
  });

  it('max-files="0" hides the attach button', async () => {
    const { part } = await composerWith(RULES, { maxFiles: 0 });
    expect(part('attach-button')).to.equal(null);
  });

  it('sends the chosen files with the text (or alone), then clears the chips', async () => {
    const { composer, root, chips, sent } = await composerWith(RULES);
    const send = root.querySelector<HTMLButtonElement>('[part~="send-button"]')!;
    expect(send.disabled, 'nothing to send').to.equal(true);
    const file = fileOf('a.png', 'image/png', 10);
    await composer.addFiles([file]);
    await composer.updateComplete;
    expect(send.disabled, 'a file alone can be sent').to.equal(false);
    send.click();
    await until(() => chips().length === 0, 2000, 'chips cleared');
    expect(sent).to.have.length(1);
    expect(sent[0]!.text).to.equal('');
    expect(sent[0]!.opts.files).to.deep.equal([file]);
  });
});

describe('<parley-thread> with a send that carries files', () => {
  it('shows the upload\'s progress in the pending bubble, then Retry and Discard when it fails', async () => {
    const { thread, session } = await threadWith([{ type: 'conversation.created', conversation: { id: 'c1' } }]);
    const m = session.store.addPending({
      conversationId: 'c1', clientRef: 'r1', kind: 'file', text: '', markup: 'plain', attachments: [{ name: 'a.png', mime: 'image/png', size: 10, kind: 'image' }],
      sender: { id: 'me', role: 'self' }, createdAt: Date.now(), upload: { sent: 0 },
    });
    session.store.setUploadProgress('c1', 'r1', 0.4);
    session.store.flush();
    const row = () => thread.shadowRoot!.querySelector<HTMLElement>(`[data-message-id="${m.id}"]`);
    await until(() => !!row()?.querySelector('[part~="upload-progress"]'), 3000, 'the progress bar');
    const bar = row()!.querySelector<HTMLProgressElement>('[part~="upload-progress"]')!;
    expect(bar.value).to.equal(40);
    expect(bar.getAttribute('aria-label')).to.equal('Uploading files');
    expect(row()!.textContent).to.contain('a.png');
    await expect(thread).to.be.accessible();
    session.store.setPendingState('c1', 'r1', 'failed', 'the server refused it (422)');
    session.store.flush();
    await until(() => !!row()?.querySelector('[part~="retry"]'), 3000, 'retry');
    expect(row()!.querySelector('[part~="upload-progress"]'), 'no progress once failed').to.equal(null);
    expect(row()!.querySelector('[part~="discard"]')).to.not.equal(null);
    await expect(thread).to.be.accessible();
  });
});
