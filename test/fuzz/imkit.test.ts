/**
 * Fuzz through the IMKIT adapter (see harness.ts), in plain and in base64 payload mode: every
 * event of the seed (plus the ones it describes only by their fields), mutated, arrives on the
 * fake transport (src/core/transport/fake.ts) after `auth2`. In base64 mode each payload is base64 of the frame's JSON
 * text; broken JSON arrives as text that is not base64 at all.
 */
import { createAdapter } from '../../src/core/protocols/imkit/protocol.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { imkitSeed } from '../fixtures/seed-imkit.js';
import { fakeFetch, testHost } from '../imkit/fakes.js';
import { acks, defaultRoutes, options } from '../imkit/harness.js';
import { fuzzRun } from './run.js';
import { conversationOf, fuzzAdapter, tap, type AdapterFuzzTarget, type WireSeed } from './harness.js';
import type { Json, Mutant } from './mutate.js';

type Obj = Record<string, Json>;

const ROOM = 'demo-room';
/** Rooms besides the open one that get some of the messages. */
const SIDE = ['side-0', 'side-1', 'side-2', 'side-3', 'side-4'];
const T0 = Date.UTC(2025, 6, 1);

/** The seed's examples, plus the events it describes only by their fields. */
const seeds: WireSeed[] = [
  ...imkitSeed.map((s): WireSeed => ({ name: s.event, event: s.event, frame: s.payload as Json, yields: true, weight: s.event === 'chat message' ? 10 : 1 })),
  { name: 'messageDeleted', event: 'messageDeleted', frame: { room: ROOM, messageID: '5f890cf37d980e06f6aaf349' }, yields: true },
  { name: 'room', event: 'room', frame: { _id: 'other', name: 'Demo', members: [{ _id: 'me' }, { _id: 'sss' }], memberProperties: [{ client: 'sss', lastRead: 'm1' }], pref: { sticky: true } }, yields: true },
  { name: 'invitation', event: 'invitation', frame: { room: { _id: 'beta', name: 'Beta' }, inviter: { _id: 'kit', nickname: 'Kit' }, createdTimeMS: 1 }, yields: true },
  { name: 'cancelInvitation', event: 'cancelInvitation', frame: { room: { _id: 'beta' } }, yields: true },
  { name: 'chat message (addMembers)', event: 'chat message', frame: { _id: 'j1', room: ROOM, messageType: 'addMembers', sender: { _id: 'kit' }, extra: { invitees: [{ _id: 'me' }] } }, yields: true },
];

/** Base64 of UTF-8 text (what IMKIT sends in base64 mode is base64 of JSON text). */
function base64Text(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fresh(seed: WireSeed, i: number): Json {
  const p = JSON.parse(JSON.stringify(seed.frame)) as Json;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return p; // myPrefDelete: a bare key
  const o = p as Obj;
  const n = Math.max(0, i - 4);
  const earlier = `fz${n}`;
  switch (seed.event) {
    case 'chat message':
      Object.assign(o, { _id: `fz${i}`, id: `fz${i}`, room: conversationOf(i, ROOM, SIDE), messageTimeMS: T0 + i * 600_000 });
      if (typeof o.message === 'string') o.message = `${o.message} #${i}`;
      break;
    case 'lastRead': Object.assign(o, { roomID: conversationOf(n, ROOM, SIDE), messageID: earlier }); break;
    case 'typing': case 'roomPref': o.room = ROOM; break;
    case 'ai_streaming': Object.assign(o, { room: ROOM, sender: 'sss' }); break;
    case 'userDeleteMessages': Object.assign(o, { room: conversationOf(n, ROOM, SIDE), messages: [earlier], isUserDeleteAllMessagesInRoom: false }); break;
    case 'messageDeleted': Object.assign(o, { room: conversationOf(n, ROOM, SIDE), messageID: earlier }); break;
    case 'room': o._id = `room-fz-${i % 7}`; break;
    case 'invitation': case 'cancelInvitation': (o.room as Obj)._id = `inv-fz-${i % 5}`; break;
  }
  return o;
}

function target(base64: boolean): AdapterFuzzTarget {
  return {
    backend: base64 ? 'imkit-base64' : 'imkit',
    conversationId: ROOM,
    // In base64 mode a payload is text (JSON inside base64), so broken JSON can arrive.
    text: base64,
    seeds,
    fresh,
    mustReject(seed: WireSeed, m: Mutant) {
      // `myPrefDelete` takes a bare string as the deleted key, whatever it says.
      const bareKey = seed.event === 'myPrefDelete' && typeof m.frame === 'string' && m.frame !== '' && !(base64 && m.raw);
      return m.alwaysBad && !bareKey;
    },
    async connect(screen) {
      const fake = fakeTransport();
      const t = tap(testHost(options({ base64 }), fakeFetch(defaultRoutes()).fetch, fake.factory), screen);
      const adapter = createAdapter(t.host);
      const opened = adapter.connect(new AbortController().signal);
      const conn = await fake.nextOpen();
      conn.answer = acks(base64);
      conn.accept();
      await opened;
      return {
        t,
        // In base64 mode the harness hands over the frame's JSON text (see `text`); text with an
        // invalid JSON literal goes as it is, which is no base64 either.
        deliver: (s, wire, m) => conn.push(base64 && m?.kind !== 'invalid-json' ? base64Text(wire as string) : wire, s.event!),
        isOpen: () => conn.isOpen,
        close: () => adapter.close(),
      };
    },
  };
}

describe('fuzz: IMKIT adapter, thread and list', function () {
  this.timeout(120_000);
  // The backend's 2,000 frames (10,000 in the soak run), half in each payload mode.
  for (const base64 of [false, true]) {
    it(`every hostile ${base64 ? 'base64' : 'plain'} event: at most one report, always-bad ones exactly one decode report; all rendered safely`, async () => {
      const t = target(base64);
      await fuzzAdapter(t, fuzzRun(t.backend, 1_000, 5_000));
    });
  }
});
