/**
 * Row "10,000 live events over a real socket": one `TextMessagesCreated` frame per message, sent
 * by the bench backend as fast as its socket takes them, into an open, empty thread. Parley: from
 * the first frame's arrival to the last message painted. Beside it, the browser alone: a bare
 * page that only counts the same frames from the same server (first arrival to the last).
 */
import { openParley, newRoom, type BenchContext } from './context.js';
import { sendAndWaitPainted } from './history.js';
import type { Painted } from './probe-types.js';
import { profiled } from './profile.js';

/** One Parley run. `delivered`: when the last frame reached the Parley page, from the first. */
export async function parleyBurst(ctx: BenchContext, count: number): Promise<Painted & { delivered?: number }> {
  const { page, room } = await openParley(ctx);
  try {
    return await profiled(page, `burst-${count}`, () => sendAndWaitPainted(page, ctx.backend, room, count, { mine: 'none', frames: 'each', timeoutMs: 120_000 }));
  } finally {
    await page.close();
  }
}

/** One run of the bare page: ms from the first frame to the last. */
export async function bareBurst(ctx: BenchContext, count: number): Promise<number> {
  const room = await newRoom(ctx);
  const page = await ctx.browser.open(`${ctx.pages}/bench/bare.html?backend=${encodeURIComponent(ctx.backend)}`);
  try {
    await page.waitForFunction(() => window.socketOpen !== undefined, { timeout: 10_000 });
    return await page.evaluate(async (backend, room, count) => {
      await window.socketOpen;
      const res = await fetch(`${backend}/__bench/send`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ roomId: room, count, mine: 'none', frames: 'each' }),
      });
      const { frames } = (await res.json()) as { frames: number };
      const last = await window.bench.arm(frames);
      return last - window.bench.frames.first!;
    }, ctx.backend, room, count);
  } finally {
    await page.close();
  }
}
