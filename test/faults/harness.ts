/**
 * The fault-injection suite's runner (issue 5): a widget connected to a demo server while the
 * server storms it (demo/server/shared/faults.ts): thousands of mixed events, connections cut at
 * random points, one restart of the realtime service, frames delivered twice and out of order.
 * Meanwhile the user types messages through the composer, connected or not. At the end the
 * widget's thread must equal the server's own record exactly (ids, order, text,
 * deleted and edited marks, the correspondent's read marks on my messages), nobody may still be
 * shown typing, each typed message must be at the server once, and the thread must render the
 * newest message. It prints what it injected and what it compared.
 *
 * `npm test` runs the quick storm (2,000 events, fixed seed); `npm run test:soak` the full one
 * (10,000 events per backend, more cuts, a fresh seed each run, printed for replay; set
 * `PARLEY_SEED` to replay one).
 */
import { expect } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import { until } from '../helpers/fake-protocol.js';
import { backendControl } from '../helpers/servers.js';
import { type } from '../helpers/composer.js';
import { describeThread } from '../helpers/thread-probe.js';
import type { StormOptions, StormReport } from '../../demo/server/shared/storm-types.js';
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { faultRun } from 'parley:servers';

/** One message as both sides are compared. */
export interface Row {
  id: string;
  text: string;
  deleted: boolean;
  edited?: boolean;
  /** My messages only: whether the correspondent has read them (where the record says). */
  read?: boolean;
}

/** One backend's part in the suite. */
export interface FaultTarget {
  name: string;
  /** A fresh server state with the scripted correspondent off; the storm body's extras (conversation). */
  prepare(): Promise<Record<string, unknown>>;
  /** The widget, connected to that conversation. */
  mount(extras: Record<string, unknown>): Promise<ParleyChat>;
  /** The server's own record of the conversation, oldest first. */
  record(extras: Record<string, unknown>): Promise<Row[]>;
  /** A stored message as a row (compared with the record). */
  row(message: Message): Row;
  /** False where the server forgets deleted messages: the widget's tombstones are not compared. */
  keepDeleted?: boolean;
}

/** The storm's settings (the server picks who writes; see `StormOptions`), and the user's own sends. */
export type StormSize = Omit<StormOptions, 'selfShare'> & {
  /** Messages the user types during the storm (one each quarter second from its start). */
  sends: number;
};

const run = faultRun as { soak: boolean; seed: number | null };

/** The quick storm (`npm test`) or the full one (`npm run test:soak`). */
export function stormSize(): StormSize {
  const seed = run.seed ?? (run.soak ? Math.floor(Math.random() * 2 ** 31) : 20261121);
  return run.soak
    ? { events: 10_000, rate: 500, drops: 24, restartMs: 1500, duplicate: 0.05, reorder: 0.05, seed, sends: 40 }
    : { events: 2_000, rate: 500, drops: 4, restartMs: 800, duplicate: 0.05, reorder: 0.05, seed, sends: 8 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function threadOf(chat: ParleyChat, conversationId: string): readonly Message[] {
  return chat.session.store.getState().messages.get(conversationId) ?? [];
}

/** The first difference between two row lists, said plainly. */
export function firstDifference(got: readonly Row[], want: readonly Row[]): string | undefined {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(got[i]);
    const b = JSON.stringify(want[i]);
    if (a !== b) return `at ${i} of ${want.length} (widget has ${got.length}): widget ${a ?? 'nothing'}, server ${b ?? 'nothing'}`;
  }
  return undefined;
}

/** What differs in all: ids missing from the widget, ids it has that the record lacks, and fields that differ on shared ids. */
export function differenceSummary(got: readonly Row[], want: readonly Row[]): string {
  const byId = (rows: readonly Row[]) => new Map(rows.map((r) => [r.id, r]));
  const have = byId(got);
  const should = byId(want);
  const missing = [...should.keys()].filter((id) => !have.has(id));
  const extra = [...have.keys()].filter((id) => !should.has(id));
  const fields = new Map<string, number>();
  for (const [id, w] of should) {
    const g = have.get(id);
    if (!g) continue;
    for (const k of Object.keys(w) as (keyof Row)[]) {
      if (JSON.stringify(g[k]) !== JSON.stringify(w[k])) fields.set(k, (fields.get(k) ?? 0) + 1);
    }
  }
  const ids = (list: string[]) => (list.length > 10 ? `${list.slice(0, 5).join(', ')} … ${list.slice(-5).join(', ')}` : list.join(', '));
  return `${missing.length} missing (${ids(missing)}), ${extra.length} extra (${ids(extra)}), differing fields ${JSON.stringify(Object.fromEntries(fields))}`;
}

/** The ids the thread element renders, in order. */
function renderedIds(chat: ParleyChat): string[] {
  const root = chat.shadowRoot?.querySelector('parley-thread')?.shadowRoot;
  return [...(root?.querySelectorAll('[part~="message"]') ?? [])].map((el) => el.getAttribute('data-message-id') ?? '');
}

/** Storm the widget and compare; resolves with the printed summary. */
export async function stormAndCompare(target: FaultTarget, size = stormSize()): Promise<string> {
  const extras = await target.prepare();
  const chat = await target.mount(extras);
  await until(() => chat.connectionStatus === 'open', 15000, `${target.name} open`);
  const conversationId = String(extras.conversationId);
  await until(() => chat.session.store.getState().activeConversation === conversationId, 15000, `${target.name} showing the conversation`);

  const { sends: _sends, ...storm } = size;
  await backendControl(target.name, 'storm', { ...storm, ...extras });
  let report: StormReport;
  const deadline = performance.now() + (size.events / size.rate) * 1000 * 4 + 30_000;
  // Meanwhile the user writes too, through the composer, connected or not.
  const typed: string[] = [];
  for (;;) {
    await sleep(250);
    if (typed.length < size.sends) {
      const text = `typed ${typed.length + 1} during the storm`;
      await type(chat, text);
      typed.push(text);
    }
    report = await backendControl<StormReport>(target.name, 'storm');
    if (!report.running) break;
    if (performance.now() > deadline) throw new Error(`${target.name}: the storm did not end (${JSON.stringify(report)})`);
  }
  expect(report.error, `${target.name}: the storm failed`).to.equal(undefined);

  // The widget settles: connected, caught up, equal to the record.
  let want: Row[] = [];
  let got: Row[] = [];
  const settleBy = performance.now() + 30_000;
  for (;;) {
    want = await target.record(extras);
    got = chat.connectionStatus === 'open'
      ? threadOf(chat, conversationId).filter((m) => target.keepDeleted !== false || !m.deleted).map((m) => target.row(m)) : [];
    if (!firstDifference(got, want)) break;
    if (performance.now() > settleBy) {
      throw new Error(`${target.name} (seed ${size.seed}): the thread differs from the server's record ${firstDifference(got, want)}; `
        + `in all: ${differenceSummary(got, want)}; `
        + `storm ${JSON.stringify(report)}; connection ${chat.connectionStatus}`);
    }
    await sleep(200);
  }
  await until(() => (chat.session.store.getState().typing.get(conversationId) ?? []).length === 0, 15000, `${target.name}: nobody typing at the end`);
  await chat.updateComplete;
  const newest = threadOf(chat, conversationId).at(-1)?.id;
  try {
    await until(() => renderedIds(chat).at(-1) === newest, 5000, `${target.name}: the thread renders the newest message`);
  } catch (error) {
    throw new Error(`${(error as Error).message}: newest ${newest}; ${describeThread(chat)}`);
  }
  expect(new Set(got.map((r) => r.id)).size, 'no message twice').to.equal(got.length);
  for (const text of typed) expect(want.filter((r) => r.text.includes(text)).length, `"${text}" at the server once`).to.equal(1);

  const deleted = want.filter((r) => r.deleted).length;
  const edited = want.filter((r) => r.edited).length;
  const mine = want.filter((r) => r.read !== undefined);
  const summary = `[faults] ${target.name} seed ${size.seed}: injected ${report.events} events in ${(report.elapsedMs / 1000).toFixed(1)} s `
    + `(${report.created} created, ${report.edited} edits, ${report.deleted} deletes, ${report.typing} typing, ${report.receipts} receipts), `
    + `${report.drops} connection cuts, ${report.restarts} restart, ${report.duplicated} frames twice, ${report.reordered} out of order; `
    + `${typed.length} typed by the user; compared ${want.length} messages (${target.keepDeleted === false ? 'deleted ones absent on both sides' : `${deleted} deleted`}, `
    + `${edited} edited, ${mine.length} mine with read marks): equal`;
  console.log(summary);
  return summary;
}
