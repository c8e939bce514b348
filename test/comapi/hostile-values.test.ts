/**
 * What the adapter fuzz (test/fuzz/comapi.test.ts, issue #9) found in Comapi, pinned down:
 * a `conversationEventId` of 1e308 raised the conversation's baseline past every later event
 * (the conversation went silent), and a conversation id holding a lone surrogate was adopted,
 * then `encodeURIComponent` threw a URIError building its REST path.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { decodeFrame, type DecodeContext } from '../../src/core/protocols/comapi/codec.js';
import { readConversations, readMessagesPage } from '../../src/core/protocols/comapi/decode-rest.js';
import { comapiApi } from '../../src/core/protocols/comapi/rest.js';
import { DecodeError } from '../../src/core/wire.js';
import { FakeSocket, fakeFetch, settle, testHost, until } from './fakes.js';
import { API, AT, BASE, SPACE_ID, challengeOptions, ids, openSocket, restMessage, routes } from './helpers.js';
import { CONV, lifecycleFrame, participantFrame, sentFrame } from './wire-frames.js';

type Json = Record<string, unknown>;

const NOW = Date.parse('2024-05-01T10:00:00.000Z');
/** A conversation id cut in the middle of an emoji, as a truncated string leaves it. */
const LONE = `conv-😀${'😀'.slice(0, 1)}`;

/** A decode context whose invalid-value sink writes to `problems`. */
function noting(problems: string[]): DecodeContext {
  return { selfId: 'me', now: NOW, invalid: (p) => problems.push(p) };
}

function decodeErrorOf(run: () => unknown): DecodeError {
  try {
    run();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('no DecodeError');
}

describe('comapi: sequence numbers no sequence can reach are dropped, noted', () => {
  it('a frame: 1e308, 2^53, -1, 2.5 and 20-digit text lose their place in the sequence (one note each); the message stays', () => {
    for (const seq of [1e308, 2 ** 53, -1, 2.5, '99999999999999999999']) {
      const problems: string[] = [];
      const d = decodeFrame({ ...sentFrame({ id: 'm-big' }), conversationEventId: seq }, noting(problems));
      expect(d.sequence, String(seq)).to.equal(undefined);
      expect(d.events.map((e) => e.type === 'message.created' && [e.message.id, e.message.seq])).to.deep.equal([['m-big', undefined]]);
      expect(problems, String(seq)).to.have.length(1);
      expect(problems[0]).to.match(/^frame\.conversationEventId: not a sequence number/);
    }
  });

  it('a frame: safe whole numbers and digit text keep their place; a value that is no number is a DecodeError', () => {
    const problems: string[] = [];
    expect(decodeFrame({ ...sentFrame(), conversationEventId: 0 }, noting(problems)).sequence).to.deep.equal({ conversationId: CONV, value: 0 });
    expect(decodeFrame({ ...sentFrame(), conversationEventId: '17' }, noting(problems)).sequence).to.deep.equal({ conversationId: CONV, value: 17 });
    expect(decodeFrame({ ...sentFrame(), conversationEventId: Number.MAX_SAFE_INTEGER }, noting(problems)).sequence?.value).to.equal(Number.MAX_SAFE_INTEGER);
    expect(problems).to.deep.equal([]);
    for (const seq of ['x', '-1', true, {}]) {
      expect(decodeErrorOf(() => decodeFrame({ ...sentFrame(), conversationEventId: seq }, noting(problems))).message).to.match(/conversationEventId: expected a whole number/);
    }
  });

  it('REST: a list\'s latestSentEventId, a page\'s event ids and a message\'s sentEventId of 1e308 are dropped, noted once per answer', () => {
    const problems: string[] = [];
    const list = readConversations([{ id: CONV, latestSentEventId: 1e308 }, { id: 'c2', latestSentEventId: 4 }], () => undefined, (p) => problems.push(p));
    expect(list).to.deep.equal([{ conversation: { id: CONV } }, { conversation: { id: 'c2' }, latestEventId: 4 }]);
    const page = readMessagesPage({ earliestEventId: -1, latestEventId: 1e308, messages: [restMessage('m9', 1e308, 'ada', 'hi')] }, CONV, noting(problems), () => undefined);
    expect([page.earliestEventId, page.latestEventId]).to.deep.equal([undefined, undefined]);
    expect(page.events.map((e) => e.type === 'message.created' && [e.message.id, e.message.seq])).to.deep.equal([['m9', undefined]]);
    expect(problems).to.deep.equal([
      'conversation.latestSentEventId: not a sequence number (1e+308)',
      '3 invalid values; first: messages.earliestEventId: not a sequence number (-1)',
    ]);
  });
});

describe('comapi adapter: a leap to 1e308 no longer silences the conversation', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('live: the leaping frame is one decode report and still shows; the events after it show too', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push({ ...sentFrame({ id: 'm-big', text: 'far ahead' }), conversationEventId: 1e308 });
    ws.push(sentFrame({ seq: 3, id: 'm3' }));
    await settle();
    ws.push(sentFrame({ seq: 4, id: 'm4' }));
    await settle();
    expect(ids(t)).to.include.members(['m1', 'm2', 'm-big', 'm3', 'm4']);
    expect(t.reports.map((r) => [r.code, r.message])).to.deep.equal([
      ['decode', 'comapi: invalid value dropped, the rest of the frame applied: frame.conversationEventId: not a sequence number (1e+308)'],
    ]);
    expect(calls.filter((c) => c.path.includes('/events')), 'no gap was seen, so none was fetched').to.deep.equal([]);
  });

  it('sync: a messages page that says its latest event is 1e308 leaves the baseline where the messages are', async () => {
    const { fetch } = fakeFetch(routes({
      [`GET ${AT}/messages`]: () => ({ earliestEventId: 1, latestEventId: 1e308, orphanedEvents: [], messages: [restMessage('m2', 2, 'me', 'hi'), restMessage('m1', 1, 'ada', 'hello')] }),
    }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push(sentFrame({ seq: 3, id: 'm3' }));
    await until(() => ids(t).includes('m3'), 'the next live message');
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode']);
    expect(t.reports[0]!.message).to.contain('messages.latestEventId: not a sequence number (1e+308)');
  });
});

describe('comapi: ids that are not well-formed text', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('a required conversation or profile id with a lone surrogate is a DecodeError; an optional one is dropped, noted', () => {
    const problems: string[] = [];
    const ctx = noting(problems);
    expect(decodeErrorOf(() => decodeFrame(participantFrame('Added', 'me', LONE), ctx)).message).to.match(/no conversationId/);
    expect(decodeErrorOf(() => decodeFrame({ ...lifecycleFrame('conversation.undelete'), conversationId: LONE }, ctx)).message).to.match(/no conversationId/);
    expect(decodeErrorOf(() => decodeFrame(participantFrame('Added', `me${'😀'.slice(1)}`), ctx)).message)
      .to.equal('frame.payload.profileId: an id that is not well-formed text (a lone surrogate)');
    expect(problems, 'a frame dropped whole is reported by its DecodeError alone').to.deep.equal([]);
    const frame = sentFrame({ id: 'm5' });
    const context = (frame.payload as Json).context as Json;
    const d = decodeFrame({ ...frame, payload: { ...(frame.payload as Json), context: { ...context, from: { id: LONE, name: 'Ada' } } } }, ctx);
    expect(d.events.map((e) => e.type === 'message.created' && e.message.sender)).to.deep.equal([{ id: 'ada', role: 'member', name: 'Ada' }]);
    expect(problems).to.deep.equal(['frame.payload.context.from.id: an id that is not well-formed text (a lone surrogate)']);
  });

  it('REST: a listed conversation whose id has a lone surrogate is a bad item, skipped', () => {
    const bad: unknown[] = [];
    expect(readConversations([{ id: LONE }, { id: CONV }], (_err, item) => bad.push(item))).to.deep.equal([{ conversation: { id: CONV } }]);
    expect(bad).to.deep.equal([{ id: LONE }]);
  });

  it('live: I am "added" to, or a restore names, such a conversation: one decode report, nothing fetched, no URIError', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    const before = calls.length;
    ws.push(participantFrame('Added', 'me', LONE));
    ws.push({ ...lifecycleFrame('conversation.undelete'), conversationId: LONE });
    await settle();
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode', 'decode']);
    expect(calls.slice(before).filter((c) => c.method === 'GET')).to.deep.equal([]);
    expect([...t.store.getState().conversations.keys()]).to.deep.equal([CONV]);
  });

  it('the REST paths never throw: a lone surrogate in an id or the API space is sent as U+FFFD', async () => {
    const { fetch, calls } = fakeFetch({});
    const api = comapiApi({ fetch, restBase: BASE, apiSpaceId: SPACE_ID, token: () => 'tok', secrets: () => [] });
    const paths: string[] = [];
    for (const call of [() => api.getConversation(LONE), () => api.listMessages(LONE, 5, undefined), () => api.listConversations(LONE)]) {
      await call().catch((err: unknown) => { if (err instanceof URIError) throw err; });
      paths.push(calls.at(-1)!.path);
    }
    expect(paths).to.deep.equal([
      `${API}/conversations/conv-%F0%9F%98%80%EF%BF%BD`,
      `${API}/conversations/conv-%F0%9F%98%80%EF%BF%BD/messages?limit=5`,
      `${API}/conversations?profileId=conv-%F0%9F%98%80%EF%BF%BD&scope=participant`,
    ]);
    const odd = comapiApi({ fetch, restBase: BASE, apiSpaceId: `s${'😀'.slice(0, 1)}`, token: () => 'tok', secrets: () => [] });
    await odd.getConversation(CONV).catch(() => undefined);
    expect(calls.at(-1)!.path).to.equal(`/apispaces/s%EF%BF%BD/conversations/${CONV}`);
  });
});
