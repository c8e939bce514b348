/**
 * The IMKIT codec against 10,000 frames mutated from its seed examples (the shared mutator of
 * test/fuzz), in plain and base64 payload modes. A frame is `{event, payload}` as Socket.IO
 * hands it over. Only DecodeError may escape; whatever decodes applies; the seed examples still
 * decode afterwards; Object.prototype is untouched.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError, record, str } from '../../src/core/wire.js';
import { decodeEvent, type DecodeContext } from '../../src/core/protocols/imkit/codec.js';
import { imkitSeed } from '../fixtures/seed-imkit.js';
import { mutate, prng } from '../fuzz/mutate.js';
import { b64 } from './fakes.js';

const FRAMES = 10_000;
const CTX: DecodeContext = { selfId: 'me', now: Date.UTC(2026, 0, 1), typingTtlMs: 6000 };

/** The seed examples, plus the events the seed describes only by their fields. */
const SEEDS: { event: string; payload: unknown }[] = [
  ...imkitSeed,
  { event: 'messageDeleted', payload: { room: 'demo-room', messageID: '5f890cf37d980e06f6aaf349' } },
  { event: 'room', payload: { _id: 'demo-room', name: 'Demo', members: [{ _id: 'me' }, { _id: 'sss' }], memberProperties: [{ client: 'sss', lastRead: 'm1' }], pref: { sticky: true } } },
  { event: 'invitation', payload: { room: { _id: 'beta', name: 'Beta' }, inviter: { _id: 'kit', nickname: 'Kit' }, createdTimeMS: 1 } },
  { event: 'chat message', payload: { _id: 'j1', room: 'r', messageType: 'addMembers', sender: { _id: 'kit' }, extra: { invitees: [{ _id: 'me' }] } } },
];

function decode(frame: unknown, base64: boolean): ChatEvent[] {
  const f = record(frame, 'frame');
  const payload = base64 && f.payload !== undefined && typeof f.payload !== 'symbol' ? b64(f.payload) : f.payload;
  return decodeEvent(str(f.event, 'frame.event'), payload, CTX, base64);
}

describe('imkit codec: fuzz', function () {
  this.timeout(120_000);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

  for (const base64 of [false, true]) {
    it(`survives ${FRAMES} hostile frames (${base64 ? 'base64' : 'plain'})`, () => {
      const rand = prng(0x1417 + (base64 ? 1 : 0));
      const store = new ChatStore({ frame: () => {} });
      let rejected = 0;
      for (let i = 0; i < FRAMES; i++) {
        const m = mutate(SEEDS[i % SEEDS.length], rand, false);
        let events: ChatEvent[] = [];
        let bad = false;
        try {
          events = decode(m.frame, base64);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw new Error(`frame ${i} (${m.kind}) threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
          bad = true;
        }
        if (m.alwaysBad) expect(bad, `frame ${i} (${m.kind}) must be rejected`).to.equal(true);
        store.apply(events);
        if (bad) rejected++;
      }
      let good = 0;
      for (const seed of SEEDS) {
        const events = decode(seed, base64);
        store.apply(events);
        good += events.length;
      }
      expect(good).to.equal(16);
      expect(rejected).to.be.greaterThan(FRAMES / 10);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).to.equal(protoBefore);
    });
  }
});
