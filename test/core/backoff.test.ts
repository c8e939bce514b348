import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../src/core/backoff.js';

const OPTS = { base: 500, cap: 30_000 };

describe('backoff', () => {
  it('doubles the ceiling each attempt until the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, OPTS, 0.999_999_999));
    expect(ceilings).to.deep.equal([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('with no randomness waits half the ceiling: never near zero', () => {
    const floors = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, OPTS, 0));
    expect(floors).to.deep.equal([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('spreads the rest of the ceiling by the random value', () => {
    expect(backoffDelay(2, OPTS, 0.5)).to.equal(1500);
    expect(backoffDelay(2, OPTS, 0.25)).to.equal(1250);
    expect(backoffDelay(6, OPTS, 0.5)).to.equal(22_500);
  });

  it('keeps every delay within [ceiling / 2, ceiling]', () => {
    const randoms = [0, 0.013, 0.2, 0.37, 0.5, 0.61, 0.8, 0.93, 0.999_999];
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(OPTS.cap, OPTS.base * 2 ** attempt);
      for (const r of randoms) {
        const d = backoffDelay(attempt, OPTS, r);
        expect(d, `attempt ${attempt}, random ${r}`).to.be.within(ceiling / 2, ceiling);
      }
    }
  });

  it('stays finite and capped for very large attempt numbers', () => {
    expect(backoffDelay(10_000, OPTS, 0)).to.equal(15_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, OPTS, 0.999_999_999)).to.equal(30_000);
  });

  it('honours other settings', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, { base: 100, cap: 300 }, 0))).to.deep.equal([50, 100, 150, 150]);
  });
});
