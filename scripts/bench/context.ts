/**
 * What every measurement gets: the browser, the page server, the bench backend, and how many runs.
 */
import type { Page } from 'puppeteer-core';
import type { BenchBrowser } from './browser.js';
import { parleyReady } from './browser.js';

export interface BenchContext {
  browser: BenchBrowser;
  /** The page server's base URL. */
  pages: string;
  /** The bench backend's base URL (Virola). */
  backend: string;
  /** Runs per timing (the report prints their median). */
  runs: number;
}

/** A fresh, empty room on the bench backend. */
export async function newRoom(ctx: BenchContext): Promise<number> {
  const res = await fetch(`${ctx.backend}/__bench/room`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`bench room: ${res.status}`);
  return ((await res.json()) as { roomId: number }).roomId;
}

/** A Parley timing page open on a fresh empty room, connected and rendered (setup: never timed). */
export async function openParley(ctx: BenchContext): Promise<{ page: Page; room: number }> {
  const room = await newRoom(ctx);
  const page = await ctx.browser.open(`${ctx.pages}/bench/parley.html?backend=${encodeURIComponent(ctx.backend)}&room=${room}`);
  await parleyReady(page);
  return { page, room };
}

/** Run `fn` `runs` times, one after the other. */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}
