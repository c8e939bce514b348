/**
 * The quick codec fuzz: each pure decoder (codecs.ts) against mutated seed frames, a fresh
 * printed seed per codec and run (`fuzz codec-<name> seed <n>`, replay with `PARLEY_SEED`). Only a
 * DecodeError may escape; a frame the mutation made always-bad is rejected; no accepted event
 * carries a time no `Date` can hold or a non-http(s) URL; whatever decoded applies to a store;
 * the seed frames still decode afterwards; `Object.prototype` is untouched. The adapter fuzz
 * (chatwoot.test.ts ... virola.test.ts) observes the reports the adapters make of these.
 */
import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/core/store.js';
import { DecodeError } from '../../src/core/wire.js';
import type { ChatEvent } from '../../src/core/events.js';
import { mutate, prng, wireText, KINDS, type MutationKind } from './mutate.js';
import { targets } from './codecs.js';
import { fuzzRun, replayHint } from './run.js';
import { invalidValues } from './wire-values.js';

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

describe('fuzz: every codec survives hostile frames', function () {
  this.timeout(120_000);

  for (const target of targets) {
    it(`${target.name}`, () => {
      const run = fuzzRun(`codec-${target.name}`, 1_000);
      const rand = prng(run.seed);
      const store = new ChatStore({ frame: () => {} });
      const byKind = new Map<MutationKind, { frames: number; rejected: number }>(KINDS.map((k) => [k, { frames: 0, rejected: 0 }]));
      let rejected = 0;
      for (let i = 0; i < run.frames; i++) {
        const seed = target.seeds[Math.floor(rand() * target.seeds.length)]!;
        const m = mutate(seed.frame, rand, target.text);
        const where = `${replayHint(run)}, frame ${i} (${seed.event ?? ''} ${m.kind}: ${m.detail})`;
        let dropped = 0;
        let events: ChatEvent[] = [];
        try {
          events = target.decode(seed, target.text ? wireText(m) : m.frame, () => { dropped++; });
        } catch (err) {
          if (!(err instanceof DecodeError)) throw new Error(`${where} threw ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)}`);
          dropped++;
        }
        const bad = dropped > 0;
        if (target.mustReject?.(seed, m) ?? m.alwaysBad) expect(bad, `${where} must be rejected`).to.equal(true);
        expect(invalidValues(events), `${where} accepted invalid values`).to.deep.equal([]);
        store.apply(events); // whatever decoded must apply without throwing
        byKind.get(m.kind)!.frames++;
        if (bad) { byKind.get(m.kind)!.rejected++; rejected++; }
      }
      // The stream goes on: the unmutated seed frames still decode and apply after all that.
      let good = 0;
      for (const seed of target.seeds) {
        const events = target.decode(seed, target.text ? JSON.stringify(seed.frame) : seed.frame, () => { throw new Error(`${replayHint(run)}: a seed frame was dropped`); });
        store.apply(events);
        good += events.length;
      }
      expect(good, `${replayHint(run)}: events from the seed frames after the storm`).to.be.greaterThan(0);
      expect(({} as Record<string, unknown>).polluted, `${replayHint(run)}: Object.prototype.polluted`).to.equal(undefined);
      expect(Object.getOwnPropertyNames(Object.prototype).sort().join(), `${replayHint(run)}: Object.prototype`).to.equal(protoBefore);
      console.log(`fuzz codec-${target.name} seed ${run.seed}: ${run.frames} frames, ${rejected} rejected; `
        + [...byKind].map(([k, s]) => `${k} ${s.frames}/${s.rejected}`).join(', '));
    });
  }
});
