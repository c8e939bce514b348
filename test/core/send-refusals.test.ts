/**
 * How a send the server does not take now is handled: "not now" (429, 503) is waited out for the
 * server's `Retry-After` (or a backoff) and tried again, a bounded number of times; a 401 ends
 * the connection as `auth-failed` and keeps the message for the next token; anything else fails
 * the message, visible with a retry.
 */
import { expect } from '@open-wc/testing';
import { HttpError, NetworkError, retryAfterMs } from '../../src/core/http.js';
import { MAX_TRY_LATER } from '../../src/core/outbox.js';
import type { Command } from '../../src/core/commands.js';
import type { ChatEvent } from '../../src/core/events.js';
import { connected, type FakeClient } from '../helpers/fake-client.js';
import { msg } from '../helpers/fake-protocol.js';
import { settle } from '../helpers/fake-time.js';

/** The store's view of conversation c1: `text:status`. */
function thread(f: FakeClient): string[] {
  return (f.client.store.getState().messages.get('c1') ?? []).map((m) => `${m.text}:${m.status}`);
}

const ONE_CONVERSATION: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];

const sends = (f: FakeClient) => f.backend.commands.filter((c) => c.type === 'send');

/** A backend that answers the first `refusals` sends with `error`, then takes them. */
function refuseFirst(f: FakeClient, refusals: number, error: () => Error): void {
  let n = 0;
  f.backend.onExecute = async (c: Command) => {
    if (c.type !== 'send') return [];
    if (n++ < refusals) throw error();
    return [{ type: 'message.created', message: { ...msg({ id: `s${n}`, conversationId: c.conversationId, text: c.text, self: true }), clientRef: c.clientRef } }];
  };
}

describe('sends the server refuses for now', () => {
  it('Retry-After as seconds or an HTTP date; none, garbage or over ten minutes is no wait', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    expect(retryAfterMs('7', now)).to.equal(7000);
    expect(retryAfterMs(' 0 ', now)).to.equal(0);
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).to.equal(30_000);
    expect(retryAfterMs(new Date(now - 5_000).toUTCString(), now), 'a date in the past: now').to.equal(0);
    expect(retryAfterMs(null, now)).to.equal(undefined);
    expect(retryAfterMs('soon', now)).to.equal(undefined);
    expect(retryAfterMs('-3', now)).to.equal(undefined);
    expect(retryAfterMs('3601', now)).to.equal(undefined);
  });

  it('429 with Retry-After: the message stays pending, nothing is sent until then, then it goes once', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    refuseFirst(f, 1, () => new HttpError(429, 'POST /messages answered 429', { error: 'Retry later' }, 20_000));
    f.client.send('hello');
    await settle();
    expect(sends(f)).to.have.length(1);
    expect(thread(f)).to.deep.equal(['hello:pending']);
    expect(f.errors.map((e) => e.message)).to.deep.equal(['send deferred: the server answered 429; trying again in 20 s (1 of 5)']);
    f.client.send('second'); // waits behind the first: order on the server is kept
    f.clock.advance(19_999);
    await settle();
    expect(sends(f)).to.have.length(1);
    f.clock.advance(1);
    await settle();
    expect(sends(f).map((c) => (c as { text: string }).text)).to.deep.equal(['hello', 'hello', 'second']);
    expect(thread(f)).to.deep.equal(['hello:sent', 'second:sent']);
  });

  it('503 without Retry-After waits a growing backoff, and fails (with a retry) after a bounded number', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    refuseFirst(f, 100, () => new HttpError(503, 'POST /messages answered 503', 'Service Unavailable'));
    f.client.send('hello');
    await settle();
    for (let i = 0; i < MAX_TRY_LATER; i++) {
      expect(thread(f), `wait ${i + 1}`).to.deep.equal(['hello:pending']);
      f.clock.advance(60_000);
      await settle();
    }
    // Announced as it waits: 2 s doubling (¾ of each ceiling with this test's jitter), at most a minute.
    const waits = f.errors.map((e) => /trying again in (\d+) s/.exec(e.message)?.[1]).filter(Boolean).map(Number);
    expect(waits).to.deep.equal([2, 3, 6, 12, 24]);
    expect(sends(f)).to.have.length(MAX_TRY_LATER + 1);
    const failed = f.client.store.getState().messages.get('c1')![0]!;
    expect([failed.status, failed.error]).to.deep.equal(['failed', 'the server could not take it (503): Service Unavailable']);
    f.clock.advance(120_000);
    await settle();
    expect(sends(f), 'no more automatic tries once failed').to.have.length(MAX_TRY_LATER + 1);
  });

  it('401 on a send: the connection ends as auth-failed and the message waits, pending, for new credentials', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    refuseFirst(f, 1, () => new HttpError(401, 'POST /messages answered 401', { error: 'Invalid token' }));
    f.client.send('hello');
    await settle();
    expect(f.client.status).to.equal('closed');
    expect(f.statuses.at(-1)).to.equal('closed:auth-failed');
    expect(thread(f)).to.deep.equal(['hello:pending']);
    expect(f.errors.map((e) => e.code)).to.include('auth');
    f.clock.advance(600_000);
    await settle();
    expect(f.backend.connects, 'no retry with the refused credentials').to.equal(1);
  });

  it('401 on any other command ends the connection the same way', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    f.backend.capabilities.add('edit');
    f.backend.onExecute = async () => { throw new HttpError(401, 'PATCH answered 401'); };
    await f.client.edit('c1', 'x', 'changed');
    await settle();
    expect(f.statuses.at(-1)).to.equal('closed:auth-failed');
  });

  it('no answer while the socket stays up: pending, no error, tried again after a backoff (not only on reconnect)', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    refuseFirst(f, 1, () => new NetworkError('POST /messages failed: Failed to fetch'));
    f.client.send('hello');
    await settle();
    expect(thread(f)).to.deep.equal(['hello:pending']);
    f.clock.advance(1500); // 2 s with this test's jitter: ¾
    await settle();
    expect(thread(f)).to.deep.equal(['hello:sent']);
    expect([f.errors, f.backend.connects]).to.deep.equal([[], 1]);
  });

  it('a plain refusal (422) still fails the message at once, with the reason', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    refuseFirst(f, 1, () => new HttpError(422, 'POST /messages answered 422', { message: 'Content is too long' }));
    f.client.send('hello');
    await settle();
    const m = f.client.store.getState().messages.get('c1')![0]!;
    expect([m.status, m.error]).to.deep.equal(['failed', 'the server refused it (422): Content is too long']);
    expect(f.client.status).to.equal('open');
  });
});
