import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import { loadProtocol, registerProtocol } from '../../src/core/registry.js';
import { ADA, T0, created, ids, stored, updated } from '../helpers/events.js';
import { connected, fakeClient } from '../helpers/fake-client.js';
import { settle } from '../helpers/fake-time.js';

describe('connection: status and reconnects', () => {
  it('goes idle → connecting → open, after the initial sync', async () => {
    const f = fakeClient();
    expect([f.client.status, f.store.getState().status]).to.deep.equal(['idle', 'idle']);
    f.backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    f.client.connect();
    expect(f.statuses).to.deep.equal(['connecting']);
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'open']);
    expect([f.client.status, f.store.getState().status]).to.deep.equal(['open', 'open']);
    expect([f.backend.connects, f.backend.syncs]).to.deep.equal([1, ['initial']]);
    expect(f.store.log).to.deep.equal(['backfill:conversation.created:c1']);
    f.client.connect(); // a second connect() does nothing
    await settle();
    expect(f.backend.connects).to.equal(1);
  });

  it('on a drop: reconnecting with the reason, retries after the backoff delay, then syncs what was missed', async () => {
    const f = await connected();
    f.clock.advance(10_000); // let the open-time timers run (the backoff's "this connection lasted" mark among them)
    expect(f.clock.armed).to.equal(0);
    f.backend.drop('server-closed');
    expect(f.statuses).to.deep.equal(['connecting', 'open', 'reconnecting:server-closed']);
    expect(f.store.getState().statusReason).to.equal('server-closed');
    expect(f.backend.open).to.equal(false);
    expect(f.clock.delays()).to.deep.equal([750]); // attempt 0: ceiling 1000, random 0.5
    f.clock.advance(749);
    await settle();
    expect(f.backend.connects).to.equal(1);
    f.clock.advance(1);
    await settle();
    expect(f.backend.connects).to.equal(2);
    expect(f.backend.syncs).to.deep.equal(['initial', 'reconnect']);
    expect(f.statuses).to.deep.equal(['connecting', 'open', 'reconnecting:server-closed', 'open']);
  });

  it('a send on its way outlives a cut socket (the server may take it); other commands end with the connection', async () => {
    const f = await connected({}, [{ type: 'conversation.created', conversation: { id: 'c1' } }, created({ id: '1', at: T0 + 1 })]);
    f.client.open('c1', true);
    f.backend.onExecute = () => new Promise(() => undefined); // the answer is still on its way
    f.client.send('in flight', { conversationId: 'c1' });
    f.client.markRead('c1');
    await settle();
    const signalOf = (type: string) => f.backend.signals[f.backend.commands.findIndex((c) => c.type === type)];
    const send = signalOf('send');
    const read = signalOf('markRead');
    expect([!!send, !!read]).to.deep.equal([true, true]);
    f.backend.drop('network-error');
    expect([send!.aborted, read!.aborted]).to.deep.equal([false, true]);
    f.client.dispose();
    expect(send!.aborted, 'until the client is disposed').to.equal(true);
  });

  it('waits longer after each failed attempt, up to the cap, and starts over once a connection has lasted', async () => {
    const f = await connected();
    f.clock.advance(1000);
    f.backend.failWith = 'network-error';
    f.backend.drop('stale');
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(...f.clock.delays());
      f.clock.advance(f.clock.delays()[0]!);
      await settle();
    }
    expect(delays).to.deep.equal([750, 1500, 3000, 6000, 6000, 6000]);
    expect(f.backend.connects).to.equal(7);
    expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal(Array(6).fill('transport: refused: network-error'));
    f.backend.failWith = undefined;
    f.clock.advance(f.clock.delays()[0]!);
    await settle();
    expect(f.client.status).to.equal('open');
    f.clock.advance(10_000); // one that drops sooner keeps climbing (see connect-deadline.test.ts)
    f.backend.drop();
    expect(f.clock.delays()).to.deep.equal([750]);
  });

  it('applies the backfill before live events that arrived while syncing', async () => {
    const f = await connected({}, [created({ id: '1', text: 'before the drop', at: T0 + 1 })]);
    f.clock.advance(1000);
    f.backend.onSync = async (kind) => {
      if (kind !== 'reconnect') return [];
      f.backend.emit([updated({ id: '2', text: 'edited live', version: 3 })]);
      f.backend.emit([created({ id: '3', text: 'live', at: T0 + 3 })]);
      return [created({ id: '2', text: 'missed', at: T0 + 2, version: 2 })];
    };
    f.backend.drop();
    f.store.log.length = 0;
    f.clock.advance(750);
    await settle();
    expect(f.store.log).to.deep.equal(['missed:message.created:2', 'live:message.updated:2', 'live:message.created:3']);
    const m = stored(f.store, '2');
    expect([m.text, m.version, m.edited]).to.deep.equal(['edited live', 3, true]);
    expect(ids(f.store)).to.deep.equal(['1', '2', '3']);
  });

  it('after a reconnect whoever was shown typing stops (a "stopped" sent while cut off is lost), unless they type again meanwhile', async () => {
    const BOB = { id: 'bob', role: 'agent' as const, name: 'Bob' };
    const f = await connected({}, [{ type: 'conversation.created', conversation: { id: 'c1' } }]);
    f.backend.emit([
      { type: 'typing.started', conversationId: 'c1', actor: ADA, expiresAt: T0 + 600_000 },
      { type: 'typing.started', conversationId: 'c1', actor: BOB, expiresAt: T0 + 600_000 },
    ]);
    f.store.flush();
    expect(f.store.getState().typing.get('c1')?.map((t) => t.actor.id)).to.deep.equal(['ada', 'bob']);
    f.backend.onSync = async () => {
      f.backend.emit([{ type: 'typing.started', conversationId: 'c1', actor: BOB, expiresAt: T0 + 600_000 }]); // on the new socket
      return [];
    };
    f.backend.drop();
    f.clock.advance(750);
    await settle();
    expect(f.client.status).to.equal('open');
    expect(f.store.getState().typing.get('c1')?.map((t) => t.actor.id)).to.deep.equal(['bob']);
  });

  it('a fatal reason at connect closes with no retry timer', async () => {
    const f = fakeClient();
    f.backend.failWith = 'auth-failed';
    f.client.connect();
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'closed:auth-failed']);
    expect([f.client.armedTimers, f.clock.armed]).to.deep.equal([0, 0]);
    expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal(['auth: refused: auth-failed']);
    f.clock.advance(120_000);
    await settle();
    expect(f.backend.connects).to.equal(1);
  });

  it('a fatal drop closes with no retry timer; a later online event does not reopen', async () => {
    const f = await connected();
    f.clock.advance(1000);
    f.backend.drop('subscription-rejected');
    expect(f.statuses).to.deep.equal(['connecting', 'open', 'closed:subscription-rejected']);
    expect(f.clock.armed).to.equal(0);
    f.network.set(false);
    f.network.set(true);
    f.clock.advance(120_000);
    await settle();
    expect([f.client.status, f.backend.connects]).to.deep.equal(['closed', 1]);
  });

  it('an unknown protocol is a config error: closed, reported, no retry', async () => {
    const f = fakeClient({ protocol: 'nope' });
    f.client.connect();
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'closed:config-error']);
    expect(f.errors).to.have.length(1);
    expect(f.errors[0]).to.be.instanceOf(ParleyError);
    expect(f.errors[0]!.code).to.equal('protocol');
    expect(f.clock.armed).to.equal(0);
  });

  it('a protocol chunk that fails to load is reported and retried with backoff', async () => {
    const f = fakeClient();
    const real = await loadProtocol(f.client.protocol);
    let loads = 0;
    registerProtocol(f.client.protocol, async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return real;
    });
    f.client.connect();
    await settle();
    expect(f.statuses).to.deep.equal(['connecting', 'reconnecting:network-error']);
    expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal([`protocol: protocol "${f.client.protocol}" failed to load`]);
    expect(f.clock.delays()).to.deep.equal([750]);
    f.clock.advance(750);
    await settle();
    expect([f.client.status, loads, f.backend.connects]).to.deep.equal(['open', 2, 1]);
  });
});

describe('connection: offline and online', () => {
  it('offline closes the transport and waits without retrying; online tries at once', async () => {
    const f = await connected();
    f.clock.advance(1000);
    f.network.set(false);
    expect(f.statuses).to.deep.equal(['connecting', 'open', 'reconnecting:offline']);
    expect([f.backend.open, f.backend.closes, f.clock.armed]).to.deep.equal([false, 1, 0]);
    f.clock.advance(600_000);
    await settle();
    expect(f.backend.connects).to.equal(1);
    f.network.set(true);
    await settle();
    expect(f.backend.connects).to.equal(2);
    expect(f.backend.syncs).to.deep.equal(['initial', 'reconnect']);
    expect(f.client.status).to.equal('open');
  });

  it('going offline during a backoff wait cancels the retry', async () => {
    const f = await connected();
    f.clock.advance(1000);
    f.backend.drop();
    expect(f.clock.armed).to.equal(1);
    f.network.set(false);
    expect(f.clock.armed).to.equal(0);
    expect(f.statuses.at(-1)).to.equal('reconnecting:offline');
  });

  it('starting while offline waits for the network', async () => {
    const f = fakeClient();
    f.network.set(false);
    f.client.connect();
    await settle();
    expect([f.statuses, f.backend.connects]).to.deep.equal([['connecting:offline'], 0]);
    f.network.set(true);
    await settle();
    expect([f.client.status, f.backend.connects, f.backend.syncs]).to.deep.equal(['open', 1, ['initial']]);
  });
});

describe('connection: dispose', () => {
  it('closes the adapter, clears every timer and listener, and ignores the adapter afterwards', async () => {
    const f = await connected({}, [{ type: 'conversation.created', conversation: { id: 'c1' } }]);
    f.backend.emit([{ type: 'typing.started', conversationId: 'c1', actor: ADA, expiresAt: T0 + 30_000 }]);
    f.backend.drop(); // a retry timer, a typing-expiry timer and a read timer are armed
    expect(f.client.armedTimers).to.be.greaterThan(0);
    const reconnected = f.clock.delays();
    f.client.dispose();
    expect([f.client.status, f.store.getState().status, f.store.getState().statusReason]).to.deep.equal(['closed', 'closed', 'client-closed']);
    expect(f.statuses.at(-1)).to.equal('closed:client-closed');
    expect([f.client.armedTimers, f.clock.armed]).to.deep.equal([0, 0]);
    expect([f.network.subscriptions, f.network.listening]).to.deep.equal([1, 0]);
    expect([f.store.subscribers, f.store.messageSubscribers]).to.deep.equal([0, 0]);
    expect(f.backend.open).to.equal(false);
    const before = f.store.getState();
    f.backend.emit([created({ id: '99', at: T0 + 99 }, 'live')]);
    f.clock.advance(reconnected.at(-1)! + 60_000);
    await settle();
    expect(f.store.getState()).to.equal(before);
    expect(f.backend.connects).to.equal(1);
  });

  it('before the protocol has loaded: nothing connects afterwards', async () => {
    const f = fakeClient();
    f.client.connect();
    f.client.dispose();
    await settle();
    expect([f.backend.connects, f.client.status, f.client.armedTimers, f.network.listening]).to.deep.equal([0, 'closed', 0, 0]);
  });

  it('while the open adapter is running: it is closed', async () => {
    const f = await connected();
    f.client.dispose();
    expect([f.backend.open, f.backend.closes, f.client.armedTimers]).to.deep.equal([false, 1, 0]);
  });
});
