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
 * Edits and deletes never touch a message within `SAME_MESSAGE_GAP` events of its last change:
 * reordering two changes of one message is only recoverable where the wire carries a version,
 * and the suite holds every backend to the same proof.
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

/** Never edit or delete a message within this many events of its last change. */
export const SAME_MESSAGE_GAP = 6;
/** Edits and deletes pick among this many newest live messages (what a catch-up page covers). */
export const RECENT = 12;
const TICK_MS = 10;

type Kind = 'create' | 'edit' | 'remove' | 'typing' | 'read';
const MIX: readonly [Kind, number][] = [['create', 0.42], ['edit', 0.16], ['remove', 0.1], ['typing', 0.2], ['read', 0.12]];

/** Drives one storm at a time. */
export class Storm {
  private report: StormReport = Storm.empty();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly faults: FrameFaults) {}

  private static empty(): StormReport {
    return { running: false, events: 0, created: 0, edited: 0, deleted: 0, typing: 0, receipts: 0, drops: 0, restarts: 0, duplicated: 0, reordered: 0, elapsedMs: 0 };
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
    // The cut points and the restart, spread over the middle of the storm.
    const cuts = new Set<number>();
    while (cuts.size < Math.min(opts.drops, Math.max(0, opts.events - 2))) cuts.add(1 + Math.floor(random() * (opts.events - 2)));
    const restartAt = opts.restartMs > 0 ? Math.floor(opts.events / 2) : -1;
    const live: string[] = [];
    const touched = new Map<string, number>();
    let typing = false;
    let step = 0;

    const pick = (): string | undefined => {
      const recent = live.slice(-RECENT).filter((id) => step - (touched.get(id) ?? -Infinity) >= SAME_MESSAGE_GAP);
      return recent.length ? recent[Math.floor(random() * recent.length)] : undefined;
    };
    const kindAt = (): Kind => {
      let x = random();
      for (const [k, w] of MIX) if ((x -= w) < 0) return k;
      return 'create';
    };
    const one = async (): Promise<void> => {
      if (cuts.has(step)) { ops.drop(); r.drops++; }
      if (step === restartAt) { ops.restart(opts.restartMs); r.restarts++; }
      let kind = kindAt();
      if ((kind === 'edit' && !ops.edit) || (kind === 'remove' && !ops.remove) || (kind === 'typing' && !ops.typing)) kind = 'create';
      const target = kind === 'edit' || kind === 'remove' ? pick() : undefined;
      if ((kind === 'edit' || kind === 'remove') && target === undefined) kind = 'create';
      switch (kind) {
        case 'create': {
          const id = await ops.create(r.created, random() < opts.selfShare);
          live.push(id);
          touched.set(id, step);
          r.created++;
          break;
        }
        case 'edit':
          await ops.edit!(target!, r.edited);
          touched.set(target!, step);
          r.edited++;
          break;
        case 'remove':
          await ops.remove!(target!);
          live.splice(live.indexOf(target!), 1);
          r.deleted++;
          break;
        case 'typing':
          typing = !typing;
          await ops.typing!(typing);
          r.typing++;
          break;
        case 'read':
          await ops.read();
          r.receipts++;
          break;
      }
      r.events++;
      step++;
    };
    const finish = async (): Promise<void> => {
      // The end state is settled: nobody typing, everything read.
      if (typing) { await ops.typing!(false); r.typing++; r.events++; }
      await ops.read();
      r.receipts++;
      r.events++;
      this.faults.disable();
    };
    const tick = async (): Promise<void> => {
      if (generation !== this.generation) return;
      const due = Math.min(opts.events, Math.ceil(((Date.now() - started) / 1000) * opts.rate));
      try {
        while (step < due && generation === this.generation) await one();
        if (step >= opts.events) {
          await finish();
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

/**
 * `POST /__control/storm` starts a storm (body: `StormOptions` fields plus what `opsFor` reads,
 * such as the conversation); `GET /__control/storm` reports its counts.
 */
export function addStormRoutes(router: Router, storm: Storm, opsFor: (body: Record<string, unknown>) => StormOps): Router {
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
    .add('GET', '/__control/storm', () => [200, storm.status()]);
}
