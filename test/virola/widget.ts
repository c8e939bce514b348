/**
 * Helpers for the Virola integration tests: the emulation's URL and controls, a widget signed in
 * with the Web API token, and readers of what the widget shows.
 *
 * `virolaChat` signs in with the token (`Authorization: Bearer` on REST, `?token=` on the socket):
 * the test page runs on `localhost` and the emulation on `127.0.0.1`, two sites, and a session
 * cookie would only cross them as `SameSite=None; Secure`, which needs https. The cookie path is
 * tested in virola-cookie.test.ts, with the emulation reached as `localhost`.
 */
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { servers as urls } from 'parley:servers';

/** Base URL of the Virola emulation. */
export const virolaUrl = (urls as Record<string, string>).virola!;
/** Sam's Web API token (demo/server/virola/store.ts). */
export const SAM_TOKEN = 'demo-virola-token';

/** A message as the emulation's control endpoint lists it. */
export interface ServerMessage {
  messageId: number;
  parentMessageId: number;
  userId: number;
  text: string;
  markupType: string;
  createdUtc: number;
  lastEditedUtc: number;
  readTimestamps: { userId: number; readUtc: number }[];
}

/** Call a control endpoint (`GET` for `messages?…`, `POST` with a JSON body otherwise). */
export async function control<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  const get = path.startsWith('messages');
  const res = await fetch(`${virolaUrl}/__control/${path}`, {
    method: get ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: get ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A fresh server state; returns the room ids by name ("Vera", "Welcome!"). */
export async function reset(): Promise<Record<string, string>> {
  const got = await control<{ rooms: { roomId: number; name: string }[] }>('reset');
  return Object.fromEntries(got.rooms.map((r) => [r.name, String(r.roomId)]));
}

/** The server's record of a room, comments included, ascending. */
export function serverMessages(roomId: string): Promise<ServerMessage[]> {
  return control<ServerMessage[]>(`messages?roomId=${roomId}`);
}

/** A widget signed in as Sam with the token, showing `roomId`. */
export function virolaChat(roomId: string): Promise<ParleyChat> {
  return fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} .token=${SAM_TOKEN}
    .conversation=${roomId} no-persist></parley-chat>`);
}

export function shadow(chat: ParleyChat, tag: string): ShadowRoot {
  return chat.shadowRoot!.querySelector(tag)!.shadowRoot!;
}

/** What the thread renders: id, status, text, and whether it is marked as a reply or deleted. */
export function rendered(chat: ParleyChat): { id: string; status: string; text: string; reply: boolean; deleted: boolean }[] {
  return [...shadow(chat, 'parley-thread').querySelectorAll('[part~="message"]')].map((el) => ({
    id: el.getAttribute('data-message-id')!,
    status: el.getAttribute('data-status')!,
    text: el.querySelector('.text')?.textContent ?? '',
    reply: !!el.querySelector('[part="reply-mark"]'),
    deleted: el.hasAttribute('data-deleted'),
  }));
}

/** The open room's messages in the store. */
export function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}

/** Type into the composer and press Enter. */
export { type } from '../helpers/composer.js';

/** Everything in a tree that could run script: script-like elements, on* handlers, script URLs. */
export function dangers(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|style|form)$/i.test(el.localName)) out.push(el.localName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) out.push(`${el.localName}[${a.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(a.value)) out.push(`${el.localName}[${a.name}=${a.value}]`);
    }
  }
  return out;
}
