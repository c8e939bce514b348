/**
 * The IMKIT codec against frames mutated from its seed examples (the shared mutator of
 * test/fuzz), in plain and base64 payload modes, with a fresh printed seed per mode and run
 * (`fuzz codec-imkit seed <n>`, replay with `PARLEY_SEED`; 1,000 frames, 10,000 with
 * `PARLEY_SOAK=1`). A frame is `{event, payload}` as Socket.IO hands it over; in base64 mode the
 * payload is base64 of the mutated JSON text. Only DecodeError may escape; always-bad payloads are
 * rejected; whatever decodes applies; the seed examples still decode afterwards;
 * Object.prototype is untouched. test/fuzz/imkit.test.ts fuzzes the adapter itself.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError } from '../../src/core/wire.js';
import { decodeEvent, type DecodeContext } from '../../src/core/protocols/imkit/codec.js';
import { imkitSeed } from '../fixtures/seed-imkit.js';
import { mutate, prng, wireText, type Mutant } from '../fuzz/mutate.js';
import { fuzzRun, replayHint } from '../fuzz/run.js';
import { b64 } from './fakes.js';

const CTX: DecodeContext = { selfId: 'me', now: Date.UTC(2026, 0, 1), typingTtlMs: 6000 };

/** The seed examples, plus the events the seed describes only by their fields. */
const SEEDS: { event: string; payload: unknown }[] = [
  ...imkitSeed,
  { event: 'messageDeleted', payload: { room: 'demo-room', messageID: '5f890cf37d980e06f6aaf349' } },
  { event: 'room', payload: { _id: 'demo-room', name: 'Demo', members: [{ _id: 'me' }, { _id: 'sss' }], memberProperties: [{ client: 'sss', lastRead: 'm1' }], pref: { sticky: true } } },
  { event: 'invitation', payload: { room: { _id: 'beta', name: 'Beta' }, inviter: { _id: 'kit', nickname: 'Kit' }, createdTimeMS: 1 } },
  { event: 'chat message', payload: { _id: 'j1', room: 'r', messageType: 'addMembers', sender: { _id: 'kit' }, extra: { invitees: [{ _id: 'me' }] } } },
];

/** Base64 of UTF-8 text. */
function base64Text(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The payload as it arrives: the value, or in base64 mode base64 of its JSON text. */
function wirePayload(m: Mutant, base64: boolean): unknown {
  return base64 ? base64Text(wireText(m)) : m.frame;
}

describe('imkit codec: fuzz', function () {
  this.timeout(120_000);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

  for (const base64 of [false, true]) {
    it(`survives hostile frames (${base64 ? 'base64' : 'plain'})`, () => {
      const run = fuzzRun(base64 ? 'codec-imkit-base64' : 'codec-imkit', 1_000);
      const rand = prng(run.seed);
      const store = new ChatStore({ frame: () => {} });
      let rejected = 0;
      for (let i = 0; i < run.frames; i++) {
        const seed = SEEDS[Math.floor(rand() * SEEDS.length)]!;
        // In base64 mode the payload is text, so broken JSON can arrive inside it.
        const m = mutate(seed.payload, rand, base64);
        const where = `${replayHint(run)}, frame ${i} (${seed.event}, ${m.kind}: ${m.detail})`;
        let events: ChatEvent[] = [];
        let bad = false;
        try {
          events = decodeEvent(seed.event, wirePayload(m, base64), CTX, base64);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw new Error(`${where} threw ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)}`);
          bad = true;
        }
        // `myPrefDelete` takes a bare string as the deleted key, whatever it says.
        const bareKey = seed.event === 'myPrefDelete' && typeof m.frame === 'string' && m.frame !== '' && !(base64 && m.raw);
        if (m.alwaysBad && !bareKey) expect(bad, `${where} must be rejected`).to.equal(true);
        store.apply(events);
        if (bad) rejected++;
      }
      let good = 0;
      for (const seed of SEEDS) {
        const events = decodeEvent(seed.event, base64 ? b64(seed.payload) : seed.payload, CTX, base64);
        store.apply(events);
        good += events.length;
      }
      expect(good, `${replayHint(run)}: events from the seed examples after the storm`).to.equal(16);
      expect(rejected, `${replayHint(run)}: rejected frames`).to.be.greaterThan(run.frames / 10);
      expect(({} as Record<string, unknown>).polluted, `${replayHint(run)}: Object.prototype.polluted`).to.equal(undefined);
      expect(Object.getOwnPropertyNames(Object.prototype).sort().join(), `${replayHint(run)}: Object.prototype`).to.equal(protoBefore);
      console.log(`fuzz ${run.backend} seed ${run.seed}: ${run.frames} frames, ${rejected} rejected`);
    });
  }
});
