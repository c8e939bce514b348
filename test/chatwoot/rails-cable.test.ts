/**
 * The Chatwoot transport (CableLink over @rails/actioncable) against a real Rails ActionCable
 * server (puma, started by the test runner): subscribe, receive a broadcast, rejection, pings
 * keeping the stale check quiet, a clean close, and the silence of a Chatwoot-shaped RoomChannel.
 */
import { expect } from '@open-wc/testing';
import type { DisconnectReason } from '../../src/core/protocol.js';
import { CableLink, type CableCallbacks } from '../../src/core/protocols/chatwoot/cable.js';
import { decodeFrame } from '../../src/core/protocols/chatwoot/codec.js';
import { OwnedScheduler } from '../../src/core/timers.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { servers } from '../helpers/servers.js';
import { until } from './fakes.js';

interface Recorder extends CableCallbacks {
  log: string[];
  data: unknown[];
  ends: { reason: DisconnectReason; detail: string }[];
}

function recorder(): Recorder {
  const r: Recorder = {
    log: [], data: [], ends: [],
    connected: () => { r.log.push('connected'); },
    rejected: () => { r.log.push('rejected'); },
    received: (data) => { r.data.push(data); },
    badFrame: (error) => { r.log.push(`bad: ${error.message}`); },
    ended: (reason, detail) => { r.ends.push({ reason, detail }); },
  };
  return r;
}

function cableUrl(): string {
  return `${servers.rails!.replace(/^http/, 'ws').replace(/\/+$/, '')}/cable`;
}

describe('chatwoot transport against real Rails ActionCable', function () {
  this.timeout(20000);
  before(function () { if (!servers.rails) this.skip(); });

  it('subscribes, receives a broadcast that decodes, stays alive on pings, closes cleanly', async () => {
    const token = `parley-${Math.random().toString(36).slice(2)}`;
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const link = new CableLink({ url: cableUrl(), params: { channel: 'RoomChannel', pubsub_token: token }, scheduler, staleMs: 4500, callbacks: r });
    link.open();
    await until(() => r.log.includes('connected'), 'the subscription', 10000);
    expect(link.identifier).to.equal(`{"channel":"RoomChannel","pubsub_token":"${token}"}`);
    expect(link.perform('update_presence')).to.equal(true);

    const sample = chatwootSeed.find((s) => s.name === 'message_created')!.frame as { message: unknown };
    const res = await fetch(`${servers.rails}/broadcast`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stream: token, payload: sample.message }),
    });
    expect(res.status).to.equal(200);
    await until(() => r.data.length > 0, 'the broadcast', 5000);
    const events = decodeFrame({ message: r.data[0] }, { role: 'contact', selfId: '10', now: Date.now() });
    expect(events.map((e) => e.type)).to.deep.equal(['message.created']);
    expect(events[0]).to.have.nested.property('message.sender.role', 'self');

    // Rails pings every 3 s: past the 4.5 s stale limit the link is still up.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(r.ends).to.deep.equal([]);
    expect(r.log.filter((l) => l.startsWith('bad'))).to.deep.equal([]);

    link.close();
    expect(scheduler.size).to.equal(0);
    expect(r.ends).to.deep.equal([]);
  });

  it('a refused subscription (blank token) calls rejected', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const link = new CableLink({ url: cableUrl(), params: { channel: 'RoomChannel', pubsub_token: '' }, scheduler, staleMs: 10000, callbacks: r });
    link.open();
    await until(() => r.log.length > 0, 'an answer', 10000);
    expect(r.log).to.deep.equal(['rejected']);
    link.close();
    expect(scheduler.size).to.equal(0);
  });

  it('Chatwoot\'s RoomChannel (on /chatwoot/cable) answers an unknown token with nothing: no confirm, no reject, the socket stays up', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const url = cableUrl().replace(/\/cable$/, '/chatwoot/cable');
    const token = `stale-${Math.random().toString(36).slice(2)}`;
    const link = new CableLink({ url, params: { channel: 'RoomChannel', pubsub_token: token }, scheduler, staleMs: 4500, callbacks: r });
    link.open();
    // Past a Rails ping (every 3 s): the link is alive and still waiting.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(r.log).to.deep.equal([]);
    expect(r.ends).to.deep.equal([]);
    link.close();
    expect(scheduler.size).to.equal(0);

    // Known to Chatwoot (a contact inbox's token): confirmed at once.
    await fetch(`${servers.rails}/chatwoot/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pubsub_token: token }) });
    const known = recorder();
    const again = new CableLink({ url, params: { channel: 'RoomChannel', pubsub_token: token }, scheduler, staleMs: 4500, callbacks: known });
    again.open();
    await until(() => known.log.includes('connected'), 'the subscription', 10000);
    // An agent's identifier for a contact's token: User.find_by! raises, silence again.
    const asAgent = recorder();
    const wrong = new CableLink({ url, params: { channel: 'RoomChannel', pubsub_token: token, account_id: 1, user_id: 1 }, scheduler, staleMs: 4500, callbacks: asAgent });
    wrong.open();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(asAgent.log).to.deep.equal([]);
    again.close();
    wrong.close();
    expect(scheduler.size).to.equal(0);
  });

  it('a server that goes away ends the link with a reason instead of reconnecting', async () => {
    const scheduler = new OwnedScheduler();
    const r = recorder();
    const url = cableUrl().replace(/:\d+\//, ':9/'); // nothing listens on port 9
    const link = new CableLink({ url, params: { channel: 'RoomChannel', pubsub_token: 'x' }, scheduler, staleMs: 10000, callbacks: r });
    link.open();
    await until(() => r.ends.length > 0, 'the end', 10000);
    expect(r.ends[0]?.reason).to.equal('network-error');
    expect(scheduler.size).to.equal(0);
    link.close();
  });
});
