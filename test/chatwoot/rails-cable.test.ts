/**
 * The ActionCable transport (over @rails/actioncable) against a real Rails ActionCable server
 * (puma, started by the test runner): subscribe, receive a broadcast, rejection, pings keeping the
 * stale check quiet, a clean close, and the silence of a Chatwoot-shaped RoomChannel.
 */
import { expect } from '@open-wc/testing';
import { adapters } from '@rails/actioncable';
import { ConnectError, type DisconnectReason } from '../../src/core/protocol.js';
import { decodeFrame } from '../../src/core/protocols/chatwoot/codec.js';
import { OwnedScheduler } from '../../src/core/timers.js';
import { actionCableTransport } from '../../src/core/transport/action-cable.js';
import type { Transport, TransportEvents } from '../../src/core/transport/transport.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { servers } from '../helpers/servers.js';
import { until } from './fakes.js';

interface Recorder extends TransportEvents {
  data: unknown[];
  bad: string[];
  ends: { reason: DisconnectReason; detail: string }[];
}

function recorder(): Recorder {
  const r: Recorder = {
    data: [], bad: [], ends: [],
    frame: (frame) => { r.data.push(frame.data); },
    unreadable: (detail) => { r.bad.push(detail); },
    ended: (reason, detail) => { r.ends.push({ reason, detail }); },
  };
  return r;
}

/** A transport for one RoomChannel subscription. */
function cable(url: string, params: Record<string, unknown>, scheduler: OwnedScheduler, staleMs: number, r: Recorder): Transport {
  return actionCableTransport({ kind: 'actioncable', url, params: { channel: 'RoomChannel', ...params }, staleMs }, r, scheduler);
}

/** How `open` settles: "connected", or the reason it was refused; watched without waiting. */
function outcome(transport: Transport): { value?: string } {
  const out: { value?: string } = {};
  transport.open(new AbortController().signal).then(
    () => { out.value = 'connected'; },
    (err: unknown) => { out.value = err instanceof ConnectError ? err.reason : String(err); },
  );
  return out;
}

/** Records the text sent on every socket ActionCable makes (below the transport's wrapper). */
function spySockets(): { sent: string[]; restore(): void } {
  const Base = adapters.WebSocket as typeof WebSocket;
  const sent: string[] = [];
  class Spy extends Base {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (typeof data === 'string') sent.push(data);
      super.send(data);
    }
  }
  adapters.WebSocket = Spy;
  return { sent, restore: () => { adapters.WebSocket = Base; } };
}

function cableUrl(): string {
  return `${servers.rails!.replace(/^http/, 'ws').replace(/\/+$/, '')}/cable`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the ActionCable transport against real Rails ActionCable', function () {
  this.timeout(20000);
  before(function () { if (!servers.rails) this.skip(); });

  it('subscribes, receives a broadcast that decodes, stays alive on pings, closes cleanly', async () => {
    const token = `parley-${Math.random().toString(36).slice(2)}`;
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const spy = spySockets();
    const transport = cable(cableUrl(), { pubsub_token: token }, scheduler, 4500, r);
    const opened = outcome(transport);
    spy.restore();
    await until(() => opened.value !== undefined, 'the subscription', 10000);
    expect(opened.value).to.equal('connected');
    const subscribe = spy.sent.map((s) => JSON.parse(s) as { command: string; identifier: string }).find((c) => c.command === 'subscribe');
    expect(subscribe?.identifier).to.equal(`{"channel":"RoomChannel","pubsub_token":"${token}"}`);
    expect(transport.send('update_presence')).to.equal(true);
    expect(spy.sent.at(-1)).to.equal(JSON.stringify({ command: 'message', identifier: subscribe?.identifier, data: '{"action":"update_presence"}' }));

    const sample = chatwootSeed.find((s) => s.name === 'message_created')!.frame as { message: unknown };
    const res = await fetch(`${servers.rails}/broadcast`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stream: token, payload: sample.message }),
    });
    expect(res.status).to.equal(200);
    await until(() => r.data.length > 0, 'the broadcast', 5000);
    const events = decodeFrame({ message: r.data[0] }, { role: 'contact', selfId: '10', now: Date.now() });
    expect(events.map((e) => e.type)).to.deep.equal(['message.created']);
    expect(events[0]).to.have.nested.property('message.sender.role', 'self');

    // Rails pings every 3 s: past the 4.5 s stale limit the transport is still up.
    await sleep(5500);
    expect(r.ends).to.deep.equal([]);
    expect(r.bad).to.deep.equal([]);

    transport.close();
    expect(scheduler.size).to.equal(0);
    expect(r.ends).to.deep.equal([]);
    expect(transport.send('update_presence')).to.equal(false);
  });

  it('a refused subscription (blank token) rejects the open with subscription-rejected', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const transport = cable(cableUrl(), { pubsub_token: '' }, scheduler, 10000, r);
    const opened = outcome(transport);
    await until(() => opened.value !== undefined, 'an answer', 10000);
    expect(opened.value).to.equal('subscription-rejected');
    expect(r.ends).to.deep.equal([]);
    transport.close();
    expect(scheduler.size).to.equal(0);
  });

  it('Chatwoot\'s RoomChannel (on /chatwoot/cable) answers an unknown token with nothing: no confirm, no reject, the socket stays up', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const url = cableUrl().replace(/\/cable$/, '/chatwoot/cable');
    const token = `stale-${Math.random().toString(36).slice(2)}`;
    const transport = cable(url, { pubsub_token: token }, scheduler, 4500, r);
    const opened = outcome(transport);
    // Past a Rails ping (every 3 s): the transport is alive and still waiting.
    await sleep(3500);
    expect(opened.value).to.equal(undefined);
    expect(r.ends).to.deep.equal([]);
    transport.close();
    await sleep(0);
    expect(opened.value).to.equal('client-closed');
    expect(scheduler.size).to.equal(0);

    // Known to Chatwoot (a contact inbox's token): confirmed at once.
    await fetch(`${servers.rails}/chatwoot/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pubsub_token: token }) });
    const again = cable(url, { pubsub_token: token }, scheduler, 4500, recorder());
    const known = outcome(again);
    await until(() => known.value !== undefined, 'the subscription', 10000);
    expect(known.value).to.equal('connected');
    // An agent's identifier for a contact's token: User.find_by! raises, silence again.
    const asAgent = recorder();
    const wrong = cable(url, { pubsub_token: token, account_id: 1, user_id: 1 }, scheduler, 4500, asAgent);
    const wrongOpened = outcome(wrong);
    await sleep(1500);
    expect(wrongOpened.value).to.equal(undefined);
    expect(asAgent.ends).to.deep.equal([]);
    again.close();
    wrong.close();
    expect(scheduler.size).to.equal(0);
  });

  it('a server that goes away fails the open with a reason instead of reconnecting', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const url = cableUrl().replace(/:\d+\//, ':9/'); // nothing listens on port 9
    const transport = cable(url, { pubsub_token: 'x' }, scheduler, 10000, r);
    const opened = outcome(transport);
    await until(() => opened.value !== undefined, 'the end', 10000);
    expect(opened.value).to.equal('network-error');
    expect(scheduler.size).to.equal(0);
    transport.close();
  });
});
