/**
 * Helpers for the Virola integration tests: the emulation's URL and controls, a widget on a page
 * signed in to Virola, and readers of what the widget shows.
 *
 * Virola's events socket takes only the session cookie of `POST /api/v1/login` (no token), so
 * every widget here runs on a signed-in page: the emulation is reached as `localhost`, the test
 * page's own site (a cookie is shared across the ports of one site, and the emulation's cookie is
 * `SameSite=Strict`). `virolaChat(room, {token})` adds the Web API token, which then serves the
 * REST calls while the socket still rides on the session.
 */
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { servers as urls } from 'parley:servers';

/** Base URL of the Virola emulation as the runner started it (`127.0.0.1`: another site than the page). */
export const crossSiteUrl = (urls as Record<string, string>).virola!;
/** Base URL of the Virola emulation on the test page's own site (`localhost`). */
export const virolaUrl = crossSiteUrl.replace('//127.0.0.1:', '//localhost:');
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

/** `POST` to the Web API on the page's site, cookies included. */
export function webApi(path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${virolaUrl}${path}`, {
    method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

/** Sign the page in as Sam (`POST /api/v1/login`: the session cookie). */
export async function signIn(): Promise<void> {
  const res = await webApi('/api/v1/login', { userName: 'sam', password: 'sam-demo' });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
}

/** Sign the page out (`POST /api/v1/logout`; a 401 when no session is left is fine). */
export async function signOut(): Promise<void> {
  await webApi('/api/v1/logout');
}

/** A widget on a page signed in as Sam, showing `roomId`; with `token`, the Web API token serves its REST calls. */
export async function virolaChat(roomId: string, opts: { token?: boolean } = {}): Promise<ParleyChat> {
  await signIn();
  return opts.token
    ? fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} .token=${SAM_TOKEN} .conversation=${roomId} no-persist></parley-chat>`)
    : fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} .conversation=${roomId} no-persist></parley-chat>`);
}

/** The emulation's counters: upgrade attempts on the events path (and refused ones), session checks. */
export async function counters(): Promise<{ upgrades: number; unauthorized: number; statusChecks: number; statusRefused: number }> {
  const s = await control<{ sockets: { attempts: number; unauthorized: number }; statusChecks: { asked: number; refused: number } }>('state');
  return { upgrades: s.sockets.attempts, unauthorized: s.sockets.unauthorized, statusChecks: s.statusChecks.asked, statusRefused: s.statusChecks.refused };
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
