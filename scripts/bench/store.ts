/**
 * `npm run bench:store`: throughput of the store, the hot path every frame goes through.
 * Prints the median of several runs per case; no pass/fail (budgets are for size, see size.mjs).
 */
import { ChatStore } from '../../src/core/store.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Message } from '../../src/core/model.js';

const T0 = Date.UTC(2026, 0, 1);
const msg = (i: number, conv = 'c1'): Message => ({
  id: String(i), conversationId: conv, kind: 'text', text: `message ${i}`, markup: 'plain', attachments: [],
  status: 'sent', createdAt: T0 + i * 1000, version: T0 + i * 1000, sender: { id: i % 2 ? 'a' : 'b', role: i % 3 ? 'agent' : 'self' },
});

function time(fn: () => void, runs = 7): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const noFrame = () => {};
const created = (n: number, shuffle = false): ChatEvent[] => {
  const ids = Array.from({ length: n }, (_, i) => i);
  if (shuffle) for (let i = n - 1; i > 0; i--) { const j = (i * 7919) % (i + 1); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }
  return ids.map((i) => ({ type: 'message.created', origin: 'live', message: msg(i) }));
};

/** A store holding 100,000 conversations (built once, on first use), and messages arriving into it one by one. */
let inbox: ChatStore | undefined;
let inboxSent = 0;
const intoInbox = (n: number) => {
  inbox ??= new ChatStore({ frame: noFrame });
  if (inbox.getState().conversations.size === 0) {
    inbox.apply(Array.from({ length: 100_000 }, (_, i): ChatEvent => ({
      type: 'conversation.created', conversation: { id: `c${i}`, lastActivityAt: T0 - i * 1000 },
    })));
  }
  for (let i = 0; i < n; i++, inboxSent++) {
    inbox.apply([{ type: 'message.created', origin: 'live', message: { ...msg(1e6 + inboxSent, `c${(inboxSent * 7919) % 100_000}`), createdAt: T0 + 1e9 + inboxSent } }]);
  }
};

const cases: [string, number, () => void][] = [
  ['10,000 messages, one batch, in order', 10_000, () => new ChatStore({ frame: noFrame }).apply(created(10_000))],
  ['10,000 messages, one batch, shuffled', 10_000, () => new ChatStore({ frame: noFrame }).apply(created(10_000, true))],
  ['2,000 messages, one event per apply (live stream)', 2_000, () => {
    const s = new ChatStore({ frame: noFrame });
    for (const e of created(2_000)) s.apply([e]);
  }],
  ['2,000 live events into a 10,000-message thread', 2_000, () => {
    const s = new ChatStore({ frame: noFrame });
    s.apply(created(10_000));
    for (let i = 0; i < 2_000; i++) {
      s.apply([i % 2
        ? { type: 'message.updated', message: { id: String(i * 5), conversationId: 'c1', text: `edit ${i}`, version: T0 + 1e9 + i } }
        : { type: 'message.created', origin: 'live', message: msg(10_000 + i) }]);
    }
  }],
  ['10,000 replayed events (dedup, no change)', 10_000, () => {
    const s = new ChatStore({ frame: noFrame });
    const events = created(10_000);
    s.apply(events);
    s.apply(events);
  }],
  ['20 live messages into 100,000 conversations', 20, () => intoInbox(20)], // the first run also builds them
  ['100,000 messages, one batch, in order', 100_000, () => new ChatStore({ frame: noFrame }).apply(created(100_000))],
  ['2,000 live messages, 200 read receipts, 100,000 held', 2_200, () => {
    const s = new ChatStore({ frame: noFrame });
    s.apply(created(100_000));
    for (let i = 0; i < 2_000; i++) {
      s.apply([{ type: 'message.created', origin: 'live', message: msg(100_000 + i) }]);
      // Every tenth message the agent reads up to it: each receipt raises my messages and moves the read mark on.
      if (i % 10 === 9) s.apply([{ type: 'receipt.read', conversationId: 'c1', reader: { id: 'a', role: 'agent' }, upToMessageId: String(100_000 + i) }]);
    }
  }],
  // The same as the connection hands them over: queued, applied once per frame (here every 20 events,
  // a burst at about 1,200 events/s).
  ['the same, queued and applied per frame (20 a frame)', 2_200, () => {
    const frames: (() => void)[] = [];
    const s = new ChatStore({ frame: (cb) => { frames.push(cb); } });
    s.apply(created(100_000));
    for (const cb of frames.splice(0)) cb();
    for (let i = 0; i < 2_000; i++) {
      s.queue([{ type: 'message.created', origin: 'live', message: msg(100_000 + i) }]);
      if (i % 10 === 9) s.queue([{ type: 'receipt.read', conversationId: 'c1', reader: { id: 'a', role: 'agent' }, upToMessageId: String(100_000 + i) }]);
      if (i % 20 === 19) for (const cb of frames.splice(0)) cb();
    }
    for (const cb of frames.splice(0)) cb();
  }],
];

console.log('store throughput (median of 7 runs, Node', process.version + ')');
for (const [name, n, fn] of cases) {
  const ms = time(fn);
  console.log(`  ${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round(n / (ms / 1000)).toLocaleString('en').padStart(12)} events/s`);
}
