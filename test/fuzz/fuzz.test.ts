/**
 * Fuzz suite: for each codec, 10,000 frames mutated from its seed payloads. No exception other
 * than a DecodeError escapes; every bad frame yields exactly one error; no accepted event carries
 * a time no `Date` can hold or a non-http(s) URL; valid frames after them still apply;
 * Object.prototype is untouched.
 */
import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError } from '../../src/core/wire.js';
import type { ChatEvent } from '../../src/core/events.js';
import { mutate, prng, KINDS, type MutationKind } from './mutate.js';
import { targets } from './codecs.js';
import { invalidValues } from './wire-values.js';

const FRAMES = 10_000;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

describe('fuzz: every codec survives 10,000 hostile frames', function () {
  this.timeout(120_000);

  for (const target of targets) {
    it(`${target.name}`, () => {
      const rand = prng(0xC0FFEE ^ target.name.length);
      const store = new ChatStore({ frame: () => {} });
      const byKind = new Map<MutationKind, { frames: number; errors: number; applied: number }>(KINDS.map((k) => [k, { frames: 0, errors: 0, applied: 0 }]));
      let errors = 0;
      for (let i = 0; i < FRAMES; i++) {
        const seed = target.seeds[i % target.seeds.length];
        const m = mutate(seed, rand, target.text);
        const stats = byKind.get(m.kind)!;
        stats.frames++;
        let frameErrors = 0;
        let events: ChatEvent[] = [];
        try {
          events = target.decode(m.frame, () => { frameErrors++; });
        } catch (err) {
          if (!(err instanceof DecodeError)) {
            throw new Error(`${target.name}: frame ${i} (${m.kind}) threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
          }
          frameErrors++;
        }
        // The adapter turns whatever the codec rejected in one frame into one parley-error.
        const reported = frameErrors > 0 ? 1 : 0;
        if (m.alwaysBad) expect(reported, `${target.name} frame ${i} (${m.kind}) must be rejected`).to.equal(1);
        const invalid = invalidValues(events);
        expect(invalid, `${target.name} frame ${i} (${m.kind}) accepted invalid values`).to.deep.equal([]);
        store.apply(events); // whatever decoded must apply without throwing
        stats.errors += reported;
        stats.applied += events.length;
        errors += reported;
      }
      // The stream goes on: the unmutated seed frames still decode and apply after all that.
      let good = 0;
      for (const seed of target.seeds) {
        const events = target.decode(target.text ? JSON.stringify(seed) : seed, () => { throw new Error('a seed frame was dropped'); });
        store.apply(events);
        good += events.length;
      }
      expect(good).to.be.greaterThan(0);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).to.equal(protoBefore);
      console.log(`fuzz ${target.name}: ${FRAMES} frames, ${errors} rejected with one error each; `
        + [...byKind].map(([k, s]) => `${k} ${s.frames}/${s.errors} err`).join(', '));
    });
  }
});
