/**
 * The Comapi demo server (demo/server/comapi) from the test page: its URL, its control
 * endpoints, and the widget pieces the integration tests read.
 */
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';

/** Base URL of the Comapi emulation. */
export const comapiUrl: string = (servers as unknown as Record<string, string>).comapi ?? '';

/** Call a control endpoint (GET for `state` / `messages?…` without a body, else POST). */
export async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${comapiUrl}/__control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A message as the server keeps it. */
export interface ServerMessage { id: string; from: string; text: string; sentEventId: number; statusUpdates: Record<string, { status: string }> }

/** The server's record of a conversation, in event order. */
export function serverMessages(conversationId: string): Promise<ServerMessage[]> {
  return control<ServerMessage[]>(`messages?conversationId=${encodeURIComponent(conversationId)}`);
}

/** Open sockets, by profile. */
export async function socketProfiles(): Promise<string[]> {
  const s = await control<{ sockets: { profiles: string[] } }>('state');
  return s.sockets.profiles;
}

function shadow(chat: ParleyChat, tag: string): ShadowRoot {
  return chat.shadowRoot!.querySelector(tag)!.shadowRoot!;
}

/** The rendered messages: id, status, text. */
export function rendered(chat: ParleyChat): { id: string; status: string; text: string }[] {
  return [...shadow(chat, 'parley-thread').querySelectorAll('[part~="message"]')].map((el) => ({
    id: el.getAttribute('data-message-id')!, status: el.getAttribute('data-status')!, text: el.querySelector('.text')?.textContent ?? '',
  }));
}

/** The thread's shadow root. */
export function threadRoot(chat: ParleyChat): ShadowRoot {
  return shadow(chat, 'parley-thread');
}

/** The typing indicator's text. */
export function typingText(chat: ParleyChat): string {
  return shadow(chat, 'parley-typing-indicator').textContent?.trim() ?? '';
}

/** The open conversation's messages in the store. */
export function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}

/** Type into the composer and press Enter. */
export { type } from '../helpers/composer.js';

/** Record every text the typing indicator shows. */
export function watchTyping(chat: ParleyChat): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const root = shadow(chat, 'parley-typing-indicator');
  const observer = new MutationObserver(() => {
    const t = root.textContent?.trim() ?? '';
    if (t && !seen.includes(t)) seen.push(t);
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

/** Poll an async check (every 100 ms) until it holds, or fail after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Live sessions the server holds for a profile. */
export async function sessionsOf(profileId: string): Promise<number> {
  const s = await control<{ sessionsByProfile: Record<string, number> }>('state');
  return s.sessionsByProfile[profileId] ?? 0;
}

/** Open sockets of one profile. */
export async function socketsOf(profileId: string): Promise<number> {
  return (await socketProfiles()).filter((p) => p === profileId).length;
}

/** A `<parley-chat>` on the Comapi emulation with these options, once open. */
export async function widget(options: Record<string, unknown>): Promise<ParleyChat> {
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${comapiUrl} .options=${options} no-persist></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 15000, 'open');
  return chat;
}

/** The conversation the widget has open. */
export function activeConversation(chat: ParleyChat): string {
  const id = chat.session.store.getState().activeConversation;
  if (!id) throw new Error('no open conversation');
  return id;
}
