/**
 * Builders for normalized events, so store tests read as a list of what happened.
 */
import type { ChatEvent, ChatEventOf, MessagePatch } from '../../src/core/events.js';
import type { Actor, Message } from '../../src/core/model.js';
import { ChatStore } from '../../src/core/store.js';
import { ManualFrames } from './fake-time.js';
import { msg } from './fake-protocol.js';

export const ADA: Actor = { id: 'ada', role: 'agent', name: 'Ada' };
export const BOB: Actor = { id: 'bob', role: 'customer', name: 'Bob' };
export const ME: Actor = { id: 'me', role: 'self', name: 'Me' };

/** Base time of the tests (any fixed epoch ms). */
export const T0 = 1_700_000_000_000;

type MsgInit = Parameters<typeof msg>[0];

/** `message.created` for a message built by `msg` (conversation `c1` unless given). */
export function created(p: Omit<MsgInit, 'conversationId'> & { conversationId?: string }, origin?: ChatEvent['origin']): ChatEventOf<'message.created'> {
  return { type: 'message.created', message: msg({ conversationId: 'c1', ...p }), ...(origin ? { origin } : {}) };
}

/** `message.updated` with a patch (conversation `c1` unless given). */
export function updated(p: Omit<MessagePatch, 'conversationId'> & { conversationId?: string }): ChatEventOf<'message.updated'> {
  return { type: 'message.updated', message: { conversationId: 'c1', ...p } };
}

/** A store whose subscribers hear about changes only when the test runs a frame. */
export function manualStore(now = () => T0): { store: ChatStore; frames: ManualFrames } {
  const frames = new ManualFrames();
  return { store: new ChatStore({ frame: frames.frame, now }), frames };
}

/** Ids of a conversation's messages, in stored order. */
export function ids(store: ChatStore, conversationId = 'c1'): string[] {
  return (store.getState().messages.get(conversationId) ?? []).map((m) => m.id);
}

/** One stored message by id (throws when absent, so a test cannot pass on `undefined`). */
export function stored(store: ChatStore, id: string, conversationId = 'c1'): Message {
  const m = store.getState().messages.get(conversationId)?.find((x) => x.id === id);
  if (!m) throw new Error(`no message ${id} in ${conversationId}; have ${ids(store, conversationId).join(', ')}`);
  return m;
}

/** The fields of a pending send from me. */
export function pending(clientRef: string, text: string, at: number, conversationId = 'c1') {
  return {
    conversationId, clientRef, kind: 'text' as const, text, markup: 'plain' as const, attachments: [],
    sender: ME, createdAt: at,
  };
}
