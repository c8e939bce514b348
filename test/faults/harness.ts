/**
 * The fault-injection suite's runner (issues 5 and 9): a widget, persistent as a page runs it
 * (offline cache and outbox in IndexedDB, a fresh database each run), connected to a demo server
 * while the server storms it (demo/server/shared/faults.ts): thousands of mixed events, edits and
 * deletes anywhere in the history, connections cut at random points and once more among the last
 * events, one restart of the realtime service, frames delivered twice and out of order to the
 * very end. Meanwhile the user's side (plan.ts, from the seed) types messages through the
 * composer, connected or not; reloads the page once (cut off, a message typed while cut off, the
 * widget removed and a fresh one mounted with the same configuration and storage: what was unsent
 * must be back from the outbox before the socket opens, and reach the server once); and gives the
 * widget a new token for the same user once (or the closest thing the backend has, see each
 * target's `renewCredentials`).
 *
 * At the end, once caught up:
 * - the widget's store, paged back to the start of the history, equals the server's record
 *   exactly (ids, order, text, deleted and edited marks, the correspondent's read marks on my
 *   messages), no message twice, and each typed message is at the server once;
 * - nobody is shown typing by the deadline the backend's wire justifies, and a typing probe shows
 *   the indicator naming the correspondent and clearing as it must (typing.ts);
 * - every rendered row of the thread, read by scrolling it top to bottom (dom-walk.ts), equals the
 *   record as the UI shows it: id, visible text, the deleted placeholder, the "edited" mark and
 *   the read tick on my messages.
 * It prints the seed first, then what it injected and compared.
 *
 * `npm test` runs the quick storm (2,000 events per backend), `npm run test:soak` the full one
 * (10,000, more cuts); both take a fresh seed each run and print it; `PARLEY_SEED=<n>` replays one.
 */
import { expect } from '@open-wc/testing';
import { clear } from 'idb-keyval';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import type { ParleyConnectionChangeEvent } from '../../src/lit/events.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { backendControl } from '../helpers/servers.js';
import { type } from '../helpers/composer.js';
import { parleyStore, storedText } from '../helpers/idb.js';
import type { StormOptions, StormReport } from '../../demo/server/shared/storm-types.js';
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { faultRun } from 'parley:servers';
import { walkThread } from './dom-walk.js';
import { userPlan } from './plan.js';
import { differenceSummary, firstDifference, storedView, type Row, type View } from './rows.js';
import { nobodyTypingAtEnd, probeTyping, type Typist } from './typing.js';

export type { Row, View, Typist };

/** What a target's `prepare` returns: the conversation and the credentials its `mount` reads (a token change updates them). */
export type Extras = Record<string, unknown> & { conversationId: string };

/** One backend's part in the suite. */
export interface FaultTarget {
  name: string;
  /** A fresh server state with the scripted correspondent off; the storm body's extras (conversation, user). */
  prepare(): Promise<Extras>;
  /** A persistent widget (no `no-persist`), connected to that conversation; the same configuration each call. */
  mount(extras: Extras): Promise<ParleyChat>;
  /** The server's own record of the conversation, oldest first. */
  record(extras: Extras): Promise<Row[]>;
  /** One message as compared, whether the store holds it or the thread renders it. */
  row(view: View): Row;
  /** The record's text as the thread shows it (where the text is markup); the text itself otherwise. */
  visible?(text: string): string;
  /** False where the server forgets deleted messages: the widget's tombstones are not compared. */
  keepDeleted?: boolean;
  /**
   * True where the record keeps deleted messages but the history pages leave them out (Spaces):
   * a deleted one the widget does not hold may be absent (after the reload, older history comes
   * from those pages); one it holds must be a tombstone in its place, and every live one must be there.
   */
  unlistedDeletes?: boolean;
  /** Give the mounted widget a new token for the same user (updating `extras`), or the closest the backend has; says what it did. */
  renewCredentials(chat: ParleyChat, extras: Extras): Promise<string>;
  /** Who types at the other end; absent where the backend has no typing. */
  typist?: Typist;
}

/** The storm's settings (the server picks who writes; see `StormOptions`), and the user's own sends. */
export type StormSize = Omit<StormOptions, 'selfShare'> & {
  /** Messages the user types during the storm (spread over it, see plan.ts), besides the one typed while cut off. */
  sends: number;
};

const run = faultRun as { soak: boolean; seed: number | null };

/** The quick storm (`npm test`) or the full one (`npm run test:soak`), each with a fresh seed unless `PARLEY_SEED` names one. */
export function stormSize(): StormSize {
  const seed = run.seed ?? Math.floor(Math.random() * 2 ** 31);
  return run.soak
    ? { events: 10_000, rate: 500, drops: 24, restartMs: 1500, duplicate: 0.05, reorder: 0.05, seed, sends: 40 }
    // Slower than the soak so the reload and the token change still have storm after them.
    : { events: 2_000, rate: 300, drops: 4, restartMs: 800, duplicate: 0.05, reorder: 0.05, seed, sends: 8 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function threadOf(chat: ParleyChat, conversationId: string): readonly Message[] {
  return chat.session.store.getState().messages.get(conversationId) ?? [];
}

/** The record's rows the widget must hold: all of them, but where deletes go unlisted (see `unlistedDeletes`) only the deleted ones it has. */
function expected(target: FaultTarget, want: readonly Row[], got: readonly Row[]): Row[] {
  if (!target.unlistedDeletes) return [...want];
  const held = new Set(got.map((r) => r.id));
  return want.filter((r) => !r.deleted || held.has(r.id));
}

const isUnsent = (m: Message) => m.id.startsWith('local:') || m.status === 'pending' || m.status === 'failed';

/** Texts of my messages the widget has not yet had confirmed. */
function unsentTexts(chat: ParleyChat, conversationId: string): string[] {
  return threadOf(chat, conversationId).filter(isUnsent).map((m) => m.text);
}

/** Whether the widget's store holds a message with this text. */
const holds = (chat: ParleyChat, conversationId: string, text: string) => threadOf(chat, conversationId).some((m) => m.text.includes(text));

/** What the reload did, checked once the storm is over. */
interface Reload {
  /** Storm events done when it started. */
  atEvent: number;
  /** Storm messages created by then. */
  created: number;
  /** Unsent messages when the old widget went. */
  carried: string[];
  /** Which of them the new widget held when its connection first opened. */
  heldAtFirstOpen: Promise<string[]>;
}

/**
 * A page reload mid-storm: the server refuses sockets and cuts them, the user types while cut off,
 * the outbox reaches IndexedDB, the widget goes and a fresh one with the same configuration comes;
 * the server accepts again once the new widget has restored what was unsent.
 */
async function reloadPage(target: FaultTarget, extras: Extras, old: ParleyChat, text: string, atEvent: number, created: number): Promise<{ chat: ParleyChat; reload: Reload }> {
  const cid = extras.conversationId;
  await backendControl(target.name, 'refuse', { ms: 60_000 });
  try {
    await backendControl(target.name, 'drop', {});
    await until(() => old.connectionStatus !== 'open', 15_000, `${target.name}: cut off before the reload`);
    await type(old, text);
    await until(() => unsentTexts(old, cid).includes(text), 5000, `${target.name}: "${text}" pending while cut off`);
    const carried = unsentTexts(old, cid);
    const stored = (t: string) => JSON.stringify(t).slice(1, -1);
    await eventually(async () => { const kept = await storedText(); return carried.every((t) => kept.includes(stored(t))); },
      10_000, `${target.name}: the unsent messages in IndexedDB before the reload`);
    old.remove();
    let heard: (texts: string[]) => void = () => undefined;
    const heldAtFirstOpen = new Promise<string[]>((resolve) => { heard = resolve; });
    const onStatus = (e: Event) => {
      const chat = e.target as ParleyChat;
      if (chat === old || (e as ParleyConnectionChangeEvent).status !== 'open') return;
      document.removeEventListener('parley-connection-change', onStatus);
      heard(carried.filter((t) => holds(chat, cid, t)));
    };
    document.addEventListener('parley-connection-change', onStatus);
    const chat = await target.mount(extras);
    await until(() => carried.every((t) => holds(chat, cid, t)), 10_000, `${target.name}: the unsent messages back from the outbox after the reload`);
    return { chat, reload: { atEvent, created, carried, heldAtFirstOpen } };
  } finally {
    await backendControl(target.name, 'refuse', { ms: 0 });
  }
}

/**
 * Load older pages until the history says it has reached the start, the connection is not open,
 * or a page adds nothing (a history that says "more" but gives none: the comparison then shows
 * what is missing, and the history state is printed with it).
 */
async function loadToStart(chat: ParleyChat, conversationId: string): Promise<void> {
  for (;;) {
    const h = chat.session.store.getState().history.get(conversationId);
    if (chat.connectionStatus !== 'open' || h?.hasMore === false) return;
    if (h?.loading) {
      await sleep(20);
      continue;
    }
    const before = threadOf(chat, conversationId).length;
    await chat.session.loadOlder(conversationId);
    if (threadOf(chat, conversationId).length <= before) return;
  }
}

/**
 * Errors the page throws while a storm runs (the widget's own, uncaught), kept instead of failing
 * the test at once, so that the run goes on and reports them with whatever else it finds.
 */
function keepUncaught(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const where = (stack: unknown) => (typeof stack === 'string' ? ` ${stack.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ')}` : '');
  // The test runner's mocha reports page errors through `window.onerror` (a capturing listener
  // does not stop it), so the run holds that handler meanwhile and gives it back after.
  const mochaHandler = window.onerror;
  window.onerror = (message, _source, _line, _column, error) => {
    errors.push(`${String(message)}${where(error?.stack)}`);
    return true;
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    errors.push(`unhandled rejection: ${String(e.reason)}${where((e.reason as Error | undefined)?.stack)}`);
  };
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.onerror = mochaHandler;
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Storm the widget and compare; resolves with the printed summary. Any uncaught page error fails it too. */
export async function stormAndCompare(target: FaultTarget, size = stormSize()): Promise<string> {
  const tag = `${target.name} (seed ${size.seed}, replay with PARLEY_SEED=${size.seed})`;
  console.log(`[faults] ${target.name}: seed ${size.seed}, ${size.events} events (replay with PARLEY_SEED=${size.seed})`);
  const uncaught = keepUncaught();
  const thrown = (list: string[]) => `${list.length} uncaught error(s) on the page during the run: ${[...new Set(list)].join(' | ')}`;
  try {
    const summary = await stormRun(target, size, tag);
    expect(uncaught.errors, `${tag}: ${thrown(uncaught.errors)}`).to.deep.equal([]);
    return summary;
  } catch (error) {
    if (uncaught.errors.length && !(error as Error).message.includes('uncaught error(s)')) {
      (error as Error).message += `; also ${thrown(uncaught.errors)}`;
    }
    throw error;
  } finally {
    uncaught.stop();
  }
}

/** What the user's side did during the storm. */
interface UserSide {
  /** The widget on the page at the end (the reload replaced the first). */
  chat: ParleyChat;
  report: StormReport;
  typed: string[];
  reload: Reload;
  token: { atEvent: number; created: number; did: string };
}

/** Start the storm and play the user's plan against it until it ends. */
async function driveStorm(target: FaultTarget, size: StormSize, extras: Extras, first: ParleyChat, tag: string): Promise<UserSide> {
  let chat = first;
  const plan = userPlan(size.seed, size.events, size.sends);
  const { sends: _sends, ...storm } = size;
  await backendControl(target.name, 'storm', { ...storm, ...extras });
  let report: StormReport;
  const deadline = performance.now() + (size.events / size.rate) * 1000 * 4 + 30_000;
  const typed: string[] = [];
  /** The messages typed on the plan's schedule (the one typed while cut off comes besides). */
  let sent = 0;
  const typeNext = async (): Promise<void> => {
    const text = `typed ${++sent} during the storm`;
    await type(chat, text);
    typed.push(text);
  };
  let reload: Reload | undefined;
  let token: UserSide['token'] | undefined;
  for (;;) {
    report = await backendControl<StormReport>(target.name, 'storm');
    if (!report.running) break;
    if (performance.now() > deadline) throw new Error(`${tag}: the storm did not end (${JSON.stringify(report)})`);
    if (sent < plan.sendAt.length && report.events >= plan.sendAt[sent]!) {
      await typeNext();
    } else if (!reload && report.events >= plan.reloadAt) {
      const text = 'typed while cut off, before the reload';
      ({ chat, reload } = await reloadPage(target, extras, chat, text, report.events, report.created));
      typed.push(text);
    } else if (!token && report.events >= plan.tokenAt) {
      token = { atEvent: report.events, created: report.created, did: await target.renewCredentials(chat, extras) };
    } else {
      await sleep(50);
    }
  }
  expect(report.error, `${tag}: the storm failed`).to.equal(undefined);
  expect(reload, `${tag}: the page reloaded during the storm (at ${plan.reloadAt} events)`).not.to.equal(undefined);
  expect(token, `${tag}: the token changed during the storm (at ${plan.tokenAt} events)`).not.to.equal(undefined);
  // The storm outran the plan (a slow reload): the rest are typed now, and still checked.
  while (sent < plan.sendAt.length) await typeNext();
  return { chat, report, typed, reload: reload!, token: token! };
}

/** The store once it equals the record: the record, what of it the widget must hold, what it holds, and when. */
interface Settled {
  record: Row[];
  want: Row[];
  got: Row[];
  at: number;
}

/** The last command failures the widgets reported (a history page that keeps failing shows here). */
const recentCommandErrors: string[] = [];
window.addEventListener('parley-error', (e) => {
  if (e.error.code !== 'command') return;
  recentCommandErrors.push(e.error.message);
  if (recentCommandErrors.length > 5) recentCommandErrors.shift();
});

/** Wait for the widget to be connected, caught up, its history loaded to the start, and equal to the record. */
async function settle(target: FaultTarget, extras: Extras, user: UserSide, tag: string): Promise<Settled> {
  const { chat } = user;
  const cid = extras.conversationId;
  // Under the runner's two minutes per file, with the soak's longer storm and walk around it.
  const settleBy = performance.now() + (run.soak ? 45_000 : 30_000);
  for (;;) {
    await loadToStart(chat, cid);
    const record = await target.record(extras);
    const got = chat.connectionStatus === 'open'
      ? threadOf(chat, cid).filter((m) => target.keepDeleted !== false || !m.deleted).map((m) => target.row(storedView(m))) : [];
    const want = expected(target, record, got);
    if (!firstDifference(got, want)) return { record, want, got, at: Date.now() };
    if (performance.now() > settleBy) {
      throw new Error(`${tag}: the thread differs from the server's record ${firstDifference(got, want)}; `
        + `in all: ${differenceSummary(got, want)}; storm ${JSON.stringify(user.report)}; connection ${chat.connectionStatus}; `
        + `history ${JSON.stringify(chat.session.store.getState().history.get(cid))}, first held `
        + `${JSON.stringify(chat.session.store.getState().messages.get(cid)?.[0]?.id)}; last command errors ${JSON.stringify(recentCommandErrors)}; `
        + `reloaded at event ${user.reload.atEvent} (${user.reload.created} storm messages created by then), `
        + `token changed at event ${user.token.atEvent} (${user.token.created} created)`);
    }
    await sleep(200);
  }
}

/** Walk the rendered thread and compare every row with the record as the UI shows it; the rows walked and how long it took. */
async function compareRendered(target: FaultTarget, chat: ParleyChat, record: readonly Row[], tag: string): Promise<string> {
  const started = performance.now();
  const rendered = (await walkThread(chat)).filter((v) => target.keepDeleted !== false || !v.deleted).map((v) => target.row(v));
  const shown = expected(target, record, rendered).map((r) => ({ ...r, text: target.visible ? target.visible(r.text) : r.text }));
  const diff = firstDifference(rendered, shown);
  if (diff) throw new Error(`${tag}: the rendered thread differs from the record ${diff}; in all: ${differenceSummary(rendered, shown)}`);
  return `${rendered.length} rendered rows (walked in ${((performance.now() - started) / 1000).toFixed(1)} s)`;
}

/** The run itself (see the header). */
async function stormRun(target: FaultTarget, size: StormSize, tag: string): Promise<string> {
  await clear(parleyStore()); // a fresh storage: no cache or outbox of an earlier run
  const extras = await target.prepare();
  const first = await target.mount(extras);
  await until(() => first.connectionStatus === 'open', 15_000, `${target.name} open`);
  await until(() => first.session.store.getState().activeConversation === extras.conversationId, 15_000, `${target.name} showing the conversation`);

  const user = await driveStorm(target, size, extras, first, tag);
  const { chat, report, reload, token } = user;
  const { record, want, got, at } = await settle(target, extras, user, tag);
  expect(new Set(got.map((r) => r.id)).size, `${tag}: no message twice`).to.equal(got.length);
  for (const text of user.typed) expect(want.filter((r) => r.text.includes(text)).length, `${tag}: "${text}" at the server once`).to.equal(1);
  expect(await reload.heldAtFirstOpen, `${tag}: the unsent messages restored from the outbox before the reloaded widget's connection opened`)
    .to.deep.equal(reload.carried);

  let typing = 'no typing';
  if (target.typist) {
    const end = await nobodyTypingAtEnd(chat, target.typist, report.lastTypingAt, at, tag);
    typing = `typing ${end}; probe: ${await probeTyping(chat, target.typist, target.name, extras)}`;
  }
  const rendered = await compareRendered(target, chat, record, tag);

  const deleted = target.keepDeleted === false ? 'deleted ones absent on both sides' : target.unlistedDeletes
    ? `${want.filter((r) => r.deleted).length} of ${record.filter((r) => r.deleted).length} deleted held as tombstones`
    : `${want.filter((r) => r.deleted).length} deleted`;
  const summary = `[faults] ${target.name} seed ${size.seed}: injected ${report.events} events in ${(report.elapsedMs / 1000).toFixed(1)} s `
    + `(${report.created} created, ${report.edited} edits, ${report.deleted} deletes, ${report.backToBack} of them back to back, ${report.typing} typing, ${report.receipts} receipts), `
    + `${report.drops} connection cuts (the last after event ${report.lastCutAfter}), ${report.restarts} restart, ${report.duplicated} frames twice, ${report.reordered} out of order; `
    + `${user.typed.length} typed by the user; reloaded at event ${reload.atEvent} carrying ${reload.carried.length} unsent; token at event ${token.atEvent}: ${token.did}; `
    + `compared ${want.length} messages in the store and ${rendered} (${deleted}, `
    + `${want.filter((r) => r.edited).length} edited, ${want.filter((r) => r.read !== undefined).length} mine with read marks): equal; ${typing}`;
  console.log(summary);
  return summary;
}
