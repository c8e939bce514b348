/**
 * Comapi catch-up for a conversation this adapter never loaded while the store holds it (issue #9,
 * finding E): a new adapter over a kept store (a token change replaces the client, a reload
 * restores the cache). It must resume from the newest event id the store holds, not load the
 * latest page only: that page would leave the read marks others gave to older messages of mine
 * while I was cut off unfetched, and nothing later brings them (those messages are held already,
 * so no history page fetches them again).
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import type { Message } from '../../src/core/model.js';
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { fakeFetch, testHost } from './fakes.js';
import { AT, challengeOptions, openSocket, restMessage, routes } from './helpers.js';
import { CONV, sentFrame, statusFrame } from './wire-frames.js';

/** A message the store kept from an earlier adapter (event id `seq`). */
function kept(id: string, seq: number, mine: boolean): Message {
  return {
    id, conversationId: CONV, kind: 'text', text: `text ${id}`, markup: 'plain', attachments: [], createdAt: Date.parse('2024-05-01T09:00:00.000Z') + seq * 1000,
    seq, status: 'sent', sender: mine ? { id: 'me', role: 'self' } : { id: 'ada', role: 'member', name: 'Ada' },
  };
}

describe('comapi catch-up: a new adapter over a kept store', () => {
  let adapter: Adapter | undefined;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('resumes from the newest event the store holds, so reads of older messages of mine made meanwhile land', async () => {
    const events: Record<string, unknown[]> = {
      // While cut off: Ada read my two older messages, then wrote m4.
      [`${AT}/events?from=4&limit=50`]: [
        { ...statusFrame('read', { seq: 4, messageId: 'm1' }), conversationId: CONV },
        { ...statusFrame('read', { seq: 5, messageId: 'm2' }), conversationId: CONV },
        { ...sentFrame({ seq: 6, id: 'm4' }), conversationId: CONV },
      ],
    };
    const { fetch, calls } = fakeFetch(routes({
      [`GET ${AT}/events`]: (c) => events[c.path] ?? [404, {}],
      // The latest page holds only the newest message: the reads of m1 and m2 are not on it.
      [`GET ${AT}/messages`]: () => ({ earliestEventId: 6, latestEventId: 6, orphanedEvents: [], messages: [restMessage('m4', 6, 'ada', 'later')] }),
    }));
    const t = testHost(challengeOptions(), fetch);
    t.store.apply([
      { type: 'conversation.created', conversation: { id: CONV, title: 'Support' } },
      ...[kept('m1', 1, true), kept('m2', 2, true), kept('m3', 3, false)].map((message) => ({ type: 'message.created' as const, conversationId: CONV, message })),
    ]);
    adapter = createAdapter(t.host); // a fresh adapter: it has loaded nothing itself
    await openSocket(adapter, t);
    t.store.apply((await adapter.sync('reconnect', new AbortController().signal)).map((e) => ({ ...e, origin: 'missed' as const })));
    expect(calls.filter((c) => c.path.startsWith(`${AT}/events`)).map((c) => c.path)).to.deep.equal([`${AT}/events?from=4&limit=50`]);
    expect((t.store.getState().messages.get(CONV) ?? []).map((m) => [m.id, m.status])).to.deep.equal([
      ['m1', 'read'], ['m2', 'read'], ['m3', 'sent'], ['m4', 'sent'],
    ]);
  });
});
