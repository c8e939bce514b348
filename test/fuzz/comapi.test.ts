/**
 * Fuzz through the Comapi adapter (see harness.ts), on the socket codec path it uses with its
 * own WebSocket: every live frame shape of PROTOCOLS.md §0 (test/comapi/wire-frames.ts), plus
 * messages in HTML and Markdown, mutated, arrive as text on the fake socket after the session
 * and the initial sync. Message frames carry the next `conversationEventId` of their conversation,
 * so the sequencer emits them at once; a rejected frame leaves a gap, which the adapter fills over REST (the fake
 * server has nothing more to give).
 */
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { FakeSocket, fakeFetch, settle, testHost } from '../comapi/fakes.js';
import { challengeOptions, openSocket, routes } from '../comapi/helpers.js';
import { CONV, lifecycleFrame, participantFrame, profileFrame, sentFrame, socketInfoFrame, statusFrame, typingFrame, updateFrame } from '../comapi/wire-frames.js';
import { conversationOf, fuzzAdapter, tap, type AdapterFuzzTarget, type WireSeed } from './harness.js';
import type { Json } from './mutate.js';

type Obj = Record<string, Json>;

const T0 = Date.UTC(2025, 6, 1);

const part = (type: string, data: string): Json => ({ name: 'body', type, data, size: data.length });

const seeds: WireSeed[] = [
  { name: 'sent', frame: sentFrame() as Json, yields: true, weight: 8 },
  { name: 'sent (html)', frame: sentFrame({ parts: [part('text/html', '<p>Hi <b>there</b>, <a href="https://comapi.example/x">see</a></p>')] }) as Json, yields: true, weight: 3 },
  { name: 'sent (markdown)', frame: sentFrame({ parts: [part('text/markdown', '**Hi** _there_, [see](https://comapi.example/x)')] }) as Json, yields: true, weight: 3 },
  { name: 'read', frame: statusFrame('read') as Json, yields: true },
  { name: 'delivered', frame: statusFrame('delivered') as Json, yields: true },
  { name: 'typing on', frame: typingFrame(true) as Json, yields: true },
  { name: 'typing off', frame: typingFrame(false) as Json, yields: true },
  { name: 'participant added (me, elsewhere)', frame: participantFrame('Added', 'me', 'conv-fz') as Json, yields: true },
  { name: 'participant removed', frame: participantFrame('Removed', 'bob') as Json, yields: true },
  { name: 'conversation update', frame: updateFrame as Json, yields: true },
  { name: 'conversation delete (elsewhere)', frame: { ...lifecycleFrame('conversation.delete'), conversationId: 'conv-fz' } as Json, yields: true },
  { name: 'conversation undelete (elsewhere)', frame: { ...lifecycleFrame('conversation.undelete'), conversationId: 'conv-fz' } as Json, yields: true },
  { name: 'profile update', frame: profileFrame as Json, yields: true },
  { name: 'socket info', frame: socketInfoFrame as Json, yields: true },
];

/** Conversations besides the open one that get some of the messages. */
const SIDE = ['conv-side-0', 'conv-side-1', 'conv-side-2', 'conv-side-3', 'conv-side-4'];
/** The next `conversationEventId` of each conversation (the sync saw 1 and 2 of the open one). */
const nextSeq = new Map<string, number>();

/** The next event id of `cid`'s sequence, taken. */
function takeSeq(cid: string): number {
  const seq = nextSeq.get(cid) ?? (cid === CONV ? 3 : 1);
  nextSeq.set(cid, seq + 1);
  return seq;
}

function fresh(seed: WireSeed, i: number): Json {
  const f = JSON.parse(JSON.stringify(seed.frame)) as Obj;
  const payload = f.payload as Obj;
  const name = String(f.name);
  let cid = CONV;
  if (name === 'conversationMessage.sent') {
    cid = conversationOf(i, CONV, SIDE);
    (payload.context as Obj).conversationId = cid;
    payload.messageId = `fz-${i}`;
    (payload.context as Obj).sentOn = new Date(T0 + i * 600_000).toISOString();
    for (const p of payload.parts as Obj[]) p.data = `${String(p.data)} #${i}`;
  } else if (name.startsWith('conversationMessage.')) {
    const n = Math.max(0, i - 4);
    cid = conversationOf(n, CONV, SIDE);
    Object.assign(payload, { messageId: `fz-${n}`, conversationId: cid });
  } else if (name.startsWith('conversation.participantTyping')) {
    // Typing is ordered by when it was published: each notice is newer than the last.
    f.publishedOn = new Date(T0 + i * 600_000).toISOString();
    (f.context as Obj).createdOn = f.publishedOn;
  } else if (f.conversationId === 'conv-fz' || payload.conversationId === 'conv-fz') {
    const other = `conv-fz-${i % 5}`; // other conversations: the open one stays
    f.conversationId = other;
    payload.conversationId = other;
  }
  if (name.startsWith('conversationMessage.')) {
    f.conversationEventId = takeSeq(cid);
    f.revision = f.conversationEventId;
  }
  return f;
}

/** What the fake server answers beyond the unit tests' routes: a conversation adopted, nothing more to fill a gap with. */
function fallback(method: string, path: string): unknown {
  const adopted = /\/conversations\/([^/]+)$/.exec(path);
  if (method === 'GET' && adopted) return { id: decodeURIComponent(adopted[1]!), name: 'Adopted', isPublic: false, participantCount: 2 };
  if (method === 'GET' && path.endsWith('/events')) return [];
  if (method === 'GET' && path.endsWith('/messages')) return { earliestEventId: 0, latestEventId: 0, orphanedEvents: [], messages: [] };
  return {};
}

const target: AdapterFuzzTarget = {
  backend: 'comapi',
  conversationId: CONV,
  text: true,
  seeds,
  fresh,
  // A message frame whose sequence number leapt far ahead: after the fill, every later one is "seen".
  suspects: (frames) => frames.filter((f) => {
    const leap = /conversationEventId = ([\d.e+]+)/.exec(f);
    return leap !== null && Number(leap[1]) > frames.length + 10;
  }),
  async connect(screen) {
    FakeSocket.instances = [];
    nextSeq.clear();
    const known = fakeFetch(routes());
    const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const res = await known.fetch(input, init);
      if (res.status !== 404) return res;
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return new Response(JSON.stringify(fallback(init.method ?? 'GET', url.pathname)), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const t = tap(testHost(challengeOptions(), fetchFn), screen);
    const adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    const synced = await adapter.sync('initial', new AbortController().signal);
    t.store.apply(synced);
    screen.apply(synced.map((e) => ({ ...e, origin: 'backfill' as const })));
    return {
      t,
      deliver: (_seed, wire) => ws.push(wire as string),
      isOpen: () => ws.readyState === 1 && ws.closedWith === undefined,
      // Gap fills and adoptions run over the (async) fake REST: wait until nothing moves any more.
      async idle() {
        for (let round = 0; round < 50; round++) {
          const before = known.calls.length + t.emitted.length + t.reports.length;
          await settle(4);
          if (known.calls.length + t.emitted.length + t.reports.length === before) return;
        }
      },
      close: () => adapter.close(),
    };
  },
};

describe('fuzz: Comapi adapter (socket), thread and list', function () {
  this.timeout(120_000);
  it('every hostile frame: at most one report, always-bad ones exactly one decode report; all rendered safely', async () => {
    await fuzzAdapter(target);
  });
});
