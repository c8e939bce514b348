import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { FakeSocket, fakeFetch, testHost, until, type Route, type TestHost } from './fakes.js';
import { API, AT, SESSION_TOKEN, challengeOptions, ids, openSocket, restMessage, routes } from './helpers.js';
import { CONV, participantFrame, sentFrame } from './wire-frames.js';

type Json = Record<string, unknown>;
const signal = (): AbortSignal => new AbortController().signal;

describe('comapi adapter: commands over REST', () => {
  let adapter: Adapter | undefined;
  let t: TestHost;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  async function ready(over: Record<string, Route> = {}, extra: Json = {}) {
    const f = fakeFetch(routes(over));
    t = testHost(challengeOptions(extra), f.fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', signal()));
    return { ws, calls: f.calls };
  }

  it('advertises what Comapi can do', async () => {
    await ready();
    expect([...adapter!.capabilities].sort()).to.deep.equal(['createConversation', 'loadOlder', 'markDelivered', 'markRead', 'openConversation', 'send', 'typing']);
  });

  it('createConversation: POST conversations with a new GUID, the name, the builder\'s default roles; the answer is the new conversation', async () => {
    const { calls } = await ready({ [`POST ${API}/conversations`]: (c) => [201, { ...(c.body as Json), participantCount: 1, latestSentEventId: 0, _createdOn: '2024-05-01T09:00:00.000Z' }] });
    const events = await adapter!.execute({ type: 'createConversation', title: 'New conversation' }, signal());
    const post = calls.find((c) => c.method === 'POST' && c.path === `${API}/conversations`)!;
    const body = post.body as Json;
    expect(body.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const all = { canSend: true, canAddParticipants: true, canRemoveParticipants: true };
    expect(body).to.deep.equal({ id: body.id, name: 'New conversation', roles: { owner: all, participant: all }, isPublic: false });
    expect(post.headers.Authorization).to.equal(`Bearer ${SESSION_TOKEN}`);
    expect(events).to.have.length(1);
    expect(events[0]!.type === 'conversation.created' && events[0]!.conversation).to.deep.include({ id: body.id, title: 'New conversation' });
  });

  it('send: parts and the client reference go out; {id, eventId} comes back as the confirmed message', async () => {
    const { calls, ws } = await ready({ [`POST ${AT}/messages`]: () => ({ id: 'srv-9', eventId: 3 }) });
    t.store.addPending({ conversationId: CONV, clientRef: 'ref-1', kind: 'text', text: 'héllo', markup: 'plain', attachments: [], createdAt: t.scheduler.now(), sender: { id: 'me', role: 'self' } });
    const events = await adapter!.execute({ type: 'send', conversationId: CONV, text: 'héllo', clientRef: 'ref-1' }, signal());
    const post = calls.find((c) => c.method === 'POST' && c.path === `${AT}/messages`)!;
    expect(post.body).to.deep.equal({ metadata: { parleyRef: 'ref-1' }, parts: [{ name: 'body', type: 'text/plain', data: 'héllo', size: 6 }] });
    expect(post.headers.Authorization).to.equal(`Bearer ${SESSION_TOKEN}`);
    expect(events).to.have.length(1);
    const e = events[0]!;
    expect(e.type === 'message.created' && e.message).to.deep.include({ id: 'srv-9', seq: 3, clientRef: 'ref-1', text: 'héllo', status: 'sent', sender: { id: 'me', role: 'self' } });
    t.store.apply(events);
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'srv-9']);
    // The live echo of the same message changes nothing but its time.
    ws.push(sentFrame({ seq: 3, id: 'srv-9', from: 'me', text: 'héllo', metadata: { parleyRef: 'ref-1' } }));
    expect(t.store.getState().messages.get(CONV)!.filter((m) => m.id === 'srv-9').map((m) => [m.status, m.clientRef])).to.deep.equal([['sent', 'ref-1']]);
  });

  it('when the live echo of a send comes before its answer, the echo\'s time stands (no jump past later messages)', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const { ws } = await ready({ [`POST ${AT}/messages`]: () => new Promise((r) => { answer = r; }) });
    t.store.addPending({ conversationId: CONV, clientRef: 'ref-2', kind: 'text', text: 'quick', markup: 'plain', attachments: [], createdAt: t.scheduler.now(), sender: { id: 'me', role: 'self' } });
    const sending = adapter!.execute({ type: 'send', conversationId: CONV, text: 'quick', clientRef: 'ref-2' }, signal());
    await until(() => typeof answer === 'function' && answer.length === 1, 'the request');
    ws.push(sentFrame({ seq: 3, id: 'srv-q', from: 'me', text: 'quick', metadata: { parleyRef: 'ref-2' } }));
    ws.push({ ...sentFrame({ seq: 4, id: 'later', text: 'later' }), publishedOn: '2024-05-01T09:00:04.000Z' });
    t.scheduler.advance(60_000);
    answer({ id: 'srv-q', eventId: 3 });
    t.store.apply(await sending);
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'srv-q', 'later']);
    expect(t.store.getState().messages.get(CONV)!.find((m) => m.id === 'srv-q')!.clientRef).to.equal('ref-2');
  });

  it('a send refused with 401 renews the challenge-made session and is retried once', async () => {
    let sessions = 0;
    const { calls } = await ready({
      [`POST ${API}/sessions`]: () => ({ token: `tok-${++sessions}`, session: { profileId: 'me', expiresOn: '2099-01-01T00:00:00.000Z' } }),
      [`POST ${AT}/messages`]: (c) => (c.headers.Authorization === 'Bearer tok-1' ? [401, {}] : { id: 'srv-1', eventId: 3 }),
    });
    const events = await adapter!.execute({ type: 'send', conversationId: CONV, text: 'x', clientRef: 'r' }, signal());
    expect(events[0]!.type === 'message.created' && events[0]!.message.id).to.equal('srv-1');
    expect(calls.filter((c) => c.path === `${AT}/messages` && c.method === 'POST').map((c) => c.headers.Authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('typing: POST on (at most every 10 s), DELETE off', async () => {
    const { calls } = await ready({ [`POST ${AT}/typing`]: () => undefined, [`DELETE ${AT}/typing`]: () => undefined });
    const typing = () => calls.filter((c) => c.path === `${AT}/typing`).map((c) => c.method);
    await adapter!.execute({ type: 'typing', conversationId: CONV, on: true }, signal());
    t.scheduler.advance(9_000);
    await adapter!.execute({ type: 'typing', conversationId: CONV, on: true }, signal());
    expect(typing()).to.deep.equal(['POST']);
    t.scheduler.advance(1_000);
    await adapter!.execute({ type: 'typing', conversationId: CONV, on: true }, signal());
    await adapter!.execute({ type: 'typing', conversationId: CONV, on: false }, signal());
    await adapter!.execute({ type: 'typing', conversationId: CONV, on: true }, signal());
    expect(typing()).to.deep.equal(['POST', 'POST', 'DELETE', 'POST']);
  });

  it('markRead: their messages up to the one seen, once each, as one status update', async () => {
    const { calls, ws } = await ready();
    ws.push(sentFrame({ seq: 3, id: 'm3', text: 'three' }));
    ws.push(sentFrame({ seq: 4, id: 'm4', text: 'four' }));
    const reads = () => calls.filter((c) => c.path === `${AT}/messages/statusupdates` && (c.body as Json[])[0]!.status === 'read').map((c) => (c.body as Json[])[0]!.messageIds);
    await adapter!.execute({ type: 'markRead', conversationId: CONV, messageId: 'm3' }, signal());
    await adapter!.execute({ type: 'markRead', conversationId: CONV, messageId: 'm3' }, signal());
    await adapter!.execute({ type: 'markRead', conversationId: CONV, messageId: 'm4' }, signal());
    expect(reads()).to.deep.equal([['m1', 'm3'], ['m4']]);
  });

  it('arriving messages of others are marked delivered, batched, unless already read', async () => {
    const { calls, ws } = await ready();
    const delivered = () => calls.filter((c) => c.path === `${AT}/messages/statusupdates` && (c.body as Json[])[0]!.status === 'delivered').map((c) => (c.body as Json[])[0]!.messageIds);
    await until(() => delivered().length === 1, 'the sync delivered mark');
    ws.push(sentFrame({ seq: 3, id: 'm3' }));
    ws.push(sentFrame({ seq: 4, id: 'm4' }));
    ws.push(sentFrame({ seq: 5, id: 'm5', from: 'me' }));
    expect(delivered()).to.have.length(1);
    t.scheduler.advance(250);
    await until(() => delivered().length === 2, 'the batch');
    expect(delivered()).to.deep.equal([['m1'], ['m3', 'm4']]);
    await adapter!.execute({ type: 'markRead', conversationId: CONV, messageId: 'm4' }, signal());
    ws.push(sentFrame({ seq: 6, id: 'm6' }));
    await adapter!.execute({ type: 'markRead', conversationId: CONV, messageId: 'm6' }, signal());
    t.scheduler.advance(250);
    expect(delivered()).to.have.length(2);
  });

  it('loadOlder pages backwards from the oldest event id; at event 1 there is nothing older', async () => {
    const { calls } = await ready({
      [`GET ${AT}/messages?limit=50&from=0`]: () => [500, {}],
    });
    const older = await adapter!.execute({ type: 'loadOlder', conversationId: CONV, beforeMessageId: 'm1' }, signal());
    expect(older).to.deep.equal([]);
    expect(calls.some((c) => c.path.includes('from='))).to.equal(false);
  });

  it('loadOlder asks for events at or before the oldest one loaded minus one', async () => {
    const { calls } = await ready({
      [`GET ${AT}/messages?limit=50`]: () => ({ earliestEventId: 10, latestEventId: 11, messages: [restMessage('m11', 11, 'ada', 'eleven')] }),
      [`GET ${AT}/messages?limit=50&from=9`]: () => ({ earliestEventId: 8, latestEventId: 9, messages: [restMessage('m9', 9, 'ada', 'nine')] }),
    });
    const older = await adapter!.execute({ type: 'loadOlder', conversationId: CONV }, signal());
    expect(calls.at(-1)!.path).to.equal(`${AT}/messages?limit=50&from=9`);
    expect(older.map((e) => e.type === 'message.created' && e.message.id)).to.deep.equal(['m9']);
  });

  it('added to a new conversation: it appears, then its name and messages are fetched', async () => {
    const other = 'conv-new';
    const { ws, calls } = await ready({
      [`GET ${API}/conversations/${other}`]: () => ({ id: other, name: 'Returns', latestSentEventId: 1 }),
      [`GET ${API}/conversations/${other}/messages`]: () => ({ earliestEventId: 1, latestEventId: 1, messages: [{ ...restMessage('n1', 1, 'ada', 'welcome'), context: { from: { id: 'ada' }, conversationId: other, sentOn: '2024-05-01T09:30:00.000Z' } }] }),
    });
    ws.push(participantFrame('Added', 'me', other));
    expect(t.store.getState().conversations.has(other)).to.equal(true);
    await until(() => t.store.getState().conversations.get(other)?.title === 'Returns', 'the adopted conversation');
    await until(() => ids(t, other).length === 1, 'its messages');
    expect(ids(t, other)).to.deep.equal(['n1']);
    expect(calls.filter((c) => c.path.startsWith(`${API}/conversations/${other}`)).map((c) => c.path)).to.deep.equal([
      `${API}/conversations/${other}`, `${API}/conversations/${other}/messages?limit=50`,
    ]);
    ws.push(participantFrame('Removed', 'me', other));
    expect(t.store.getState().conversations.has(other)).to.equal(false);
  });

  it('added after someone else\'s join already made the conversation known: it is still adopted', async () => {
    const other = 'conv-two';
    const { ws } = await ready({
      [`GET ${API}/conversations/${other}`]: () => ({ id: other, name: 'Billing' }),
      [`GET ${API}/conversations/${other}/messages`]: () => ({ earliestEventId: 0, latestEventId: 0, messages: [] }),
    });
    ws.push(participantFrame('Added', 'ada', other));
    expect(t.store.getState().conversations.has(other)).to.equal(true);
    ws.push(participantFrame('Added', 'me', other));
    await until(() => t.store.getState().conversations.get(other)?.title === 'Billing', 'the adopted conversation');
  });
});
