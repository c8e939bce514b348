/**
 * Attaching files as a person would, for the per-backend upload tests: a small drawn PNG, the
 * composer's attach control, and the thread's image once the server has it.
 */
import { expect } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { type } from './composer.js';
import { until } from './fake-protocol.js';

/** A small PNG, drawn (24 × 16). */
export async function pngFile(name: string, colour = '#c0392b'): Promise<File> {
  const canvas = new OffscreenCanvas(24, 16);
  const g = canvas.getContext('2d')!;
  g.fillStyle = colour;
  g.fillRect(0, 0, 24, 16);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** Pick `files` through the composer's attach button's file input, then type `text` and send. */
export async function attachAndSend(chat: ParleyChat, files: File[], text: string): Promise<void> {
  const composer = chat.shadowRoot!.querySelector('parley-composer')!;
  await until(() => !!composer.shadowRoot!.querySelector('[part~="attach-button"]'), 10000, 'the attach button');
  const picker = composer.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  picker.files = dt.files;
  picker.dispatchEvent(new Event('change'));
  await until(() => composer.shadowRoot!.querySelectorAll('[part~="attachment-chip"]').length === files.length, 5000, 'the chips');
  await type(chat, text);
}

/** The server serves `url` back with the bytes of `file`. */
export async function expectServed(url: string, file: File): Promise<void> {
  const served = await fetch(url);
  expect(served.ok, `GET ${url}`).to.equal(true);
  expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await file.arrayBuffer()));
}

/** Wait until the thread shows an image from `src` (loaded: 24 px wide) in the row of `messageId`. */
export async function expectImageShown(chat: ParleyChat, messageId: string, src: string): Promise<void> {
  const thread = chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
  const img = () => thread.querySelector<HTMLImageElement>(`[data-message-id="${CSS.escape(messageId)}"] img`);
  await until(() => !!img(), 15000, 'the image in the thread');
  expect(img()!.getAttribute('src')).to.equal(src);
  await until(() => img()!.complete && img()!.naturalWidth === 24, 10000, 'the image loaded from the server');
}
