import { expect, nextFrame } from '@open-wc/testing';
import type { ChatClient, ChatClientOptions } from '../../src/core/client.js';
import { HttpError } from '../../src/core/http.js';
import { ConnectionController } from '../../src/lit/connection-controller.js';
import { ParleyConnectionChangeEvent, ParleyErrorEvent, ParleyMessageEvent } from '../../src/lit/events.js';
import { ChatSession } from '../../src/lit/session.js';
import { T0, created, ids } from '../helpers/events.js';
import { FakeHost } from '../helpers/fake-host.js';
import { FakeNetwork } from '../helpers/fake-network.js';
import { registerFake } from '../helpers/fake-protocol.js';
import { ManualClock, settle } from '../helpers/fake-time.js';

type Config = Omit<ChatClientOptions, 'store'>;

function setup() {
  const { name, backend } = registerFake();
  const clock = new ManualClock();
  const network = new FakeNetwork();
  const host = new FakeHost();
  const session = new ChatSession();
  let config: Config | undefined = {
    protocol: name, url: 'http://one.invalid', token: 'secret', timers: clock, network, random: () => 0.5,
    backoff: { base: 1000, cap: 8000 },
  };
  const controller = new ConnectionController(host, session, () => config);
  const heard: Event[] = [];
  for (const type of ['parley-connection-change', 'parley-error', 'parley-message']) host.addEventListener(type, (e) => heard.push(e));
  const statuses = () => heard.flatMap((e) => (e instanceof ParleyConnectionChangeEvent ? [e.reason ? `${e.status}:${e.reason}` : e.status] : []));
  return {
    backend, clock, network, host, session, controller, heard, statuses,
    setConfig(next: Config | undefined) { config = next; },
    get config() { return config; },
  };
}

async function connectedSetup() {
  const t = setup();
  t.backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }, created({ id: '1', at: T0 + 1 })];
  t.host.connect();
  await settle();
  return t;
}

describe('ConnectionController with a fake host', () => {
  it('hostConnected creates a client on the session store and connects it', async () => {
    const t = setup();
    expect(t.host.controllers).to.deep.equal([t.controller]);
    expect(t.controller.current).to.equal(undefined);
    t.host.connect();
    const client = t.controller.current!;
    expect(client.store).to.equal(t.session.store);
    expect(t.session.client).to.equal(client);
    await settle();
    expect([t.backend.connects, client.status, t.session.store.getState().status]).to.deep.equal([1, 'open', 'open']);
    expect(t.statuses()).to.deep.equal(['connecting', 'open']);
  });

  it('dispatches parley-connection-change as a bubbling, composed event with the reason', async () => {
    const t = await connectedSetup();
    t.backend.drop('stale');
    const e = t.heard.at(-1) as ParleyConnectionChangeEvent;
    expect(e).to.be.instanceOf(ParleyConnectionChangeEvent);
    expect([e.type, e.status, e.reason, e.bubbles, e.composed]).to.deep.equal(['parley-connection-change', 'reconnecting', 'stale', true, true]);
  });

  it('hostDisconnected disposes the client: no timers, adapter closed, no listeners, no events after', async () => {
    const t = await connectedSetup();
    const client = t.controller.current!;
    t.backend.drop(); // arms a retry
    expect(client.armedTimers).to.be.greaterThan(0);
    const heardBefore = t.heard.length;
    t.host.disconnect();
    expect([t.controller.current, t.session.client]).to.deep.equal([undefined, undefined]);
    expect([client.status, client.armedTimers, t.clock.armed]).to.deep.equal(['closed', 0, 0]);
    expect([t.backend.open, t.network.listening]).to.deep.equal([false, 0]);
    const state = t.session.store.getState();
    t.backend.emit([created({ id: '2', at: T0 + 2 })]);
    t.clock.advance(60_000);
    await settle();
    expect(t.session.store.getState()).to.equal(state);
    expect(t.backend.connects).to.equal(1);
    expect(t.heard).to.have.length(heardBefore);
  });

  it('closes an open adapter on hostDisconnected', async () => {
    const t = await connectedSetup();
    t.host.disconnect();
    expect([t.backend.open, t.backend.closes]).to.deep.equal([false, 1]);
  });

  it('an update with the same configuration keeps the client', async () => {
    const t = await connectedSetup();
    const client = t.controller.current;
    t.setConfig({ ...t.config!, conversation: 'c1' }); // not part of the connection's identity
    t.host.update();
    await settle();
    expect(t.controller.current).to.equal(client);
    expect(t.backend.connects).to.equal(1);
  });

  it('a new url replaces the client and resets the store', async () => {
    const t = await connectedSetup();
    const old: ChatClient = t.controller.current!;
    t.session.store.setSelf('visitor-1');
    expect(ids(t.session.store)).to.deep.equal(['1']);
    t.backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c9' } }, created({ id: '50', conversationId: 'c9', at: T0 + 50 })];
    t.setConfig({ ...t.config!, url: 'http://two.invalid' });
    t.host.update();
    const next = t.controller.current!;
    expect(next).to.not.equal(old);
    expect(t.session.client).to.equal(next);
    expect([old.status, old.armedTimers]).to.deep.equal(['closed', 0]);
    expect(t.session.store.getState().messages.size).to.equal(0);
    expect(t.session.store.getState().selfId).to.equal(undefined);
    await settle();
    expect([t.backend.connects, next.status]).to.deep.equal([2, 'open']);
    expect([...t.session.store.getState().conversations.keys()]).to.deep.equal(['c9']);
    expect(ids(t.session.store, 'c9')).to.deep.equal(['50']);
    expect(t.network.listening).to.equal(1);
  });

  it('a new token also replaces the client; an incomplete configuration leaves none', async () => {
    const t = await connectedSetup();
    const old = t.controller.current;
    t.setConfig({ ...t.config!, token: 'other' });
    t.host.update();
    expect(t.controller.current).to.not.equal(old);
    const second = t.controller.current!;
    t.setConfig(undefined);
    t.host.update();
    expect([t.controller.current, second.status, second.armedTimers]).to.deep.equal([undefined, 'closed', 0]);
    expect(t.session.store.getState().conversations.size).to.equal(0);
  });

  it('dispatches parley-error with the ParleyError when a send is refused', async () => {
    const t = await connectedSetup();
    t.backend.onExecute = async () => { throw new HttpError(403, 'POST /messages answered 403'); };
    t.session.send('hello');
    await settle();
    const errors = t.heard.filter((e): e is ParleyErrorEvent => e instanceof ParleyErrorEvent);
    expect(errors).to.have.length(1);
    expect([errors[0]!.type, errors[0]!.bubbles, errors[0]!.composed]).to.deep.equal(['parley-error', true, true]);
    expect([errors[0]!.error.code, errors[0]!.error.message]).to.deep.equal(['command', 'send failed: POST /messages answered 403']);
  });

  it('dispatches parley-error and closed when the credentials are refused', async () => {
    const t = setup();
    t.backend.failWith = 'auth-failed';
    t.host.connect();
    await settle();
    const errors = t.heard.filter((e): e is ParleyErrorEvent => e instanceof ParleyErrorEvent);
    expect(errors.map((e) => e.error.code)).to.deep.equal(['auth']);
    expect(t.statuses()).to.deep.equal(['connecting', 'closed:auth-failed']);
    expect(t.controller.current!.armedTimers).to.equal(0);
  });

  it('dispatches parley-message for messages from others and from me elsewhere, not for my confirmed sends', async () => {
    const t = await connectedSetup();
    t.session.send('mine');
    await settle();
    t.backend.emit([
      created({ id: '2', text: 'from Ada', at: T0 + 2 }),
      created({ id: '3', text: 'from my phone', self: true, at: T0 + 3 }),
    ]);
    t.backend.emit([created({ id: '2', text: 'from Ada', at: T0 + 2 })]); // replay
    await nextFrame(); // live events apply once per frame
    const messages = t.heard.filter((e): e is ParleyMessageEvent => e instanceof ParleyMessageEvent);
    expect(messages.map((e) => `${e.message.id}:${e.message.text}`)).to.deep.equal(['2:from Ada', '3:from my phone']);
    expect([messages[0]!.bubbles, messages[0]!.composed]).to.deep.equal([true, true]);
  });

  it('reconnect() replaces the client but keeps what the store holds', async () => {
    const t = await connectedSetup();
    const old = t.controller.current!;
    t.controller.reconnect();
    expect(t.controller.current).to.not.equal(old);
    expect(old.status).to.equal('closed');
    expect(ids(t.session.store)).to.deep.equal(['1']);
    await settle();
    expect([t.backend.connects, t.controller.current!.status]).to.deep.equal([2, 'open']);
  });
});

describe('ConnectionController configuration identity', () => {
  it('an SDK object in the options is compared by identity, never serialized', () => {
    const { name } = registerFake();
    class Sdk { self: unknown; token = 'sdk-secret'; constructor() { this.self = this; } on() {} off() {} }
    let sdk = new Sdk();
    const host = Object.assign(new EventTarget(), { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) });
    const session = new ChatSession();
    const controller = new ConnectionController(host, session, () => ({ protocol: name, url: 'http://127.0.0.1:1', options: { sdk } }));
    controller.hostConnected(); // a circular object must not throw
    const first = controller.current;
    controller.hostUpdate();
    expect(controller.current, 'same object: same client').to.equal(first);
    sdk = new Sdk();
    controller.hostUpdate();
    expect(controller.current === first, 'another object: a new client').to.equal(false);
    controller.hostDisconnected();
  });
});
