/**
 * Row "history of N messages": from data in to the newest message painted (in the DOM, in view, a
 * frame presented), the longest long task meanwhile, and where the thread stands after it.
 *
 * Parley's data in: one Virola `TextMessagesCreated` frame holding all N arriving on the widget's
 * events socket (its `message` event), the widget open on an empty room. Virola's REST pages stop
 * at 500 (`page-size`), so the socket is the one real way in for a single page of N. Every other
 * message is the signed-in user's own (Sam's), as in a real thread. deep-chat's data in: setting
 * its `history` property to the same N texts (`role` user for Sam's, ai for Vera's).
 *
 * Also "the same 10,000 as one batch" (all Vera's: the live burst's messages in one frame), and
 * the JS heap after GC with 100,000 held.
 */
import type { Page } from 'puppeteer-core';
import { heapAfterGc } from './browser.js';
import { openParley, type BenchContext } from './context.js';
import type { Painted } from './probe-types.js';
import { profiled } from './profile.js';

/** Send `count` messages as one frame into the page's room; resolve when the newest is painted. */
export function sendAndWaitPainted(page: Page, backend: string, room: number, count: number, opts: { mine: 'half' | 'none'; frames: 'one' | 'each'; rate?: number; timeoutMs: number }): Promise<Painted & { delivered?: number }> {
  return page.evaluate(async (backend, room, count, opts) => {
    const res = await fetch(`${backend}/__bench/send`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ roomId: room, count, mine: opts.mine, frames: opts.frames, rate: opts.rate }),
    });
    const { lastId, frames } = (await res.json()) as { lastId: number; frames: number };
    const delivered = window.bench.arm(frames);
    const thread = () => document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-thread')?.shadowRoot;
    const painted = await window.bench.waitPainted({
      find: () => thread()?.querySelector(`[part~="message"][data-message-id="${lastId}"]`),
      roots: () => [thread()],
      since: () => window.bench.frames.first,
      timeoutMs: opts.timeoutMs,
    });
    const last = await Promise.race([delivered, new Promise<undefined>((r) => setTimeout(r, 0))]);
    return { ...painted, delivered: last === undefined ? undefined : last - window.bench.frames.first! };
  }, backend, room, count, opts);
}

export interface HistorySample extends Painted {
  /** JS heap after GC before the data came and after it was painted (only when asked). */
  heapBefore?: number;
  heapAfter?: number;
}

/** One Parley run: a fresh page, N messages in one frame. */
export async function parleyHistory(ctx: BenchContext, n: number, opts: { mine: 'half' | 'none'; heap?: boolean }): Promise<HistorySample> {
  const { page, room } = await openParley(ctx);
  try {
    const heapBefore = opts.heap ? await heapAfterGc(page) : undefined;
    const painted = await profiled(page, `history-${n}`, () => sendAndWaitPainted(page, ctx.backend, room, n, { mine: opts.mine, frames: 'one', timeoutMs: 120_000 }));
    const heapAfter = opts.heap ? await heapAfterGc(page) : undefined;
    return { ...painted, heapBefore, heapAfter };
  } finally {
    await page.close();
  }
}

/**
 * One deep-chat run: a fresh page, `history` set to the same N texts. A page still busy after
 * `timeoutMs` (its main thread blocked, so the in-page timeout cannot fire) is closed and the run
 * reported as never painted (`painted` undefined).
 */
export async function deepChatHistory(ctx: BenchContext, n: number, timeoutMs: number): Promise<Painted> {
  const page = await ctx.browser.open(`${ctx.pages}/bench/deep-chat.html`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<Painted>((resolve) => {
    timer = setTimeout(() => resolve({ arrived: true, longest: NaN, longTasks: NaN, inView: false }), timeoutMs + 5000);
  });
  try {
    await page.waitForFunction(() => !!document.querySelector('deep-chat')?.shadowRoot?.getElementById('messages'), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    const run = page.evaluate(async (n, timeoutMs) => {
      const el = document.querySelector('deep-chat') as HTMLElement & { history?: unknown };
      const root = el.shadowRoot!;
      const text = (i: number) => `Message ${i + 1} of ${n} from ${i % 2 === 1 ? 'Sam' : 'Vera'}: the quick brown fox jumps over the lazy dog.`;
      const history = Array.from({ length: n }, (_, i) => ({ role: i % 2 === 1 ? 'user' : 'ai', text: text(i) }));
      const newest = text(n - 1);
      const find = () => {
        let c = root.getElementById('messages')?.lastElementChild;
        for (let k = 0; c && k < 6; k++, c = c.previousElementSibling) if (c.textContent?.includes(newest)) return c;
        return null;
      };
      const since = performance.now();
      el.history = history;
      return window.bench.waitPainted({ find, roots: () => [root], since, timeoutMs });
    }, n, timeoutMs);
    run.catch(() => undefined); // rejected when the page is closed under it
    return await Promise.race([run, gaveUp]);
  } finally {
    clearTimeout(timer);
    await Promise.race([page.close(), new Promise((r) => setTimeout(r, 10_000))]);
  }
}
