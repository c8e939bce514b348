/**
 * Fault injection for the demo servers (issue 5's fault-injection suite), shared by all five:
 *
 * - `FrameFaults` sits between a server's event fan-out and each socket: while enabled it delivers
 *   some frames twice and swaps some with the frame after them (out of order), from a seeded
 *   random source so a failing run can be replayed.
 * - `Storm` drives a backend through a stream of mixed events (messages created, edited and
 *   deleted, typing, read receipts) at a steady rate, cutting every connection at random points
 *   and restarting the realtime service once, through operations each backend supplies. It counts
 *   what it did, for the test to print.
 *
 * What "restart" means here: every connection is cut, new ones are refused for a while, and the
 * realtime layer forgets its per-connection state (subscriptions, held frames), as a process
 * restart would; the store survives, as a database would.
 *
 * Issue 9 made the storm the stronger proof: faults stay on through the finale (the last typing-off
 * and the last read), and one cut always falls among the last events, so the widget's end state
 * has to come from its catch-up, not from a calm final frame. Edits and deletes pick any live
 * message, uniformly, also one changed by the event just before (whose two frames a reorder may
 * swap): each backend must converge from what its wire and its catch-up carry.
 */

import { HttpStatusError, type Router } from '../http.js';
import { seededRandom } from './random.js';
import type { StormOptions, StormReport } from './storm-types.js';

export type { StormOptions, StormReport };

/** How often frames are disturbed while faults are on (probabilities per frame). */
export interface FaultRates {
  duplicate: number;
  reorder: number;
}

/** One socket's delivery: call it with a thunk that sends one frame (it may run twice). */
export type Deliver = (send: () => void) => void;

/** A frame held back to be sent after the next one, no longer than this. */
const HOLD_MS = 40;

/** Duplicates and reorders frames on their way to sockets. */
export class FrameFaults {
  duplicated = 0;
  reordered = 0;
  private rates: FaultRates = { duplicate: 0, reorder: 0 };
  private random: () => number = Math.random;
  private readonly flushers = new Set<() => void>();

  get enabled(): boolean {
    return this.rates.duplicate > 0 || this.rates.reorder > 0;
  }

  enable(rates: FaultRates, random: () => number): void {
    this.rates = rates;
    this.random = random;
  }

  /** Faults off; frames still held are sent now. */
  disable(): void {
    this.rates = { duplicate: 0, reorder: 0 };
    for (const flush of [...this.flushers]) flush();
  }

  reset(): void {
    this.disable();
    this.duplicated = 0;
    this.reordered = 0;
  }

  /**
   * A delivery function for one socket. `isOpen` says whether the socket can still take a frame;
   * a frame held when the socket closes is lost with it (the client's catch-up must recover it).
   */
  socket(isOpen: () => boolean): Deliver {
    let held: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    /** The held frame, no longer held (its timer cleared). */
    const take = (): (() => void) | undefined => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      this.flushers.delete(flush);
      const h = held;
      held = undefined;
      return h;
    };
    const flush = (): void => take()?.();
    const once = (send: () => void): void => {
      if (!isOpen()) return;
      send();
      if (this.rates.duplicate > 0 && this.random() < this.rates.duplicate) {
        this.duplicated++;
        send();
      }
    };
    return (send) => {
      const h = take();
      if (h) {
        // The held frame goes after this one: the two arrive swapped.
        this.reordered++;
        once(send);
        h();
        return;
      }
      if (this.rates.reorder > 0 && this.random() < this.rates.reorder) {
        held = () => once(send);
        timer = setTimeout(flush, HOLD_MS);
        this.flushers.add(flush);
        return;
      }
      once(send);
    };
  }
}

/** What a backend lets the storm do. Ids are the backend's own message ids, as strings. */
export interface StormOps {
  /** A new message from the correspondent, or (`fromSelf`) from the user's other device; its id. */
  create(n: number, fromSelf: boolean): string | Promise<string>;
  /** Absent where the protocol has no edits; the storm writes more instead. */
  edit?(id: string, n: number): void | Promise<void>;
  /** Absent where the protocol has no deletes. */
  remove?(id: string): void | Promise<void>;
  /** Absent where the protocol has no typing. */
  typing?(on: boolean): void | Promise<void>;
  /** The correspondent reads everything so far. */
  read(): void | Promise<void>;
  /** Whether `read()` also sends typing frames (Chatwoot's read shows only through a typing pulse). */
  readTypes?: boolean;
  /** A new token for the storm's user, other than the one the widget has (absent where a backend issues one per user). */
  freshToken?(): string | Promise<string>;
  /** Cut every connection; how many were cut. */
  drop(): number;
  /** Restart the realtime service: cut everything, refuse for `ms`, forget connection state. */
  restart(ms: number): void;
}

/** Reads storm settings from a control body, with the quick suite's defaults. */
export function stormOptions(body: Record<string, unknown>): StormOptions {
  const num = (key: string, dflt: number, min: number, max: number): number => {
    const v = body[key];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Error(`${key} must be a number in [${min}, ${max}]`);
    return v;
  };
  return {
    events: Math.round(num('events', 2000, 1, 100_000)),
    seed: Math.round(num('seed', 1, 0, 2 ** 32)),
    rate: num('rate', 400, 1, 100_000),
    drops: Math.round(num('drops', 4, 0, 1000)),
    restartMs: Math.round(num('restartMs', 800, 0, 60_000)),
    duplicate: num('duplicate', 0.05, 0, 1),
    reorder: num('reorder', 0.05, 0, 1),
    selfShare: num('selfShare', 0.2, 0, 1),
  };
}

/** The last cut falls within this many steps of the end (the finale's typing-off and read among them, or after both). */
export const LAST_CUT_WINDOW = 8;
/** The finale's most steps: typing off (when someone is typing), then a read. */
const FINALE_STEPS = 2;
const TICK_MS = 10;

type Kind = 'create' | 'edit' | 'remove' | 'typing' | 'read';
const MIX: readonly [Kind, number][] = [['create', 0.42], ['edit', 0.16], ['remove', 0.1], ['typing', 0.2], ['read', 0.12]];

/** Where the cuts and the restart fall, in steps done (a cut at `n` comes after `n` steps). */
interface CutPlan {
  cuts: Set<number>;
  /** The last cut: among the final steps, or after them all. */
  last: number;
  restartAt: number;
}

/**
 * Cuts spread over the whole run, the finale included (`events + FINALE_STEPS` is "after
 * everything"), one more among its last `LAST_CUT_WINDOW` steps, and the restart somewhere in the
 * middle half, all from the seed.
 */
function planCuts(opts: StormOptions, random: () => number): CutPlan {
  const end = opts.events + FINALE_STEPS;
  const cuts = new Set<number>();
  while (cuts.size < Math.min(opts.drops, end - 1)) cuts.add(1 + Math.floor(random() * end));
  const last = Math.max(1, end - Math.floor(random() * (LAST_CUT_WINDOW + 1)));
  cuts.add(last);
  const restartAt = opts.restartMs > 0 ? Math.floor(opts.events * (0.25 + random() * 0.5)) : -1;
  return { cuts, last, restartAt };
}

/** Drives one storm at a time. */
export class Storm {
  private report: StormReport = Storm.empty();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly faults: FrameFaults) {}

  private static empty(): StormReport {
    return {
      running: false, events: 0, created: 0, edited: 0, deleted: 0, typing: 0, receipts: 0, drops: 0, restarts: 0,
      duplicated: 0, reordered: 0, elapsedMs: 0, backToBack: 0, lastCutAfter: 0,
    };
  }

  status(): StormReport {
    return { ...this.report, duplicated: this.faults.duplicated, reordered: this.faults.reordered };
  }

  /** Stop any storm and forget its counts; faults off. */
  reset(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.faults.reset();
    this.report = Storm.empty();
  }

  /** Start a storm (replacing any running one); it runs in the background, `status()` says when it ended. */
  start(opts: StormOptions, ops: StormOps): void {
    this.reset();
    const generation = this.generation;
    const random = seededRandom(opts.seed);
    // Frames get their own random source: how many frames there are depends on who is connected,
    // and the storm's own choices must replay exactly from the seed.
    this.faults.enable({ duplicate: opts.duplicate, reorder: opts.reorder }, seededRandom(opts.seed ^ 0x9e3779b9));
    const r = this.report;
    r.running = true;
    const started = Date.now();
    const plan = planCuts(opts, random);
    const live: string[] = [];
    /** The message the previous event created or changed. */
    let lastTouched: string | undefined;
    let typing = false;
    let step = 0;
    /** Set once the random events are done: what the finale still has to send. */
    let finale: ('typing-off' | 'read')[] | undefined;

    const cutIfDue = (): void => {
      if (!plan.cuts.has(step)) return;
      ops.drop();
      r.drops++;
      r.lastCutAfter = step;
    };
    /** Any live message, uniformly: the whole history, the newest and the one just changed included. */
    const pick = (): string | undefined => (live.length ? live[Math.floor(random() * live.length)] : undefined);
    const kindAt = (): Kind => {
      let x = random();
      for (const [k, w] of MIX) if ((x -= w) < 0) return k;
      return 'create';
    };
    const typed = async (on: boolean): Promise<void> => {
      typing = on;
      await ops.typing!(on);
      r.typing++;
      r.lastTypingAt = Date.now();
    };
    const read = async (): Promise<void> => {
      await ops.read();
      r.receipts++;
      if (ops.readTypes) r.lastTypingAt = Date.now();
    };
    const change = async (kind: 'edit' | 'remove', target: string): Promise<void> => {
      if (target === lastTouched) r.backToBack++;
      if (kind === 'edit') {
        await ops.edit!(target, r.edited);
        r.edited++;
        lastTouched = target;
      } else {
        await ops.remove!(target);
        live.splice(live.indexOf(target), 1);
        r.deleted++;
        lastTouched = undefined;
      }
    };
    const randomEvent = async (): Promise<void> => {
      let kind = kindAt();
      if ((kind === 'edit' && !ops.edit) || (kind === 'remove' && !ops.remove) || (kind === 'typing' && !ops.typing)) kind = 'create';
      const target = kind === 'edit' || kind === 'remove' ? pick() : undefined;
      if ((kind === 'edit' || kind === 'remove') && target === undefined) kind = 'create';
      switch (kind) {
        case 'create': {
          const id = await ops.create(r.created, random() < opts.selfShare);
          live.push(id);
          lastTouched = id;
          r.created++;
          return;
        }
        case 'edit':
        case 'remove':
          await change(kind, target!);
          return;
        case 'typing':
          lastTouched = undefined;
          await typed(!typing);
          return;
        case 'read':
          lastTouched = undefined;
          await read();
      }
    };
    const one = async (): Promise<void> => {
      cutIfDue();
      if (step === plan.restartAt) { ops.restart(opts.restartMs); r.restarts++; }
      if (step < opts.events) await randomEvent();
      else {
        // The end state is settled, under faults like the rest: nobody typing, everything read.
        finale ??= typing ? ['typing-off', 'read'] : ['read'];
        const next = finale.shift();
        if (next === 'typing-off') await typed(false);
        else await read();
      }
      r.events++;
      step++;
    };
    const done = (): boolean => finale !== undefined && finale.length === 0;
    const finish = (): void => {
      // A cut planned past the shorter finale (nobody was typing) still falls, after everything.
      if ([...plan.cuts].some((at) => at >= step)) { ops.drop(); r.drops++; r.lastCutAfter = step; }
      this.faults.disable();
    };
    const tick = async (): Promise<void> => {
      if (generation !== this.generation) return;
      const due = Math.ceil(((Date.now() - started) / 1000) * opts.rate);
      try {
        while (!done() && step < due && generation === this.generation) await one();
        if (done()) {
          finish();
          r.running = false;
          r.elapsedMs = Date.now() - started;
          return;
        }
      } catch (error) {
        r.running = false;
        r.error = String(error);
        this.faults.disable();
        return;
      }
      r.elapsedMs = Date.now() - started;
      if (generation === this.generation) this.timer = setTimeout(() => void tick(), TICK_MS);
    };
    void tick();
  }
}

/** A control body as the storm's routes read it. */
type Body = Record<string, unknown>;

/**
 * The storm's control routes:
 * - `POST /__control/storm` starts a storm (body: `StormOptions` fields plus what `opsFor` reads,
 *   such as the conversation); `GET /__control/storm` reports its counts;
 * - `POST /__control/storm/token` (the same body) issues a fresh token for the storm's user, where
 *   the backend issues more than one per user (`StormOps.freshToken`); 404 elsewhere;
 * - `POST /__control/storm/typing {on, …}` has the correspondent type (or stop) once, through
 *   the storm's own operation: the suite's end-of-storm typing probe.
 */
export function addStormRoutes(router: Router, storm: Storm, opsFor: (body: Body) => StormOps): Router {
  return router
    .add('POST', '/__control/storm', ({ body }) => {
      let opts: StormOptions;
      try {
        opts = stormOptions(body);
      } catch (error) {
        throw new HttpStatusError(422, (error as Error).message);
      }
      storm.start(opts, opsFor(body));
      return [200, { started: true, options: opts }];
    })
    .add('GET', '/__control/storm', () => [200, storm.status()])
    .add('POST', '/__control/storm/token', async ({ body }) => {
      const ops = opsFor(body);
      if (!ops.freshToken) throw new HttpStatusError(404, 'this backend issues one token per user: there is no fresh one to give');
      return [200, { token: await ops.freshToken() }];
    })
    .add('POST', '/__control/storm/typing', async ({ body }) => {
      if (typeof body.on !== 'boolean') throw new HttpStatusError(422, 'on must be a boolean');
      const ops = opsFor(body);
      if (!ops.typing) throw new HttpStatusError(404, 'this backend has no typing');
      await ops.typing(body.on);
      return [200, { on: body.on, at: Date.now() }];
    });
}
