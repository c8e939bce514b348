/**
 * `BENCH_PROFILE=<dir>`: a measurement's CPU profile (CDP Profiler), written as
 * `<dir>/<name>.cpuprofile` for Chromium's DevTools, with its top functions by self time printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/**
 * Run `fn` under the CPU profiler when BENCH_PROFILE is set, or recording a Chromium trace (where
 * style, layout and paint show, which the CPU profile folds into "(program)") when BENCH_TRACE is;
 * otherwise just run it.
 */
export async function profiled<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_TRACE) return traced(page, process.env.BENCH_TRACE, name, fn);
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    console.error(`[bench] profile ${name}: top self time\n${topSelf(profile).join('\n')}`);
  }
}

function topSelf(p: Profile, count = 20): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return largest(self, count);
}

/** The `count` largest of `totals` (µs), a line each in ms, largest first. */
function largest(totals: ReadonlyMap<string, number>, count: number): string[] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; cat: string; args?: { name?: string } }

/** `fn` under Chromium's tracing; the trace goes to `<dir>/<name>.trace.json`, its main-thread totals by event to stderr. */
async function traced<T>(page: Page, dir: string, name: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.trace.json`);
  await page.tracing.start({ path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
  try {
    return await fn();
  } finally {
    const buffer = await page.tracing.stop();
    const { traceEvents } = JSON.parse(new TextDecoder().decode(buffer)) as { traceEvents: TraceEvent[] };
    console.error(`[bench] trace ${name}: main-thread time by event\n${mainThreadTotals(traceEvents).join('\n')}`);
  }
}

/**
 * Time by event on the page's main thread. A trace holds a renderer main thread for each renderer
 * process (an extension's, a spare one), so the page's is the busiest of them.
 */
function mainThreadTotals(events: TraceEvent[], count = 25): string[] {
  const byThread = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = `${e.pid}:${e.tid}`;
    let totals = byThread.get(thread);
    if (!totals) byThread.set(thread, totals = new Map());
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur);
  }
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => byThread.get(`${e.pid}:${e.tid}`) ?? new Map<string, number>());
  const busy = (totals: Map<string, number>) => totals.get('RunTask') ?? 0;
  const page = mains.sort((a, b) => busy(b) - busy(a))[0] ?? new Map<string, number>();
  return largest(page, count);
}
