/**
 * Helpers of the IMKIT integration tests: the demo server's URL and controls, and a widget
 * mounted against it, read through its shadow DOM.
 */
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import { servers } from '../helpers/servers.js';

/** Base URL of the IMKIT emulation. */
export const imkitUrl = (): string => (servers as unknown as Record<string, string>).imkit!;

export const DEMO_TOKEN = 'demo-imkit-token';
export const DEMO_KEY = 'demo-client-key';
export const ROOM = 'demo-room';

/** Call a control endpoint of the IMKIT emulation. */
export async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const get = path === 'state' || path.startsWith('messages');
  const res = await fetch(`${imkitUrl()}/__control/${path}`, {
    method: get ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: get ? undefined : JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The server's own record of a room, oldest first. */
export async function serverMessages(room = ROOM): Promise<{ _id: string; message: string; messageType: string; sender: { _id: string } }[]> {
  return control(`messages?room=${encodeURIComponent(room)}`);
}

/** A widget on the demo room. */
export async function mount(opts: { base64: boolean; token?: string; userId?: string; options?: Record<string, unknown> }): Promise<ParleyChat> {
  const options = { clientKey: DEMO_KEY, base64: opts.base64, ...opts.options };
  return fixture<ParleyChat>(html`<parley-chat protocol="imkit" url=${imkitUrl()} .token=${opts.token ?? DEMO_TOKEN}
    .userId=${opts.userId} .options=${options} conversation=${ROOM} no-persist></parley-chat>`);
}

export function shadow(chat: ParleyChat, tag: string): ShadowRoot {
  return chat.shadowRoot!.querySelector(tag)!.shadowRoot!;
}

/** Messages as rendered: id, sender, status, text, and the deleted / edited / streaming marks. */
export function rendered(chat: ParleyChat): { id: string; sender: string; status: string; text: string; deleted: boolean; edited: boolean; streaming: boolean; mine: boolean }[] {
  return [...shadow(chat, 'parley-thread').querySelectorAll('[part~="message"]')].map((el) => ({
    id: el.getAttribute('data-message-id')!,
    sender: el.getAttribute('data-sender-id')!,
    status: el.getAttribute('data-status')!,
    text: el.querySelector('.text')?.textContent ?? el.textContent?.trim() ?? '',
    deleted: el.hasAttribute('data-deleted'),
    edited: el.hasAttribute('data-edited'),
    streaming: el.classList.contains('streaming'),
    mine: (el.getAttribute('part') ?? '').includes('message-mine'),
  }));
}

/** The open room's messages in the store. */
export function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}

/** Type into the composer (an input event), and send with Enter unless told not to. */
export { type } from '../helpers/composer.js';
