/**
 * The send-acknowledgement policy, one table per rule (issue 12: the fault storm's "each typed
 * message at the server once, shown once" invariant, case by case): a send is confirmed by its
 * response, by its echo, or by its text, once; one with no answer in time fails with a retry
 * (`runtime/replies.ts`); a fetched copy of mine with no reference claims the send it confirms
 * (`runtime/claim-sends.ts`, through the view's `confirmableSend`, which must match as the store
 * itself does).
 */
import { expect } from '@open-wc/testing';
import type { Command } from '../../src/core/commands.js';
import type { ChatEvent } from '../../src/core/events.js';
import { NetworkError } from '../../src/core/http.js';
import type { Message } from '../../src/core/model.js';
import { CLOCK_SKEW_MS } from '../../src/core/reduce-messages.js';
import { claimOwnSends } from '../../src/core/runtime/claim-sends.js';
import { PendingReplies, SendTimeoutError, answeredWithin } from '../../src/core/runtime/replies.js';
import { isUnconfirmed } from '../../src/core/state.js';
import { storeView } from '../../src/core/store-view.js';
import { ADA, T0, created, ids, manualStore, pending } from '../helpers/events.js';
import { connected, type FakeClient } from '../helpers/fake-client.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';
import { settle } from '../helpers/fake-time.js';

type SendCommand = Extract<Command, { type: 'send' }>;

/** How long a send waits for its answer in these tests, ms (as Spaces waits for `MESSAGE_SENT`). */
const REPLY_TIMEOUT_MS = 10_000;
const TEXT = 'hello there';

describe('policy: send acknowledgement — a send is confirmed once, however the server acknowledges it', () => {
  /** The test's side of the backend: its waiting replies, and the server's copy of the send. */
  interface Server {
    f: FakeClient;
    replies: PendingReplies<ChatEvent[]>;
    /** The send's client reference, once it was made. */
    ref: string;
    /** The server's copy of the send, with or without its reference. */
    copy(id: string, withRef: boolean): ChatEvent;
  }
  interface AckCase {
    name: string;
    /** What the backend answers the n-th post of the send with (n from 1). */
    answer(send: SendCommand, s: Server, n: number): Promise<ChatEvent[]>;
    /** What happens once the send is on its way: frames, time, the connection. */
    then?(s: Server): Promise<void> | void;
    /** The thread afterwards: `id:status:mine` (mine: it kept the send's reference), `local:status[:error]` while unconfirmed. */
    thread: string[];
    posts: number;
    errors?: string[];
  }
  const cases: AckCase[] = [
    {
      name: 'by its response: the created message with the reference',
      answer: async (_c, s) => [s.copy('s1', true)],
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'by its response without the reference: my message with the same text, handed over',
      answer: async (_c, s) => [s.copy('s1', false)],
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'by its echo, awaited as a reply (Spaces): the echo frame answers the waiting send',
      answer: (c, s) => s.replies.wait(c.clientRef),
      then(s) {
        const echo = s.copy('s1', true);
        s.f.backend.emit([echo]);
        expect(s.replies.resolve(s.ref, [echo])).to.equal(true);
      },
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'by an echo after an empty response (Virola): accepted, never posted again, then confirmed',
      answer: async () => [],
      async then(s) {
        s.f.client.retry('c1', s.ref); // a flush while the echo is awaited
        await settle();
        s.f.backend.emit([s.copy('s1', true)]);
      },
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'by an echo without the reference after an empty response: matched by its text',
      answer: async () => [],
      then: (s) => s.f.backend.emit([s.copy('s1', false)]),
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'the echo before the response: one message',
      answer: async (_c, s) => { s.f.backend.emit([s.copy('s1', true)]); return [s.copy('s1', true)]; },
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'an echo without the reference before the response with it: one message',
      answer: async (_c, s) => { s.f.backend.emit([s.copy('s1', false)]); return [s.copy('s1', true)]; },
      thread: ['s1:sent:mine'], posts: 1,
    },
    {
      name: 'the same text from someone else confirms nothing',
      answer: async () => [],
      then: (s) => s.f.backend.emit([created({ id: 'a1', text: TEXT, sender: ADA, at: s.f.clock.now() + 1 })]),
      thread: ['local:pending', 'a1:sent'], posts: 1,
    },
    {
      name: 'no answer in time: failed, with the reason in words, reported once, not posted again',
      answer: (c, s) => s.replies.wait(c.clientRef),
      async then(s) {
        s.f.clock.advance(REPLY_TIMEOUT_MS - 1);
        await settle();
        expect(s.f.store.pendingMessages(), 'still waiting a millisecond before').to.have.length(1);
        s.f.clock.advance(1);
      },
      thread: ['local:failed:no answer from the server within 10 s'], posts: 1,
      errors: ['command: send failed: no answer from the server within 10 s'],
    },
    {
      name: 'an answer just inside the time confirms it, and its timer is gone',
      answer: (c, s) => s.replies.wait(c.clientRef),
      async then(s) {
        s.f.clock.advance(REPLY_TIMEOUT_MS - 1);
        s.replies.resolve(s.ref, [s.copy('s1', true)]);
        await settle();
        s.f.clock.advance(REPLY_TIMEOUT_MS);
      },
      thread: ['s1:sent:mine'], posts: 1,
    },
    ...[true, false].map((withRef): AckCase => ({
      name: `a late echo ${withRef ? 'with' : 'without'} the reference after the timeout confirms the failed send instead of showing it twice`,
      answer: (c, s) => s.replies.wait(c.clientRef),
      async then(s) {
        s.f.clock.advance(REPLY_TIMEOUT_MS);
        await settle();
        s.f.backend.emit([s.copy('s1', withRef)]);
      },
      thread: ['s1:sent:mine'], posts: 1, errors: ['command: send failed: no answer from the server within 10 s'],
    })),
    {
      name: 'a failure frame fails it at once, with its reason',
      answer: (c, s) => s.replies.wait(c.clientRef),
      then: (s) => { s.replies.reject(s.ref, new Error('SEND_MESSAGE_FAILED: too long')); },
      thread: ['local:failed:SEND_MESSAGE_FAILED: too long'], posts: 1,
      errors: ['command: send failed: SEND_MESSAGE_FAILED: too long'],
    },
    {
      name: 'the connection ends while it waits: pending without an error, posted again after the reconnect',
      answer: (c, s, n) => (n === 1 ? s.replies.wait(c.clientRef) : Promise.resolve([s.copy('s1', true)])),
      async then(s) {
        s.f.backend.drop();
        s.replies.rejectAll(() => new NetworkError('the connection closed before the server answered'));
        await settle();
        expect(s.f.store.pendingMessages(), 'pending while cut off').to.have.length(1);
        s.f.clock.advance(750); // the first backoff step (fake-client.ts: BACKOFF, random 0.5)
      },
      thread: ['s1:sent:mine'], posts: 2,
    },
  ];

  const row = (m: Message, ref: string): string => (isUnconfirmed(m)
    ? ['local', m.status, ...(m.error ? [m.error] : [])].join(':')
    : [m.id, m.status, ...(m.clientRef === ref ? ['mine'] : [])].join(':'));

  const fixtures: FakeClient[] = [];
  afterEach(() => { for (const f of fixtures.splice(0)) f.client.dispose(); });

  for (const c of cases) {
    it(c.name, async () => {
      const f = await connected({}, [{ type: 'conversation.created', conversation: { id: 'c1' } }]);
      fixtures.push(f);
      const server: Server = {
        f, ref: '', replies: new PendingReplies<ChatEvent[]>(f.backend.host!.scheduler, REPLY_TIMEOUT_MS),
        copy: (id, withRef) => created({ id, text: TEXT, self: true, at: f.clock.now(), ...(withRef ? { clientRef: server.ref } : {}) }),
      };
      let posts = 0;
      f.backend.onExecute = (command) => (command.type === 'send' ? c.answer(command, server, ++posts) : Promise.resolve([]));
      server.ref = f.client.send(TEXT, { conversationId: 'c1' })!.clientRef!;
      await settle();
      expect(posts, 'handed over at once').to.equal(1);
      await c.then?.(server);
      await settle();
      expect((f.store.getState().messages.get('c1') ?? []).map((m) => row(m, server.ref))).to.deep.equal(c.thread);
      expect(f.backend.commands.filter((x) => x.type === 'send')).to.have.length(c.posts);
      expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal(c.errors ?? []);
    });
  }
});

describe('policy: send acknowledgement — PendingReplies waits for each answer, at most its time', () => {
  type Step =
    | ['wait', string]
    | ['send', string, transmitted: boolean]
    | ['advance', number]
    | ['resolve', string, value: string, waited: boolean]
    | ['reject', string, waited: boolean]
    | ['rejectAll']
    | ['oldest', string | undefined]
    | ['outcome', string, string];
  interface RepliesCase {
    name: string;
    steps: Step[];
    /** How each wait ended, by `ref#n` (the n-th wait for that reference). */
    outcomes: Record<string, string>;
    /** Timers still armed at the end. */
    armed: number;
  }
  const TIMED_OUT = 'SendTimeoutError: no answer from the server within 10 s';
  const cases: RepliesCase[] = [
    {
      name: 'an answer in time resolves the wait and disarms its timer',
      steps: [['wait', 'r1'], ['advance', 9999], ['resolve', 'r1', 'ok', true]],
      outcomes: { 'r1#1': 'answered: ok' }, armed: 0,
    },
    {
      name: 'no answer: SendTimeoutError at the time, not a millisecond before',
      steps: [['wait', 'r1'], ['advance', 9999], ['outcome', 'r1#1', 'waiting'], ['advance', 1]],
      outcomes: { 'r1#1': TIMED_OUT }, armed: 0,
    },
    {
      name: 'an answer after the timeout finds nothing waiting',
      steps: [['wait', 'r1'], ['advance', 10_000], ['resolve', 'r1', 'late', false]],
      outcomes: { 'r1#1': TIMED_OUT }, armed: 0,
    },
    {
      name: 'a failure frame rejects the wait; a second one finds nothing',
      steps: [['wait', 'r1'], ['reject', 'r1', true], ['reject', 'r1', false]],
      outcomes: { 'r1#1': 'Error: refused r1' }, armed: 0,
    },
    {
      name: 'sent again: the older wait is given up, the new one answered, the old timer gone',
      steps: [['wait', 'r1'], ['advance', 5000], ['wait', 'r1'], ['advance', 9999], ['resolve', 'r1', 'ok', true]],
      outcomes: { 'r1#1': 'Error: sent again', 'r1#2': 'answered: ok' }, armed: 0,
    },
    {
      name: 'a retry after a timeout waits afresh',
      steps: [['wait', 'r1'], ['advance', 10_000], ['wait', 'r1'], ['advance', 5000], ['resolve', 'r1', 'ok', true]],
      outcomes: { 'r1#1': TIMED_OUT, 'r1#2': 'answered: ok' }, armed: 0,
    },
    {
      name: 'not put on the wire: fails at once with the caller\'s error, nothing left waiting',
      steps: [['send', 'r1', false], ['oldest', undefined]],
      outcomes: { 'r1#1': 'Error: not sent r1' }, armed: 0,
    },
    {
      name: 'put on the wire: waits like any other',
      steps: [['send', 'r1', true], ['oldest', 'r1'], ['advance', 10_000]],
      outcomes: { 'r1#1': TIMED_OUT }, armed: 0,
    },
    {
      name: 'answers are per reference: answering one leaves the others waiting',
      steps: [['wait', 'r1'], ['wait', 'r2'], ['resolve', 'r2', 'two', true]],
      outcomes: { 'r1#1': 'waiting', 'r2#1': 'answered: two' }, armed: 1,
    },
    {
      name: 'the connection ends: every waiting send fails, each with an error of its own',
      steps: [['wait', 'r1'], ['wait', 'r2'], ['resolve', 'r1', 'one', true], ['wait', 'r3'], ['rejectAll'], ['oldest', undefined]],
      outcomes: { 'r1#1': 'answered: one', 'r2#1': 'Error: closed 1', 'r3#1': 'Error: closed 2' }, armed: 0,
    },
    {
      name: 'oldest names the first still waiting (to blame a failure frame that names none)',
      steps: [
        ['wait', 'r1'], ['advance', 10], ['wait', 'r2'], ['wait', 'r3'], ['oldest', 'r1'], ['resolve', 'r1', 'one', true],
        ['oldest', 'r2'], ['wait', 'r2'], ['oldest', 'r3'], ['advance', REPLY_TIMEOUT_MS], ['oldest', undefined],
      ],
      outcomes: { 'r1#1': 'answered: one', 'r2#1': 'Error: sent again', 'r3#1': TIMED_OUT, 'r2#2': TIMED_OUT }, armed: 0,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const scheduler = new ManualScheduler(0);
      const replies = new PendingReplies<string>(scheduler, REPLY_TIMEOUT_MS);
      const outcomes: Record<string, string> = {};
      const waits = new Map<string, number>();
      let closed = 0;
      const track = (ref: string, p: Promise<string>): void => {
        const key = `${ref}#${(waits.get(ref) ?? 0) + 1}`;
        waits.set(ref, (waits.get(ref) ?? 0) + 1);
        outcomes[key] = 'waiting';
        p.then((v) => { outcomes[key] = `answered: ${v}`; }, (err: Error) => {
          outcomes[key] = `${err instanceof SendTimeoutError ? 'SendTimeoutError' : 'Error'}: ${err.message}`;
        });
      };
      for (const step of c.steps) {
        switch (step[0]) {
          case 'wait': track(step[1], replies.wait(step[1])); break;
          case 'send': {
            const ref = step[1];
            const transmitted = step[2];
            track(ref, replies.send(ref, () => transmitted, () => new Error(`not sent ${ref}`)));
            break;
          }
          case 'advance': scheduler.advance(step[1]); break;
          case 'resolve': expect(replies.resolve(step[1], step[2]), `resolve ${step[1]}: waited`).to.equal(step[3]); break;
          case 'reject': expect(replies.reject(step[1], new Error(`refused ${step[1]}`)), `reject ${step[1]}: waited`).to.equal(step[2]); break;
          case 'rejectAll': replies.rejectAll(() => new Error(`closed ${++closed}`)); break;
          case 'oldest': expect(replies.oldest(), 'oldest').to.equal(step[1]); break;
          case 'outcome': await settle(); expect(outcomes[step[1]], step[1]).to.equal(step[2]); break;
        }
        await Promise.resolve();
      }
      await settle();
      expect(outcomes).to.deep.equal(c.outcomes);
      expect(scheduler.armed, 'timers armed at the end').to.equal(c.armed);
    });
  }
});

describe('policy: send acknowledgement — answeredWithin waits for every answer, or fails and cleans up', () => {
  interface WithinCase {
    name: string;
    /** The connection had ended before the wait began. */
    closedBefore?: boolean;
    /** When the last answer comes: at once (inside `arm`), at a time, or never. */
    answered: 'at once' | number | 'never';
    /** When the connection ends, if it does. */
    closesAt?: number;
    /** How the wait ended, and when. */
    outcome: string;
    /** Whether `arm` ran (and so must have been stopped once). */
    armed: boolean;
  }
  const WITHIN_MS = 5000;
  const cases: WithinCase[] = [
    { name: 'every answer in at once: resolved at once', answered: 'at once', outcome: 'answered@0', armed: true },
    { name: 'the last answer in time: resolved then', answered: 1200, outcome: 'answered@1200', armed: true },
    { name: 'no answer: timed out at the deadline', answered: 'never', outcome: 'timed out@5000', armed: true },
    { name: 'an answer after the deadline changes nothing', answered: 7000, outcome: 'timed out@5000', armed: true },
    { name: 'the connection ends first: closed then', answered: 'never', closesAt: 300, outcome: 'closed@300', armed: true },
    { name: 'an end after every answer is in changes nothing', answered: 200, closesAt: 300, outcome: 'answered@200', armed: true },
    { name: 'already closed: fails at once and never listens', closedBefore: true, answered: 'never', outcome: 'closed@0', armed: false },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const scheduler = new ManualScheduler(0);
      const connection = new AbortController();
      if (c.closedBefore) connection.abort();
      const calls = { timedOut: 0, closed: 0, arm: 0, stop: 0 };
      let done: () => void = () => undefined;
      let outcome = 'pending';
      // Each failure says when it was made: the wait's handlers run later, once time has moved on.
      const fail = {
        timedOut: () => { calls.timedOut++; return new Error(`timed out@${scheduler.now()}`); },
        closed: () => { calls.closed++; return new Error(`closed@${scheduler.now()}`); },
      };
      answeredWithin(scheduler, connection.signal, WITHIN_MS, fail, (finish) => {
        calls.arm++;
        done = finish;
        if (c.answered === 'at once') finish();
        return () => { calls.stop++; };
      }).then(() => { outcome = `answered@${scheduler.now()}`; }, (err: Error) => { outcome = err.message; });
      await settle(1);
      const events: [number, () => void][] = [];
      if (typeof c.answered === 'number') events.push([c.answered, () => done()]);
      if (c.closesAt !== undefined) events.push([c.closesAt, () => connection.abort()]);
      for (const [at, event] of events.sort((a, b) => a[0] - b[0])) {
        scheduler.advance(at - scheduler.now());
        event();
        await settle(1);
      }
      scheduler.advance(Math.max(0, 10_000 - scheduler.now()));
      await settle();
      expect(outcome).to.equal(c.outcome);
      // Once settled, nothing it left behind may act: no timer, no abort listener, no answers' listener.
      connection.abort();
      done();
      await settle();
      expect(outcome, 'unchanged after the end').to.equal(c.outcome);
      expect(scheduler.armed, 'no timer left').to.equal(0);
      const kind = c.outcome.split('@')[0];
      expect(calls).to.deep.equal({
        timedOut: kind === 'timed out' ? 1 : 0, closed: kind === 'closed' ? 1 : 0, arm: c.armed ? 1 : 0, stop: c.armed ? 1 : 0,
      });
    });
  }
});

describe('policy: send acknowledgement — a fetched copy of mine claims the send it confirms (claimOwnSends)', () => {
  interface Send { ref: string; text: string; at?: number; handedOver?: boolean; failed?: boolean; accepted?: boolean; conversationId?: string }
  interface ClaimCase {
    name: string;
    sends: Send[];
    fetched: ChatEvent[];
    /** The protocol's comparison of a composed text with a fetched one (default: equal). */
    sameText?: (mine: string, theirs: string) => boolean;
    /** The reference each fetched event carries afterwards (undefined: none). */
    claimed: (string | undefined)[];
    /** Conversation c1 once the claimed events are applied. */
    thread: string[];
  }
  const refOf = (e: ChatEvent): string | undefined => (e.type === 'message.created' ? e.message.clientRef : undefined);
  const mine = (id: string, text: string, at = T0 + 10, extra: Partial<Message> = {}) => created({ id, text, self: true, at, ...extra });
  const cases: ClaimCase[] = [
    {
      name: 'my fetched message with no reference takes the handed-over send\'s',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true }], fetched: [mine('s1', 'hello')],
      claimed: ['r1'], thread: ['s1'],
    },
    {
      name: 'two of the same text: the oldest send first, each claimed once',
      sends: [{ ref: 'r1', text: 'same', handedOver: true }, { ref: 'r2', text: 'same', at: T0 + 1, handedOver: true }],
      fetched: [mine('s1', 'same'), mine('s2', 'same', T0 + 11)],
      claimed: ['r1', 'r2'], thread: ['s1', 's2'],
    },
    {
      name: 'more copies than sends: the extra copy is another message of mine',
      sends: [{ ref: 'r1', text: 'same', handedOver: true }], fetched: [mine('s1', 'same'), mine('s2', 'same', T0 + 11)],
      claimed: ['r1', undefined], thread: ['s1', 's2'],
    },
    {
      name: 'a send not yet handed over is never claimed: the same text came from another device of mine',
      sends: [{ ref: 'r1', text: 'hello' }], fetched: [mine('s1', 'hello')],
      claimed: [undefined], thread: ['local:r1', 's1'],
    },
    {
      name: 'someone else\'s message with the same text is theirs',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true }], fetched: [created({ id: 'a1', text: 'hello', sender: ADA, at: T0 + 10 })],
      claimed: [undefined], thread: ['local:r1', 'a1'],
    },
    {
      name: 'a copy that carries a reference keeps its own',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true }], fetched: [mine('s1', 'hello', T0 + 10, { clientRef: 'other-device' })],
      claimed: ['other-device'], thread: ['local:r1', 's1'],
    },
    {
      name: 'a failed send the server did store is claimed',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true, failed: true }], fetched: [mine('s1', 'hello')],
      claimed: ['r1'], thread: ['s1'],
    },
    {
      name: 'a send accepted and awaiting its echo is claimed by the fetched copy',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true, accepted: true }], fetched: [mine('s1', 'hello')],
      claimed: ['r1'], thread: ['s1'],
    },
    {
      name: 'a copy the server dated well before the send was written is not it',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true }], fetched: [mine('s1', 'hello', T0 - CLOCK_SKEW_MS - 1)],
      claimed: [undefined], thread: ['s1', 'local:r1'],
    },
    {
      name: 'other text: no claim',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true }], fetched: [mine('s1', 'goodbye')],
      claimed: [undefined], thread: ['local:r1', 's1'],
    },
    {
      name: 'a send in another conversation is not claimed',
      sends: [{ ref: 'r1', text: 'hello', handedOver: true, conversationId: 'c2' }], fetched: [mine('s1', 'hello')],
      claimed: [undefined], thread: ['s1'],
    },
    {
      name: 'the protocol\'s own comparison (markup the server strips) claims what plain equality would not',
      sends: [{ ref: 'r1', text: '**bold** move', handedOver: true }], fetched: [mine('s1', 'bold move')],
      sameText: (m, t) => m.replaceAll('**', '') === t,
      claimed: ['r1'], thread: ['s1'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { store } = manualStore(() => T0);
      for (const s of c.sends) {
        const cid = s.conversationId ?? 'c1';
        store.addPending(pending(s.ref, s.text, s.at ?? T0, cid));
        if (s.handedOver) store.markHandedOver(cid, s.ref);
        if (s.accepted) store.markAccepted(cid, s.ref);
        if (s.failed) store.setPendingState(cid, s.ref, 'failed', 'timeout');
      }
      const out = claimOwnSends(c.fetched, storeView(store), c.sameText ?? ((a, b) => a === b));
      expect(out.map(refOf)).to.deep.equal(c.claimed);
      c.fetched.forEach((e, i) => {
        if (refOf(e) === c.claimed[i]) expect(out[i], `unclaimed event ${i} is handed back as is`).to.equal(e);
      });
      store.apply(out);
      expect(ids(store)).to.deep.equal(c.thread);
    });
  }
});

describe('policy: send acknowledgement — the view\'s confirmableSend matches as the store itself does', () => {
  interface MatchCase { name: string; sends: Send[]; incoming: Message; match: string | undefined }
  interface Send { ref: string; text: string; at?: number; handedOver?: boolean; failed?: boolean }
  const incoming = (text: string, at = T0 + 10): Message => created({ id: 's1', text, self: true, at }).message;
  const cases: MatchCase[] = [
    { name: 'the same text, handed over', sends: [{ ref: 'r1', text: 'hello', handedOver: true }], incoming: incoming('hello'), match: 'r1' },
    { name: 'the same text but for the spaces around it', sends: [{ ref: 'r1', text: 'hello', handedOver: true }], incoming: incoming('  hello \n'), match: 'r1' },
    { name: 'not handed over', sends: [{ ref: 'r1', text: 'hello' }], incoming: incoming('hello'), match: undefined },
    { name: 'failed after it was handed over', sends: [{ ref: 'r1', text: 'hello', handedOver: true, failed: true }], incoming: incoming('hello'), match: 'r1' },
    {
      name: 'the oldest of two, skipping one not handed over',
      sends: [{ ref: 'r0', text: 'hello' }, { ref: 'r1', text: 'hello', at: T0 + 1, handedOver: true }, { ref: 'r2', text: 'hello', at: T0 + 2, handedOver: true }],
      incoming: incoming('hello'), match: 'r1',
    },
    { name: 'dated before the clock skew allows', sends: [{ ref: 'r1', text: 'hello', handedOver: true }], incoming: incoming('hello', T0 - CLOCK_SKEW_MS - 1), match: undefined },
    { name: 'dated just within the clock skew', sends: [{ ref: 'r1', text: 'hello', handedOver: true }], incoming: incoming('hello', T0 - CLOCK_SKEW_MS), match: 'r1' },
    { name: 'other text', sends: [{ ref: 'r1', text: 'hello', handedOver: true }], incoming: incoming('hello!'), match: undefined },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { store } = manualStore(() => T0);
      for (const s of c.sends) {
        store.addPending(pending(s.ref, s.text, s.at ?? T0));
        if (s.handedOver) store.markHandedOver('c1', s.ref);
        if (s.failed) store.setPendingState('c1', s.ref, 'failed', 'timeout');
      }
      expect(storeView(store).confirmableSend(c.incoming)?.clientRef, 'the view').to.equal(c.match);
      store.apply([{ type: 'message.created', message: c.incoming }]);
      const confirmed = store.getState().messages.get('c1')?.find((m) => m.id === 's1');
      expect(confirmed?.clientRef, 'the store').to.equal(c.match);
      expect(store.unconfirmedMessages('c1').map((m) => m.clientRef), 'left unconfirmed')
        .to.deep.equal(c.sends.map((s) => s.ref).filter((ref) => ref !== c.match));
    });
  }
});
