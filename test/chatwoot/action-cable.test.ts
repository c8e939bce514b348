/**
 * The ActionCable transport over a fake WebSocket below the real `@rails/actioncable` consumer:
 * what it keeps from ActionCable (unreadable frames), how it ends (the server's `disconnect`
 * frame, a wrong subprotocol, a socket that never opened, silence), and that it restores the
 * `adapters.WebSocket` hook it borrows.
 */
import { expect } from '@open-wc/testing';
import { adapters } from '@rails/actioncable';
import { ConnectError, type DisconnectReason } from '../../src/core/protocol.js';
import { actionCableTransport } from '../../src/core/transport/action-cable.js';
import type { Transport, TransportEvents } from '../../src/core/transport/transport.js';
import { FakeSocket, ManualScheduler, installFakeSocket, until } from './fakes.js';

const IDENTIFIER = '{"channel":"RoomChannel","pubsub_token":"t"}';

interface Recorder extends TransportEvents {
  data: unknown[];
  bad: { detail: string; raw: string }[];
  ends: { reason: DisconnectReason; detail: string }[];
}

function recorder(): Recorder {
  const r: Recorder = {
    data: [], bad: [], ends: [],
    frame: (frame) => { r.data.push(frame.data); },
    unreadable: (detail, raw) => { r.bad.push({ detail, raw }); },
    ended: (reason, detail) => { r.ends.push({ reason, detail }); },
  };
  return r;
}

/** Open a transport on a fresh fake socket; `confirm` answers the subscribe. */
async function openOn(scheduler: ManualScheduler, r: Recorder, confirm = true): Promise<{ transport: Transport; ws: FakeSocket; opened: Promise<void> }> {
  const transport = actionCableTransport({ kind: 'actioncable', url: 'ws://chat.test/cable', params: { channel: 'RoomChannel', pubsub_token: 't' }, staleMs: 10_000 }, r, scheduler);
  const opened = transport.open(new AbortController().signal);
  opened.catch(() => undefined);
  await until(() => FakeSocket.instances.length > 0, 'the socket');
  const ws = FakeSocket.instances.at(-1)!;
  if (confirm) {
    ws.accept();
    ws.push({ type: 'welcome' });
    ws.push({ type: 'confirm_subscription', identifier: IDENTIFIER });
    await opened;
  }
  return { transport, ws, opened };
}

async function reasonOf(p: Promise<void>): Promise<string> {
  try {
    await p;
    return 'connected';
  } catch (err) {
    return err instanceof ConnectError ? err.reason : String(err);
  }
}

describe('the ActionCable transport over a fake WebSocket', () => {
  let restore: () => void;
  beforeEach(() => { restore = installFakeSocket(); });
  afterEach(() => restore());

  it('borrows adapters.WebSocket only while subscribing; channel messages become frames, unreadable ones never reach ActionCable', async () => {
    const scheduler = new ManualScheduler();
    const r = recorder();
    const { transport, ws } = await openOn(scheduler, r);
    expect(adapters.WebSocket).to.equal(FakeSocket);
    expect(ws.commands()[0]).to.deep.equal({ command: 'subscribe', identifier: IDENTIFIER });
    ws.push({ identifier: IDENTIFIER, message: { event: 'x' } });
    ws.push('not json');
    ws.push('null');
    ws.push('[1]');
    ws.push({ type: 'surprise' });
    ws.push({ identifier: IDENTIFIER });
    ws.push({ message: { event: 'z' } });
    ws.onmessage?.({ data: new ArrayBuffer(2) });
    ws.push({ identifier: IDENTIFIER, message: { event: 'y' } });
    expect(r.data).to.deep.equal([{ event: 'x' }, { event: 'y' }]);
    expect(r.bad[0]?.detail).to.match(/^frame: invalid JSON/);
    expect(r.bad[0]?.raw).to.equal('not json');
    expect(r.bad.slice(1).map((b) => b.detail)).to.deep.equal([
      'frame: expected an object', 'frame: expected an object',
      'frame: unknown type "surprise"', 'frame: neither a control type nor a message', 'frame: expected a string identifier', 'frame: not a text frame',
    ]);
    expect(r.ends).to.deep.equal([]);
    expect(transport.send('update_presence', { at: 1 })).to.equal(true);
    expect(ws.commands().at(-1)).to.deep.equal({ command: 'message', identifier: IDENTIFIER, data: '{"at":1,"action":"update_presence"}' });
    transport.close();
    expect(scheduler.armed).to.equal(0);
  });

  it('the server\'s disconnect frame ends it at once: unauthorized as auth-failed, any other reason as server-closed', async () => {
    for (const [reason, expected] of [['unauthorized', 'auth-failed'], ['server_restart', 'server-closed']] as const) {
      const scheduler = new ManualScheduler();
      const r = recorder();
      const { ws } = await openOn(scheduler, r);
      ws.push({ type: 'disconnect', reason, reconnect: reason !== 'unauthorized' });
      expect(r.ends.map((e) => e.reason)).to.deep.equal([expected]);
      expect(ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
      ws.drop(1000, true);
      expect(r.ends).to.have.length(1);
      expect(scheduler.armed).to.equal(0);
    }
    const r = recorder();
    const { ws, opened } = await openOn(new ManualScheduler(), r, false);
    ws.accept();
    ws.push({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    expect(await reasonOf(opened)).to.equal('auth-failed');
    expect(r.ends).to.deep.equal([]);
  });

  it('a socket that does not speak actioncable-v1-json is a config-error; one that closes before opening fails the open', async () => {
    const first = await openOn(new ManualScheduler(), recorder(), false);
    first.ws.accept('');
    expect(await reasonOf(first.opened)).to.equal('config-error');
    expect(first.ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
    const second = await openOn(new ManualScheduler(), recorder(), false);
    second.ws.drop(1006, false);
    expect(await reasonOf(second.opened)).to.equal('network-error');
  });

  it('every frame, pings and unreadable ones too, keeps the stale check quiet; silence past staleMs ends as stale', async () => {
    const scheduler = new ManualScheduler();
    const r = recorder();
    const { ws } = await openOn(scheduler, r);
    for (let i = 0; i < 6; i++) {
      scheduler.advance(6000);
      ws.push(i % 2 ? { type: 'ping', message: i } : 'garbage');
    }
    expect(r.ends).to.deep.equal([]);
    scheduler.advance(12_500);
    expect(r.ends.map((e) => e.reason)).to.deep.equal(['stale']);
    expect(scheduler.armed).to.equal(0);
    expect(ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
  });

  it('ActionCable never reconnects by itself: its monitor\'s reopen of a quiet cable (after 6 s) is refused; the core\'s stale check decides', async function () {
    this.timeout(20_000);
    const scheduler = new ManualScheduler();
    const r = recorder();
    const { transport, ws } = await openOn(scheduler, r);
    // ActionCable polls every 6 to 12 s and reopens a cable silent for more than 6 s: close, then open 500 ms later.
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    expect(FakeSocket.instances).to.have.length(1);
    expect(ws.closedByClient).to.equal(false);
    expect(r.ends).to.deep.equal([]);
    transport.close();
    expect(ws.closedByClient).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(FakeSocket.instances).to.have.length(1);
  });
});
