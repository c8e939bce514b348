/**
 * The adapter fuzz (issue #9): mutated seed frames delivered to a protocol's real adapter through
 * its fake transport, as the live socket would deliver them, with everything the adapter emitted
 * applied to a real store bound to a real thread and conversation list in Chromium.
 *
 * What it observes, frame by frame, on the adapter's `host.report` calls: at most one report per
 * frame; exactly one `decode` report for a frame the mutation made always-bad; no exception out
 * of the transport's callback; no invalid time or URL in what was emitted; the connection stays
 * open (no `host.closed`). After every batch, on screen (see render.ts): no render-error notice,
 * no page error, no markup outside the sanitizer's allow-list, the page still turning, and the
 * thread scrolled to a different place. At the end: valid seed frames still produce their events,
 * the newest message renders, the thread rendered its oldest, middle and newest rows at some
 * point, and `Object.prototype` is untouched. Every failure names the seed and the frame.
 */
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { TestHost } from '../helpers/fake-adapter-host.js';
import { until } from '../helpers/fake-protocol.js';
import { KINDS, mutate, prng, wireText, type Json, type MutationKind, type Mutant } from './mutate.js';
import { FuzzScreen } from './render.js';
import { fuzzRun, replayHint, type FuzzRun } from './run.js';
import { invalidValues } from './wire-values.js';

/** Frames between two looks at the screen. */
const BATCH = 100;

/** One seed frame of a backend. */
export interface WireSeed {
  /** For the failure messages and the summary. */
  name: string;
  /** The socket.io event it arrives as (socket.io transports only). */
  event?: string;
  /** The frame (text transports) or the event's payload (socket.io). */
  frame: Json;
  /** Delivered unmutated, it yields at least one event (control frames may yield none). */
  yields: boolean;
  /** How often it is picked, relative to the others (1 when absent). */
  weight?: number;
}

/** A connected adapter, and how a frame reaches it. */
export interface LiveAdapter {
  t: TestHost;
  /**
   * Deliver one frame as the live socket would: wire text, or a socket.io event's payload. `m` is
   * the mutation that made it (none for a valid frame).
   */
  deliver(seed: WireSeed, wire: unknown, m?: Mutant): void;
  /** Whether the fake transport is still open (the adapter did not close it). */
  isOpen(): boolean;
  /** Wait for follow-up work a frame started (a gap fill, a fetch) to finish. */
  idle?(): Promise<void>;
  close(): void;
}

/** One backend under fuzz. */
export interface AdapterFuzzTarget {
  backend: string;
  /** The conversation the thread shows (the message seeds are moved into it). */
  conversationId: string;
  /** The transport carries JSON text (so broken JSON can arrive as the frame). */
  text: boolean;
  seeds: WireSeed[];
  /** A copy of the seed for frame `i`, with fresh message ids (and times), so the thread grows. */
  fresh(seed: WireSeed, i: number): Json;
  /** Connect the real adapter through the backend's fakes; what it emits goes to `screen`. */
  connect(screen: FuzzScreen): Promise<LiveAdapter>;
  /** Whether this mutant must be rejected when it arrives as this seed's event (default: `alwaysBad`). */
  mustReject?(seed: WireSeed, m: Mutant): boolean;
  /** Report codes a frame may legitimately cause besides `decode` (Spaces: subscription answers, send failures). */
  otherCodes?: readonly string[];
  /** Which of the frames (their descriptions, by index) may explain why a valid frame yielded nothing. */
  suspects?(frames: readonly string[]): string[];
}

/**
 * Make the host's emit also feed the screen's store (before the adapter is created). What the
 * stores throw is noted too: a transport may catch it and report it as a bad frame.
 */
export function tap(t: TestHost, screen: FuzzScreen): TestHost {
  const emit = t.host.emit;
  t.host = {
    ...t.host,
    emit: (events) => {
      try {
        emit(events);
        screen.apply(events);
      } catch (err) {
        screen.applyErrors.push(err);
        throw err;
      }
    },
  };
  return t;
}

/**
 * The conversation of frame `i`'s message: the open one, except one frame in four, which goes to
 * one of `others`. Their newest message stays newest for a while, so the list previews mutated
 * messages too (it previews only each conversation's newest).
 */
export function conversationOf(i: number, open: string, others: readonly string[]): string {
  return i % 4 === 3 ? others[(i >> 2) % others.length]! : open;
}

function pickSeed(seeds: readonly WireSeed[], rand: () => number): WireSeed {
  const total = seeds.reduce((n, s) => n + (s.weight ?? 1), 0);
  let r = rand() * total;
  for (const s of seeds) {
    r -= s.weight ?? 1;
    if (r < 0) return s;
  }
  return seeds[seeds.length - 1]!;
}

function describeThrown(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
}

function describeReport(r: ParleyError): string {
  const cause = r.cause instanceof Error && !(r.cause.name === 'DecodeError') ? `; cause ${describeThrown(r.cause)}` : '';
  return `[${r.code}] ${r.message.slice(0, 300)}${cause}`;
}

/**
 * Let promise callbacks a frame started run (a follow-up that fails before any I/O reports
 * within these), so their reports count toward that frame. Costs no task or frame.
 */
async function microtasks(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join();

interface KindStats { frames: number; rejected: number; events: number }

/** What a run did, for the printed summary. */
export interface FuzzSummary {
  run: FuzzRun;
  rejected: number;
  events: number;
  threadMessages: number;
  renderedRows: number;
  /** Frames per socket.io event (socket.io transports) or per seed name. */
  framesByEvent: Map<string, number>;
  text: string;
}

/** Fuzz one backend's adapter; resolves with the printed summary, throws on the first failure. */
export async function fuzzAdapter(target: AdapterFuzzTarget, run = fuzzRun(target.backend)): Promise<FuzzSummary> {
  const started = performance.now();
  const rand = prng(run.seed);
  const protoBefore = protoKeys();
  const screen = new FuzzScreen();
  await screen.mount(target.conversationId);
  const live = await target.connect(screen);
  const { t } = live;
  const allowed = new Set(['decode', ...(target.otherCodes ?? [])]);
  const byKind = new Map<MutationKind, KindStats>(KINDS.map((k) => [k, { frames: 0, rejected: 0, events: 0 }]));
  let reportsSeen = t.reports.length;
  let emittedSeen = t.emitted.length;
  const framesByEvent = new Map<string, number>();
  /** Per seed, the last frame of it after which the open thread held more messages; and every frame taken silently (no event, no report). */
  const grewAt = new Map<string, number>();
  let threadLength = 0;
  const silent: { at: number; where: string }[] = [];
  /** The slowest frame and screen check, printed (not asserted: a freeze shows here, or as the test's timeout). */
  const slowest = { frame: { ms: 0, where: '' }, check: { ms: 0, where: '' } };
  const note = (kind: 'frame' | 'check', since: number): void => {
    const ms = performance.now() - since;
    if (ms > slowest[kind].ms) slowest[kind] = { ms, where };
  };
  /** Every frame's description, by index, for `target.suspects`. */
  const described: string[] = [];
  /** Where frames of `seed` stopped adding to the open thread, for a failure message. */
  const stalled = (seed: WireSeed): string => {
    const at = grewAt.get(seed.name) ?? -1;
    return `${seed.name} frames last added to the open thread at frame ${at}; frames taken silently after that: `
      + `${silent.filter((f) => f.at > at).slice(0, 3).map((f) => f.where).join(' | ') || 'none'}`;
  };
  let rejected = 0;
  let events = 0;
  let where = 'connecting';
  const failure = (what: string): Error => new Error(`fuzz ${replayHint(run)}, ${where}: ${what}`);

  /** Reports and events that arrived since the last look, checked as the work of `where`. */
  const takeNew = (): { reports: ParleyError[]; events: ChatEvent[] } => {
    const out = { reports: t.reports.slice(reportsSeen), events: t.emitted.slice(emittedSeen) };
    reportsSeen = t.reports.length;
    emittedSeen = t.emitted.length;
    if (screen.applyErrors.length) throw failure(`applying the emitted events threw: ${describeThrown(screen.applyErrors[0])}`);
    const invalid = invalidValues(out.events);
    if (invalid.length) throw failure(`emitted invalid values ${JSON.stringify(invalid).slice(0, 400)}`);
    if (t.closed.length) throw failure(`the connection closed: ${JSON.stringify(t.closed)}`);
    if (!live.isOpen()) throw failure('the adapter closed its transport');
    for (const r of out.reports) if (!allowed.has(r.code)) throw failure(`a report of code ${describeReport(r)}`);
    return out;
  };

  /** After a batch: follow-up work settles and must report nothing; then the screen is checked. */
  const look = async (): Promise<void> => {
    await live.idle?.();
    const late = takeNew();
    events += late.events.length;
    if (late.reports.length) throw failure(`${late.reports.length} report(s) after the frames were handled: ${late.reports.map(describeReport).join(' | ')}`);
    const found = await screen.check();
    if (found.length) throw failure(`on screen: ${found.slice(0, 8).join(' | ')}${found.length > 8 ? ` … ${found.length} in all` : ''}`);
    if (({} as Record<string, unknown>).polluted !== undefined || protoKeys() !== protoBefore) throw failure('Object.prototype was changed');
  };

  try {
    takeNew();
    for (let i = 0; i < run.frames; i++) {
      const seed = pickSeed(target.seeds, rand);
      const m = mutate(target.fresh(seed, i), rand, target.text);
      where = `frame ${i} (${seed.name}, ${m.kind}: ${m.detail})`;
      described.push(where);
      const deliveredAt = performance.now();
      try {
        live.deliver(seed, target.text ? wireText(m) : m.frame, m);
      } catch (err) {
        throw failure(`an exception escaped the transport callback: ${describeThrown(err)}`);
      }
      await microtasks();
      note('frame', deliveredAt);
      const got = takeNew();
      if (got.reports.length > 1) throw failure(`${got.reports.length} reports for one frame: ${got.reports.map(describeReport).join(' | ')}`);
      const mustReject = target.mustReject?.(seed, m) ?? m.alwaysBad;
      if (mustReject && got.reports[0]?.code !== 'decode') {
        throw failure(`must be rejected with one decode report; got ${got.reports.map(describeReport).join(' | ') || 'none'} and ${got.events.length} events`);
      }
      if (!got.events.length && !got.reports.length && seed.yields) silent.push({ at: i, where });
      if (screen.messages().length > threadLength) grewAt.set(seed.name, i);
      threadLength = screen.messages().length;
      const key = seed.event ?? seed.name;
      framesByEvent.set(key, (framesByEvent.get(key) ?? 0) + 1);
      const stats = byKind.get(m.kind)!;
      stats.frames++;
      stats.events += got.events.length;
      events += got.events.length;
      if (got.reports[0]?.code === 'decode') { stats.rejected++; rejected++; }
      if ((i + 1) % BATCH === 0 || i === run.frames - 1) {
        where = `the batch ending at frame ${i}`;
        const lookedAt = performance.now();
        await look();
        note('check', lookedAt);
      }
    }

    // The stream goes on: every seed, unmutated, still decodes; those that carry events emit them.
    for (const [k, seed] of target.seeds.entries()) {
      const frame = target.fresh(seed, run.frames + k);
      where = `after the storm, the valid ${seed.name} frame`;
      live.deliver(seed, target.text ? JSON.stringify(frame) : frame);
      await microtasks();
      await live.idle?.(); // a frame after a gap waits for its fill (Comapi)
      const got = takeNew();
      const decode = got.reports.filter((r) => r.code === 'decode');
      if (decode.length) throw failure(`was rejected: ${decode.map(describeReport).join(' | ')}`);
      if (seed.yields && got.events.length === 0) {
        const suspects = target.suspects?.(described) ?? [];
        throw failure(`yielded no event (${suspects.length ? `suspects: ${suspects.slice(0, 3).join(' | ')}` : stalled(seed)})`);
      }
    }
    where = 'after the storm';
    await look();
    const newest = screen.messages().at(-1)?.id;
    if (newest === undefined) throw failure('the open conversation has no message');
    screen.thread.scrollToBottom();
    await until(() => screen.threadIds().includes(newest), 5000, `the newest message ${newest} rendered`).catch(() => {
      throw failure(`the newest message ${newest} is not rendered (rendered: ${screen.threadIds().join(', ')})`);
    });
    assertScrolledAround(screen, failure);
  } finally {
    live.close();
    screen.unmount();
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const kinds = [...byKind].map(([k, s]) => `${k} ${s.frames}/${s.rejected}`).join(', ');
  const summary: FuzzSummary = {
    run, rejected, events, threadMessages: screen.messages().length, renderedRows: screen.renderedMessages.size, framesByEvent,
    text: `fuzz ${run.backend} seed ${run.seed}: ${run.frames} frames in ${seconds} s through the adapter, ${rejected} rejected `
      + `(one decode report each), ${events} events emitted, ${screen.messages().length} messages in the open thread, `
      + `${screen.renderedMessages.size} distinct rows rendered, ${screen.renderedConversations.size} conversations listed; `
      + `slowest frame ${Math.round(slowest.frame.ms)} ms (${slowest.frame.where}), slowest screen check ${Math.round(slowest.check.ms)} ms (${slowest.check.where}); `
      + `kind frames/rejected: ${kinds}`,
  };
  console.log(summary.text);
  return summary;
}

/** The thread rendered its oldest rows, a middle stretch and its newest rows at some check. */
function assertScrolledAround(screen: FuzzScreen, failure: (what: string) => Error): void {
  const big = screen.reached.filter((r) => r.of >= 50);
  const top = big.some((r) => r.stop === 0 && r.from === 0);
  const middle = big.some((r) => r.stop === 0.5 && r.from > 0.05 && r.to < 0.95);
  const bottom = big.some((r) => r.stop === 1 && r.to === 1);
  if (!(top && middle && bottom)) {
    throw failure(`the thread did not render its oldest, middle and newest rows when scrolled there (top ${top}, middle ${middle}, `
      + `bottom ${bottom}): ${JSON.stringify(screen.reached.slice(-10))}`);
  }
}
