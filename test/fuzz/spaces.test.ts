/**
 * Fuzz through the Spaces adapter (see harness.ts): every event its socket listens to, mutated,
 * arrives on the fake socket.io socket as the server emits it: `MESSAGE_SENT` with every payload
 * of the seed (and the "subscription required" form), and the control events
 * `SEND_MESSAGE_FAILED`, `CHANNEL_SUBSCRIBED`, `SUBSCRIBE_CHANNEL_FAILED`, `CHANNEL_UNSUBSCRIBED`.
 * socket.io hands over values, so broken JSON arrives as a string payload (which the codec parses).
 */
import { expect } from '@open-wc/testing';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { INBOUND_EVENTS, SUBSCRIPTION_REQUIRED } from '../../src/core/protocols/spaces/codec.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { fakeFetch, fakeIo, testHost } from '../spaces/fakes.js';
import { SPACE, connect, guestRoutes, options } from '../spaces/setup.js';
import { replayHint } from './run.js';
import { conversationOf, fuzzAdapter, tap, type AdapterFuzzTarget, type WireSeed } from './harness.js';
import type { Json, Mutant } from './mutate.js';

type Obj = Record<string, Json>;

const T0 = Date.UTC(2025, 6, 1);
/** Categories whose payload is one message item. */
const ITEMS = new Set(['chat', 'idea', 'task', 'app.event.message.updated', 'app.event.idea.updated', 'app.event.task.updated', 'app.event.message.removed']);
const CREATES = new Set(['chat', 'idea', 'task']);
/** Spaces besides the open one that get some of the messages. */
const SIDE = ['space-side-0', 'space-side-1', 'space-side-2', 'space-side-3', 'space-side-4'];

const control: WireSeed[] = [
  { name: 'CHANNEL_SUBSCRIBED', event: 'CHANNEL_SUBSCRIBED', frame: { channel: { type: 'topic', _id: SPACE }, dtsid: 'd', sessionId: 's' }, yields: false },
  { name: 'SUBSCRIBE_CHANNEL_FAILED', event: 'SUBSCRIBE_CHANNEL_FAILED', frame: { channel: { _id: 'space-9' }, error: { message: 'not a member' } }, yields: false },
  { name: 'CHANNEL_UNSUBSCRIBED', event: 'CHANNEL_UNSUBSCRIBED', frame: { channel: { _id: SPACE } }, yields: false },
  { name: 'SEND_MESSAGE_FAILED', event: 'SEND_MESSAGE_FAILED', frame: { loopbackMetadata: 'ref-f', message: 'message too long' }, yields: false },
  { name: 'SEND_MESSAGE_FAILED (subscription required)', event: 'SEND_MESSAGE_FAILED', frame: { type: SUBSCRIPTION_REQUIRED, topicId: SPACE, loopbackMetadata: 'ref-s', message: 'subscribe first' }, yields: false },
  { name: 'MESSAGE_SENT (subscription required)', event: 'MESSAGE_SENT', frame: { category: SUBSCRIPTION_REQUIRED, topicId: SPACE }, yields: false },
];

const seeds: WireSeed[] = [
  ...spacesSeed.map((s): WireSeed => ({ name: `MESSAGE_SENT ${s.name}`, event: 'MESSAGE_SENT', frame: s.payload as Json, yields: true, weight: CREATES.has(s.name.replace(/#\d+$/, '')) ? 4 : 1 })),
  ...control,
];

const iso = (i: number): string => new Date(T0 + i * 600_000).toISOString();

const target: AdapterFuzzTarget = {
  backend: 'spaces',
  conversationId: SPACE,
  text: false,
  seeds,
  otherCodes: ['subscription', 'command'],
  fresh(seed, i) {
    const p = JSON.parse(JSON.stringify(seed.frame)) as Obj;
    if (seed.event !== 'MESSAGE_SENT') return p;
    const category = String(p.category);
    if (ITEMS.has(category)) {
      const n = CREATES.has(category) ? i : Math.max(0, i - 4);
      Object.assign(p, { _id: `fz-${n}`, topicId: conversationOf(n, SPACE, SIDE), created: iso(i), modified: iso(i) });
      const content = p.content as Obj | undefined;
      if (content && typeof content.bodyText === 'string') content.bodyText = `${content.bodyText} #${i}`;
    } else if (category === 'topic.updated' || category === 'app.event.topic.new') {
      const other = `space-fz-${i % 7}`; // other spaces: the open one keeps its members
      const content = p.content as Obj | undefined;
      if (content) content._id = other;
      if (p._id && typeof p._id === 'object') (p._id as Obj)._id = other;
      if (p.topicId !== undefined) p.topicId = other;
    } else if (p.topicId !== undefined) {
      p.topicId = SPACE;
      if (p.content && typeof p.content === 'object' && '_id' in (p.content as Obj)) (p.content as Obj)._id = SPACE;
    }
    return p;
  },
  mustReject(seed: WireSeed, m: Mutant) {
    // Broken JSON text is refused for every event (the codec parses text payloads first); a
    // payload that is no object only for MESSAGE_SENT (the control events read what they can).
    if (!m.alwaysBad) return false;
    return seed.event === 'MESSAGE_SENT' || (typeof m.frame === 'string' && /^\s*[{[]/.test(m.frame));
  },
  async connect(screen) {
    const io = fakeIo();
    const t = tap(testHost(options(io.io), fakeFetch(guestRoutes()).fetch), screen);
    const adapter = createAdapter(t.host);
    const socket = await connect(adapter, io.sockets);
    return {
      t,
      deliver: (seed, wire) => socket.serverEmit(seed.event!, wire),
      isOpen: () => !socket.disconnected && socket.listenerCount > 0,
      close: () => adapter.close(),
    };
  },
};

describe('fuzz: Spaces adapter, thread and list', function () {
  this.timeout(120_000);
  it(`every socket event (${INBOUND_EVENTS.join(', ')}) hostile: at most one report, always-bad ones exactly one decode report; all rendered safely`, async () => {
    const { framesByEvent, run } = await fuzzAdapter(target);
    for (const event of INBOUND_EVENTS) expect(framesByEvent.get(event) ?? 0, `${replayHint(run)}: frames fuzzed as ${event}`).to.be.greaterThan(0);
  });
});
