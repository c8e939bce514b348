/**
 * Row "live stream of 200 msg/s for 10 s": the bench backend sends one frame per message on that
 * schedule into an open thread; from the first frame on, for 10 s, the page records its
 * requestAnimationFrame deltas and long tasks, then how long after its arrival the last message
 * was painted.
 */
import { openParley, type BenchContext } from './context.js';
import { percentile } from './stats.js';
import { profiled } from './profile.js';

export interface StreamSample {
  p50: number;
  p95: number;
  frames: number;
  longTasks: number;
  longest: number;
  /** The last message painted this long after it arrived (undefined: never in view). */
  lastLag?: number;
}

export async function parleyStream(ctx: BenchContext, rate: number, seconds: number): Promise<StreamSample> {
  const { page, room } = await openParley(ctx);
  try {
    const got = await profiled(page, `stream-${rate}`, () => page.evaluate(async (backend, room, rate, seconds) => {
      const res = await fetch(`${backend}/__bench/send`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ roomId: room, count: rate * seconds, mine: 'none', frames: 'each', rate }),
      });
      const { lastId, frames } = (await res.json()) as { lastId: number; frames: number };
      void window.bench.arm(frames);
      await new Promise<void>((resolve) => {
        const poll = () => (window.bench.frames.first !== undefined ? resolve() : void setTimeout(poll, 1));
        poll();
      });
      const thread = () => document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-thread')?.shadowRoot;
      const painted = window.bench.waitPainted({
        find: () => thread()?.querySelector(`[part~="message"][data-message-id="${lastId}"]`),
        roots: () => [thread()],
        since: () => window.bench.frames.first,
        timeoutMs: seconds * 1000 + 20_000,
      });
      const { deltas, start, end } = await window.bench.frameTimes(seconds * 1000);
      const tasks = window.bench.longTasks.filter((t) => t.start + t.duration > start && t.start < end);
      const p = await painted;
      const lastAt = window.bench.frames.last! - window.bench.frames.first!;
      return { deltas, longTasks: tasks.length, longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0), lastLag: p.painted === undefined ? undefined : p.painted - lastAt };
    }, ctx.backend, room, rate, seconds));
    return { p50: percentile(got.deltas, 50), p95: percentile(got.deltas, 95), frames: got.deltas.length, longTasks: got.longTasks, longest: got.longest, lastLag: got.lastLag };
  } finally {
    await page.close();
  }
}

/** requestAnimationFrame deltas of an idle page (the bare one) over `ms`: what this headless browser gives at best. */
export async function idleFrames(ctx: BenchContext, ms: number): Promise<{ p50: number; p95: number; frames: number }> {
  const page = await ctx.browser.open(`${ctx.pages}/bench/bare.html?backend=${encodeURIComponent(ctx.backend)}`);
  try {
    const { deltas } = await page.evaluate((ms) => window.bench.frameTimes(ms), ms);
    return { p50: percentile(deltas, 50), p95: percentile(deltas, 95), frames: deltas.length };
  } finally {
    await page.close();
  }
}
