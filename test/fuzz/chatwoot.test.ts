/**
 * Fuzz through the Chatwoot adapter (see harness.ts): every RoomChannel frame of the seed,
 * mutated, arrives as ActionCable text on the fake WebSocket under the real `@rails/actioncable`
 * consumer, for an agent subscribed to the seed's identifier.
 */
import { createAdapter } from '../../src/core/protocols/chatwoot/protocol.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { FakeSocket, fakeFetch, installFakeSocket, testHost, until } from '../chatwoot/fakes.js';
import { conversationOf, fuzzAdapter, tap, type AdapterFuzzTarget, type WireSeed } from './harness.js';
import type { Json } from './mutate.js';

type Obj = Record<string, Json>;

const PROFILE = { id: 1, name: 'John', available_name: 'John', pubsub_token: 'token', account_id: 1 };
const CONVERSATION = 7;
/** Conversations besides the open one that get some of the messages. */
const SIDE = ['70', '71', '72', '73', '74'];
/** Message ids of the fuzz, far from the seed's. */
const FIRST_ID = 500_000;

/** The seed's channel frames (the two presence commands are the client's own). */
const seeds: WireSeed[] = chatwootSeed.filter((s) => !(s.frame as { command?: unknown }).command).map((s) => {
  const event = ((s.frame as Obj).message as Obj).event as string;
  const message = event === 'message.created' || event === 'message.updated';
  return { name: s.name, frame: s.frame as Json, yields: true, weight: message ? 6 : 1 };
});

/** The subscription identifier the adapter sent (set on connect): frames must name it to reach the channel. */
let identifier = '';

const target: AdapterFuzzTarget = {
  backend: 'chatwoot',
  conversationId: String(CONVERSATION),
  text: true,
  seeds,
  fresh(seed, i) {
    const frame = JSON.parse(JSON.stringify(seed.frame)) as Obj;
    frame.identifier = identifier;
    const message = frame.message as Obj;
    const data = message.data as Obj;
    if (message.event === 'message.created' || message.event === 'message.updated') {
      const n = message.event === 'message.created' ? i : Math.max(0, i - 4);
      data.id = FIRST_ID + n;
      data.conversation_id = Number(conversationOf(n, String(CONVERSATION), SIDE));
      data.created_at = 1627060394 + i * 600;
      data.content = `${String(data.content)} #${i}`;
    }
    return frame;
  },
  async connect(screen) {
    const restore = installFakeSocket();
    const t = tap(testHost({ url: 'http://chat.test', token: 'agent-access-token-secret', options: { accountId: 1 } }, fakeFetch({ 'GET /api/v1/profile': () => PROFILE }).fetch), screen);
    const adapter = createAdapter(t.host);
    const connected = adapter.connect(new AbortController().signal);
    await until(() => FakeSocket.instances.length > 0, 'the cable');
    const ws = FakeSocket.instances[0]!;
    ws.accept();
    ws.push({ type: 'welcome' });
    identifier = ws.commands().find((c) => c.command === 'subscribe')!.identifier;
    ws.push({ type: 'confirm_subscription', identifier });
    await connected;
    return {
      t,
      deliver: (_seed, wire) => ws.push(wire as string),
      isOpen: () => ws.readyState === FakeSocket.OPEN && !ws.closedByClient,
      close: () => { adapter.close(); restore(); },
    };
  },
};

describe('fuzz: Chatwoot adapter, thread and list', function () {
  this.timeout(120_000);
  it('every hostile frame: at most one report, always-bad ones exactly one decode report; all rendered safely', async () => {
    await fuzzAdapter(target);
  });
});
