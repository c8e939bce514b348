import { expect } from '@open-wc/testing';
import { refusesV2Client } from '../../src/core/runtime/socket-io-version.js';

/**
 * A WebSocket stand-in below the probe: each socket asks `answer(url, index)` whether the server
 * opens it (sends an Engine.IO open packet) or refuses it (error, then close).
 */
function fakeSockets(answer: (url: string, index: number) => boolean): { restore(): void; urls: string[] } {
  const real = globalThis.WebSocket;
  const urls: string[] = [];
  class FakeSocket {
    onmessage: ((e: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    onclose: (() => void) | null = null;
    constructor(url: string) {
      const opens = answer(url, urls.push(url) - 1);
      queueMicrotask(() => (opens ? this.onmessage?.({ data: '0{"sid":"x","upgrades":[],"pingInterval":25000,"pingTimeout":20000}' }) : this.onerror?.()));
    }
    close(): void {}
  }
  (globalThis as { WebSocket: unknown }).WebSocket = FakeSocket;
  return { urls, restore: () => { globalThis.WebSocket = real; } };
}

const probe = () => refusesV2Client('http://spaces.test/chat', '/socket.io', new AbortController().signal);
const revision = (url: string) => new URL(url).searchParams.get('EIO');

describe('spaces: telling a socket.io 3/4 server from one that is down', () => {
  const cases: [string, (url: string, index: number) => boolean, boolean][] = [
    ['a socket.io 3/4 server: opens Engine.IO 4, refuses 3', (url) => revision(url) === '4', true],
    ['a socket.io 2 server: opens both (engine.io 3 does not read the revision)', () => true, false],
    ['a server refusing everyone', () => false, false],
    // Seen in the full suite: the probes ran at once, the first was refused while the server was
    // still refusing and the second opened just after, which read as a version mismatch and closed
    // the widget for good.
    ['a server that stops refusing between the two handshakes', (_url, index) => index > 0, false],
  ];
  for (const [what, answer, mismatch] of cases) {
    it(what, async () => {
      const sockets = fakeSockets(answer);
      try {
        expect(await probe()).to.equal(mismatch);
      } finally {
        sockets.restore();
      }
    });
  }
});
