/**
 * Fuzz through the Virola adapter (see harness.ts): every event of the seed, plus messages in
 * HTML and Markdown (which go through the sanitizer) and a batch of two, mutated, arrive as text
 * frames on the fake `/api/v1/events` WebSocket.
 */
import { createAdapter } from '../../src/core/protocols/virola/protocol.js';
import { virolaSeed } from '../fixtures/seed-virola.js';
import { FakeSocket, fakeFetch, testHost } from '../virola/fakes.js';
import { baseRoutes, connectOpen, tokenOptions } from '../virola/harness.js';
import { conversationOf, fuzzAdapter, tap, type AdapterFuzzTarget, type WireSeed } from './harness.js';
import type { Json } from './mutate.js';

type Obj = Record<string, Json>;

const ROOM = 2;
const FIRST_ID = 3_000_000;
/** Rooms besides the open one that get some of the messages. */
const SIDE = ['10', '11', '12', '13', '14'];
const T0 = Date.UTC(2025, 6, 1);

const created = virolaSeed.find((s) => s.name === 'text_messages_created')!.frame as Obj;
const messageOf = (frame: Obj): Obj => ((frame.data as Obj).messages as Obj[])[0]!;

/** A created message in another markup, built on the seed's own. */
function withMarkup(markupType: string, text: string, userId = 3): Json {
  return { type: 'TextMessagesCreated', data: { messages: [{ ...messageOf(created), markupType, text, userId, attachments: [] }] } };
}

const seeds: WireSeed[] = [
  ...virolaSeed.map((s): WireSeed => ({ name: s.name, frame: s.frame as Json, yields: true, weight: s.name.startsWith('text_messages') ? 4 : 1 })),
  { name: 'html message', frame: withMarkup('TextHtml', '<p>Hello <b>there</b>, see <a href="https://virola.example/x">this</a></p>'), yields: true, weight: 3 },
  { name: 'markdown message', frame: withMarkup('TextMarkdown', '**Hello** _there_, see [this](https://virola.example/x)\n\n- one\n- two'), yields: true, weight: 3 },
  { name: 'batch of two', frame: { type: 'TextMessagesCreated', data: { messages: [messageOf(created), { ...messageOf(created), userId: 3, text: 'second' }] } }, yields: true, weight: 2 },
];

const target: AdapterFuzzTarget = {
  backend: 'virola',
  conversationId: String(ROOM),
  text: true,
  seeds,
  fresh(seed, i) {
    const frame = JSON.parse(JSON.stringify(seed.frame)) as Obj;
    const data = frame.data as Obj;
    switch (frame.type) {
      case 'TextMessagesCreated':
      case 'TextMessagesUpdated':
        (data.messages as Obj[]).forEach((m, j) => {
          const n = frame.type === 'TextMessagesCreated' ? i : Math.max(0, i - 4);
          m.messageId = FIRST_ID + n * 2 + (frame.type === 'TextMessagesCreated' ? j : 0);
          m.roomId = Number(conversationOf(n, String(ROOM), SIDE));
          m.createdUtc = T0 + i * 600_000;
          m.text = `${String(m.text)} #${i}`;
        });
        break;
      case 'TextMessageDeleted': {
        const n = Math.max(0, i - 5);
        Object.assign(data, { roomId: Number(conversationOf(n, String(ROOM), SIDE)), messageId: FIRST_ID + n * 2, parentMessageId: 0 });
        break;
      }
      case 'RoomDeleted':
        data.roomId = 20 + (i % 7); // rooms of their own: the open one stays, and so do those with messages
        break;
      default:
        (data.room as Obj).roomId = 20 + (i % 7);
    }
    return frame;
  },
  async connect(screen) {
    FakeSocket.instances = [];
    const t = tap(testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch), screen);
    const adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    return {
      t,
      deliver: (_seed, wire) => ws.push(wire as string),
      isOpen: () => ws.readyState === FakeSocket.OPEN && !ws.closedByClient,
      close: () => adapter.close(),
    };
  },
};

describe('fuzz: Virola adapter, thread and list', function () {
  this.timeout(120_000);
  it('every hostile frame: at most one report, always-bad ones exactly one decode report; all rendered safely', async () => {
    await fuzzAdapter(target);
  });
});
