import { expect } from '@open-wc/testing';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../src/core/client.js';
import { connected, fakeClient } from '../helpers/fake-client.js';
import { settle } from '../helpers/fake-time.js';

const never = () => new Promise<void>(() => undefined);

describe('connection: every connect has a deadline', () => {
  it('a connect that never completes ends with `timeout`, names the likely cause, and is retried with backoff', async () => {
    const f = fakeClient({ connectTimeout: 1500 });
    f.backend.onConnect = never; // e.g. a subscription the server neither confirms nor rejects
    f.backend.timeoutHint = 'the subscription was never confirmed (an unknown pubsub token?)';
    f.client.connect();
    await settle();
    f.clock.advance(1499);
    await settle();
    expect(f.statuses).to.deep.equal(['connecting']);
    expect(f.backend.connectSignals[0]!.aborted).to.equal(false);
    f.clock.advance(1);
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'reconnecting:timeout']);
    expect(f.backend.connectSignals[0]!.aborted, 'the attempt is aborted, so the adapter closes what it opened').to.equal(true);
    expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal([
      `transport: ${f.client.protocol}: not connected within 1500 ms: the subscription was never confirmed (an unknown pubsub token?)`,
    ]);
    expect(f.clock.delays()).to.deep.equal([750]); // the backoff decides what follows
    f.backend.onConnect = undefined;
    f.clock.advance(750);
    await settle();
    expect([f.client.status, f.backend.connects]).to.deep.equal(['open', 2]);
    expect(f.clock.delays(), 'no deadline left armed once open').to.not.include(1500);
  });

  it('has a bounded default', async () => {
    expect(DEFAULT_CONNECT_TIMEOUT_MS).to.equal(15_000);
    const f = fakeClient();
    f.backend.onConnect = never;
    f.client.connect();
    await settle();
    f.clock.advance(DEFAULT_CONNECT_TIMEOUT_MS);
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'reconnecting:timeout']);
    expect(f.errors[0]!.message).to.equal(`${f.client.protocol}: not connected within 15000 ms`);
  });
});

describe('connection: the backoff remembers', () => {
  it('a connection that drops soon after opening does not start the backoff again', async () => {
    const f = await connected();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      f.clock.advance(1000);
      f.backend.drop('server-closed');
      delays.push(...f.clock.delays());
      f.clock.advance(f.clock.delays()[0]!);
      await settle();
      expect(f.client.status).to.equal('open');
    }
    expect(delays).to.deep.equal([750, 1500, 3000, 6000]);
    f.clock.advance(10_000); // this one lasts: the next drop starts from the first step again
    f.backend.drop('server-closed');
    expect(f.clock.delays()).to.deep.equal([750]);
  });

  it('a server that accepts and then drops every connection after a second gets a few attempts a minute', async () => {
    const f = await connected({ backoff: { base: 500, cap: 30_000 } });
    let openedAt = f.clock.now();
    const connectsAt: number[] = [];
    const start = f.clock.now();
    let seen = f.backend.connects;
    while (f.clock.now() - start < 5 * 60_000) {
      f.clock.advance(250);
      await settle();
      if (f.backend.connects !== seen) { seen = f.backend.connects; connectsAt.push(f.clock.now() - start); openedAt = f.clock.now(); }
      if (f.backend.open && f.clock.now() - openedAt >= 1000) f.backend.drop('server-closed');
    }
    const inMinute = (m: number) => connectsAt.filter((t) => t >= m * 60_000 && t < (m + 1) * 60_000).length;
    expect(inMinute(0), 'the first minute').to.be.at.most(10);
    for (const m of [1, 2, 3, 4]) expect(inMinute(m), `minute ${m + 1}`).to.be.at.most(4);
  });
});
