/**
 * The typing policy, one table per rule (issue 12: the fault storm's typing invariants, case by
 * case; the storm itself is test/faults/typing.ts): outgoing notices are throttled
 * (`runtime/throttle.ts` for calls a backend asks to space out, the client's own window for
 * "typing on"); a typist disappears once their notice's time is up; a cut socket clears whoever
 * was shown typing; and a late notice never undoes a newer one (`runtime/typing-order.ts`).
 */
import { expect } from '@open-wc/testing';
import type { ChatClientOptions } from '../../src/core/client.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Actor } from '../../src/core/model.js';
import { KeyedThrottle } from '../../src/core/runtime/throttle.js';
import { TypingOrder, type Published } from '../../src/core/runtime/typing-order.js';
import { ADA, BOB, ME, T0, created } from '../helpers/events.js';
import { connected, fakeClient, type FakeClient } from '../helpers/fake-client.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';
import { settle } from '../helpers/fake-time.js';

const CONVERSATIONS: ChatEvent[] = [
  { type: 'conversation.created', conversation: { id: 'c1' } },
  { type: 'conversation.created', conversation: { id: 'c2' } },
];

/** Everyone shown typing, as `conversation:person`. */
const shownTyping = (f: FakeClient): string[] =>
  [...f.store.getState().typing].flatMap(([cid, typists]) => typists.map((t) => `${cid}:${t.actor.id}`));

/** Move the client's clock to `at` ms after T0 (never back). */
function clockTo(f: FakeClient, at: number): void {
  const ms = T0 + at - f.clock.now();
  if (ms < 0) throw new Error(`steps go forward in time: ${at} is behind ${f.clock.now() - T0}`);
  f.clock.advance(ms);
}

let clients: FakeClient[] = [];
afterEach(() => {
  for (const f of clients.splice(0)) f.client.dispose();
});
/** A client kept for disposal after the test. */
function kept(f: FakeClient): FakeClient {
  clients.push(f);
  return f;
}

describe('policy: typing — KeyedThrottle spaces calls per key', () => {
  interface ThrottleCase {
    name: string;
    intervalMs: number;
    /** Requests: when (ms from the start) and for which key. */
    requests: [at: number, key: string][];
    /** Clear the deferred calls at this time (the connection closed). */
    clearAt?: number;
    /** Calls that reached the post, as `key@ms`. */
    posts: string[];
  }
  const cases: ThrottleCase[] = [
    {
      name: 'the first call goes at once; calls inside the interval collapse into one at its end',
      intervalMs: 5000, requests: [[0, 'a'], [100, 'a'], [2000, 'a'], [4999, 'a']], posts: ['a@0', 'a@5000'],
    },
    {
      name: 'a call once the interval has passed goes at once, with no trailing call',
      intervalMs: 5000, requests: [[0, 'a'], [5000, 'a'], [12_000, 'a']], posts: ['a@0', 'a@5000', 'a@12000'],
    },
    {
      name: 'the trailing call starts a new interval: a call just after it is deferred again',
      intervalMs: 5000, requests: [[0, 'a'], [1000, 'a'], [5001, 'a']], posts: ['a@0', 'a@5000', 'a@10000'],
    },
    {
      name: 'keys are throttled apart: one key\'s interval does not hold another back',
      intervalMs: 5000, requests: [[0, 'a'], [10, 'b'], [20, 'a'], [30, 'b'], [40, 'c']], posts: ['a@0', 'b@10', 'c@40', 'a@5000', 'b@5010'],
    },
    {
      name: 'clear drops the deferred call (the connection closed); the next call after the interval goes at once',
      intervalMs: 5000, requests: [[0, 'a'], [100, 'a'], [6000, 'a']], clearAt: 200, posts: ['a@0', 'a@6000'],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const scheduler = new ManualScheduler(0);
      const throttle = new KeyedThrottle(scheduler, c.intervalMs);
      const posts: string[] = [];
      const failures: unknown[] = [];
      const steps: [number, () => void][] = [
        ...c.requests.map(([at, key]): [number, () => void] => [at, () => {
          void throttle.request(key, async () => { posts.push(`${key}@${scheduler.now()}`); }, (err) => failures.push(err));
        }]),
        ...(c.clearAt === undefined ? [] : [[c.clearAt, () => throttle.clear()] as [number, () => void]]),
      ].sort((a, b) => a[0] - b[0]);
      for (const [at, step] of steps) {
        scheduler.advance(at - scheduler.now());
        step();
      }
      scheduler.advance(60_000);
      await settle();
      expect(posts).to.deep.equal(c.posts);
      expect(failures).to.deep.equal([]);
      expect(scheduler.armed, 'no timer left behind').to.equal(0);
    });
  }

  it('a call made now rejects with its failure; a deferred one hands its failure to `failed`', async () => {
    const scheduler = new ManualScheduler(0);
    const throttle = new KeyedThrottle(scheduler, 1000);
    const failures: string[] = [];
    const refuse = (why: string) => async () => { throw new Error(why); };
    let rejected: unknown;
    await throttle.request('a', refuse('now'), () => failures.push('wrong sink')).catch((err: unknown) => { rejected = err; });
    expect((rejected as Error).message).to.equal('now');
    await throttle.request('a', refuse('later'), (err) => failures.push((err as Error).message));
    expect(failures, 'not yet: it waits for the interval').to.deep.equal([]);
    scheduler.advance(1000);
    await settle();
    expect(failures).to.deep.equal(['later']);
  });
});

describe('policy: typing — the client throttles "typing on" per conversation', () => {
  interface ClientThrottleCase {
    name: string;
    opts?: Partial<ChatClientOptions>;
    /** The backend cannot say "typing". */
    noTyping?: boolean;
    /** Connect only at this time (ms); before it the client is idle. */
    connectAt?: number;
    /** What the user does, when (ms): `c1:on`, `c1:off`, `c1:send`. */
    steps: [at: number, action: string][];
    /** Typing commands that reached the backend, as `c1:on@ms`. */
    sent: string[];
  }
  const cases: ClientThrottleCase[] = [
    {
      name: 'the first "on" goes at once; repeats inside the window are dropped; the one at its end goes',
      opts: { typingThrottleMs: 3000 },
      steps: [[0, 'c1:on'], [1, 'c1:on'], [2999, 'c1:on'], [3000, 'c1:on'], [5999, 'c1:on'], [6000, 'c1:on']],
      sent: ['c1:on@0', 'c1:on@3000', 'c1:on@6000'],
    },
    {
      name: 'the window is 3 s when none is configured',
      steps: [[0, 'c1:on'], [2999, 'c1:on'], [3000, 'c1:on']],
      sent: ['c1:on@0', 'c1:on@3000'],
    },
    {
      name: 'a configured window is kept',
      opts: { typingThrottleMs: 1000 },
      steps: [[0, 'c1:on'], [999, 'c1:on'], [1000, 'c1:on'], [1500, 'c1:on']],
      sent: ['c1:on@0', 'c1:on@1000'],
    },
    {
      name: '"off" goes only after an "on" went out, and once',
      steps: [[0, 'c1:off'], [10, 'c1:on'], [20, 'c1:off'], [30, 'c1:off']],
      sent: ['c1:on@10', 'c1:off@20'],
    },
    {
      name: 'after an "off" the next "on" goes at once: a new burst of typing',
      steps: [[0, 'c1:on'], [100, 'c1:off'], [200, 'c1:on'], [300, 'c1:on']],
      sent: ['c1:on@0', 'c1:off@100', 'c1:on@200'],
    },
    {
      name: 'each conversation has its own window',
      steps: [[0, 'c1:on'], [10, 'c2:on'], [20, 'c1:on'], [30, 'c2:off'], [40, 'c1:on']],
      sent: ['c1:on@0', 'c2:on@10', 'c2:off@30'],
    },
    {
      name: 'sending ends typing: "off" goes with the send, and the next "on" goes at once',
      steps: [[0, 'c1:on'], [500, 'c1:send'], [600, 'c1:on']],
      sent: ['c1:on@0', 'c1:off@500', 'c1:on@600'],
    },
    {
      name: 'a send with no "on" before it sends no "off"; a send elsewhere leaves this conversation\'s typing alone',
      steps: [[0, 'c1:send'], [10, 'c2:on'], [20, 'c1:send'], [30, 'c2:on']],
      sent: ['c2:on@10'],
    },
    {
      name: 'a backend that cannot say "typing" is sent none',
      noTyping: true,
      steps: [[0, 'c1:on'], [10, 'c1:off'], [20, 'c1:send']],
      sent: [],
    },
    {
      name: 'nothing while not connected, and an "on" dropped then does not start the window',
      connectAt: 100,
      steps: [[0, 'c1:on'], [200, 'c1:on'], [300, 'c1:off']],
      sent: ['c1:on@200', 'c1:off@300'],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const f = kept(fakeClient(c.opts));
      f.backend.syncEvents = CONVERSATIONS;
      if (c.noTyping) f.backend.capabilities.delete('typing');
      const sent: string[] = [];
      f.backend.onExecute = async (command) => {
        if (command.type === 'typing') sent.push(`${command.conversationId}:${command.on ? 'on' : 'off'}@${f.clock.now() - T0}`);
        return [];
      };
      const connectNow = async () => { f.client.connect(); await settle(); expect(f.client.status).to.equal('open'); };
      if (c.connectAt === undefined) await connectNow();
      for (const [at, action] of c.steps) {
        if (c.connectAt !== undefined && c.connectAt <= at && f.client.status === 'idle') {
          clockTo(f, c.connectAt);
          await connectNow();
        }
        clockTo(f, at);
        const [cid, what] = action.split(':') as [string, string];
        if (what === 'send') f.client.send(`sent at ${at}`, { conversationId: cid });
        else f.client.setTyping(cid, what === 'on');
      }
      await settle();
      expect(sent).to.deep.equal(c.sent);
    });
  }
});

describe('policy: typing — a typist disappears once their notice\'s time is up', () => {
  /** Slack the client's expiry timer adds past a notice's expiry, ms (it never fires early). */
  const TIMER_SLACK_MS = 5;
  type Step = { at: number } & (
    | { types: Actor; ttlMs: number; in?: string }
    | { stops: Actor; in?: string }
    | { writes: Actor }
    | { shown: string[] }
  );
  interface ExpiryCase { name: string; steps: Step[] }
  const cases: ExpiryCase[] = [
    {
      name: 'shown until its time to live, gone just after',
      steps: [{ at: 0, types: ADA, ttlMs: 5000 }, { at: 4999, shown: ['c1:ada'] }, { at: 5000 + TIMER_SLACK_MS, shown: [] }],
    },
    {
      name: 'a refreshed notice lives from the refresh: the first expiry finds it still due later',
      steps: [
        { at: 0, types: ADA, ttlMs: 5000 }, { at: 3000, types: ADA, ttlMs: 5000 },
        { at: 5000 + TIMER_SLACK_MS, shown: ['c1:ada'] }, { at: 7999, shown: ['c1:ada'] }, { at: 8000 + TIMER_SLACK_MS, shown: [] },
      ],
    },
    {
      name: 'two typists each leave at their own time',
      steps: [
        { at: 0, types: ADA, ttlMs: 5000 }, { at: 2000, types: BOB, ttlMs: 5000 },
        { at: 5000 + TIMER_SLACK_MS, shown: ['c1:bob'] }, { at: 7000 + TIMER_SLACK_MS, shown: [] },
      ],
    },
    {
      name: 'typists in different conversations expire apart',
      steps: [
        { at: 0, types: ADA, ttlMs: 5000 }, { at: 2000, types: BOB, ttlMs: 5000, in: 'c2' },
        { at: 5000 + TIMER_SLACK_MS, shown: ['c2:bob'] }, { at: 7000 + TIMER_SLACK_MS, shown: [] },
      ],
    },
    {
      name: '"stopped" clears the typist at once, long before the time to live',
      steps: [{ at: 0, types: ADA, ttlMs: 5000 }, { at: 0, types: BOB, ttlMs: 5000 }, { at: 1000, stops: ADA }, { at: 1000, shown: ['c1:bob'] }],
    },
    {
      name: 'a message from the typist clears them',
      steps: [{ at: 0, types: ADA, ttlMs: 5000 }, { at: 1000, writes: ADA }, { at: 1000, shown: [] }],
    },
    {
      name: 'my own typing (another device of mine) is never shown',
      steps: [{ at: 0, types: ME, ttlMs: 5000 }, { at: 0, shown: [] }],
    },
    {
      name: 'a notice whose time is already up when it arrives is not kept',
      steps: [{ at: 0, types: ADA, ttlMs: 0 }, { at: 0, shown: [] }],
    },
    {
      name: 'a notice that comes after the earlier typist stopped is timed on its own',
      steps: [
        { at: 0, types: ADA, ttlMs: 5000 }, { at: 1000, stops: ADA }, { at: 4000, types: BOB, ttlMs: 5000 },
        { at: 5000 + TIMER_SLACK_MS, shown: ['c1:bob'] }, { at: 9000 + TIMER_SLACK_MS, shown: [] },
      ],
    },
    {
      // The event contract lets each notice name its own expiry (a custom protocol, a backend
      // that says how long): a shorter one arriving while a longer one's timer is armed.
      name: 'a shorter notice that arrives while a longer one is shown still goes at its own time',
      steps: [
        { at: 0, types: ADA, ttlMs: 10_000 }, { at: 100, types: BOB, ttlMs: 1000 },
        { at: 1100 + TIMER_SLACK_MS, shown: ['c1:ada'] }, { at: 10_000 + TIMER_SLACK_MS, shown: [] },
      ],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const f = kept(await connected({}, CONVERSATIONS));
      for (const step of c.steps) {
        clockTo(f, step.at);
        if ('types' in step) {
          f.backend.emit([{ type: 'typing.started', conversationId: step.in ?? 'c1', actor: step.types, expiresAt: f.clock.now() + step.ttlMs }]);
        } else if ('stops' in step) {
          f.backend.emit([{ type: 'typing.stopped', conversationId: step.in ?? 'c1', actorId: step.stops.id }]);
        } else if ('writes' in step) {
          f.backend.emit([created({ id: `m${step.at}`, sender: step.writes, at: f.clock.now() })]);
        } else {
          expect(shownTyping(f), `shown typing at ${step.at} ms`).to.deep.equal(step.shown);
        }
      }
    });
  }
});

describe('policy: typing — a cut socket clears whoever was shown typing', () => {
  interface ReconnectCase {
    name: string;
    /** Typing notices before the cut (time to live ten minutes: only the cut can clear them). */
    before: [who: Actor, conversationId: string][];
    /** How the socket goes: dropped by the server, the device offline, or not at all (a catch-up asked for on the open socket). */
    how: 'drop' | 'offline' | 'resync';
    /** Typing notices on the new socket while its catch-up runs (held until it is applied). */
    onNewSocket?: [who: Actor, conversationId: string][];
    shown: string[];
  }
  const cases: ReconnectCase[] = [
    { name: 'everyone shown typing stops after a reconnect', before: [[ADA, 'c1'], [BOB, 'c1']], how: 'drop', shown: [] },
    { name: 'in every conversation', before: [[ADA, 'c1'], [BOB, 'c2']], how: 'drop', shown: [] },
    { name: 'after the device was offline too', before: [[ADA, 'c1'], [BOB, 'c2']], how: 'offline', shown: [] },
    {
      name: 'a typist who types again on the new socket is shown (that notice applies after the stops)',
      before: [[ADA, 'c1'], [BOB, 'c1']], how: 'drop', onNewSocket: [[BOB, 'c1']], shown: ['c1:bob'],
    },
    {
      name: 'a typist new on the new socket is shown',
      before: [[ADA, 'c1']], how: 'drop', onNewSocket: [[BOB, 'c2']], shown: ['c2:bob'],
    },
    {
      name: 'a catch-up on the open socket (resync.required) clears nobody: no notice was lost',
      before: [[ADA, 'c1'], [BOB, 'c2']], how: 'resync', shown: ['c1:ada', 'c2:bob'],
    },
  ];

  const notices = (list: [Actor, string][], now: number): ChatEvent[] =>
    list.map(([actor, conversationId]) => ({ type: 'typing.started', conversationId, actor, expiresAt: now + 600_000 }));

  for (const c of cases) {
    it(c.name, async () => {
      const f = kept(await connected({}, CONVERSATIONS));
      f.backend.emit(notices(c.before, f.clock.now()));
      expect(shownTyping(f), 'shown before').to.deep.equal(c.before.map(([a, cid]) => `${cid}:${a.id}`));
      f.backend.onSync = async () => {
        if (c.onNewSocket) f.backend.emit(notices(c.onNewSocket, f.clock.now()));
        return [];
      };
      if (c.how === 'drop') {
        f.backend.drop();
        f.clock.advance(750); // the first backoff step (fake-client.ts: BACKOFF, random 0.5)
      } else if (c.how === 'offline') {
        f.network.set(false);
        f.network.set(true);
      } else {
        f.backend.emit([{ type: 'resync.required', reason: 'gap' }]);
      }
      await settle();
      expect(f.client.status).to.equal('open');
      expect(f.backend.syncs).to.deep.equal(['initial', 'reconnect']);
      expect(shownTyping(f)).to.deep.equal(c.shown);
    });
  }
});

describe('policy: typing — a late notice never undoes a newer one (TypingOrder)', () => {
  const on = (actor: Actor, at: number | undefined, conversationId = 'c1'): Published =>
    ({ events: [{ type: 'typing.started', conversationId, actor, expiresAt: T0 + 60_000 }], ...(at === undefined ? {} : { at }) });
  const off = (actor: Actor, at: number | undefined, conversationId = 'c1'): Published =>
    ({ events: [{ type: 'typing.stopped', conversationId, actorId: actor.id }], ...(at === undefined ? {} : { at }) });
  /** What a frame's typing events say, as `conversation:person:on|off`, and its other events by type. */
  const said = (d: Published): string[] => d.events.map((e) => (e.type === 'typing.started' ? `${e.conversationId}:${e.actor.id}:on`
    : e.type === 'typing.stopped' ? `${e.conversationId}:${e.actorId}:off` : e.type));

  interface OrderCase { name: string; frames: Published[]; admitted: string[] }
  const cases: OrderCase[] = [
    { name: 'in order, all pass', frames: [on(ADA, 10), off(ADA, 20), on(ADA, 30)], admitted: ['c1:ada:on', 'c1:ada:off', 'c1:ada:on'] },
    { name: 'a "typing" older than the "stopped" already seen is dropped', frames: [on(ADA, 10), off(ADA, 20), on(ADA, 15)], admitted: ['c1:ada:on', 'c1:ada:off'] },
    { name: 'a "stopped" older than the "typing" already seen is dropped', frames: [on(ADA, 20), off(ADA, 10)], admitted: ['c1:ada:on'] },
    { name: 'a "typing" older than the newest "typing" is dropped; the same time again passes (a refresh)', frames: [on(ADA, 20), on(ADA, 10), on(ADA, 20)], admitted: ['c1:ada:on', 'c1:ada:on'] },
    { name: 'at the same millisecond a stop wins, whichever came first', frames: [on(ADA, 10), off(ADA, 10), on(ADA, 10)], admitted: ['c1:ada:on', 'c1:ada:off'] },
    { name: 'a "stopped" first, then a "typing" of the same millisecond: still stopped', frames: [off(BOB, 10), on(BOB, 10)], admitted: ['c1:bob:off'] },
    { name: 'an older "stopped" after a newer one does not move the mark back', frames: [off(ADA, 30), off(ADA, 20), on(ADA, 25)], admitted: ['c1:ada:off', 'c1:ada:off'] },
    { name: 'marks are per person: one\'s "stopped" does not drop another\'s older "typing"', frames: [off(ADA, 20), on(BOB, 15)], admitted: ['c1:ada:off', 'c1:bob:on'] },
    { name: 'marks are per conversation', frames: [off(ADA, 20, 'c1'), on(ADA, 15, 'c2')], admitted: ['c1:ada:off', 'c2:ada:on'] },
    { name: 'a notice without a publication time passes as it comes', frames: [on(ADA, 20), off(ADA, 30), on(ADA, undefined), off(ADA, undefined)], admitted: ['c1:ada:on', 'c1:ada:off', 'c1:ada:on', 'c1:ada:off'] },
    {
      name: 'other events in a frame pass, and only the stale notice leaves it',
      frames: [off(ADA, 20), { at: 15, events: [...on(ADA, 15).events, created({ id: 'm1', sender: ADA }), ...on(BOB, 15).events] }],
      admitted: ['c1:ada:off', 'message.created', 'c1:bob:on'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const order = new TypingOrder();
      const admitted: string[] = [];
      for (const frame of c.frames) {
        const out = order.admit(frame);
        if (said(out).length === said(frame).length) expect(out, 'a frame with nothing dropped is handed back as is').to.equal(frame);
        expect(out.at).to.equal(frame.at);
        admitted.push(...said(out));
      }
      expect(admitted).to.deep.equal(c.admitted);
    });
  }
});
