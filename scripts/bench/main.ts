/**
 * `npm run bench`: the issue 11 table, measured in headless Chromium against the built bundle
 * (dist/parley.loader.js with dist/cdn/, and dist/parley.iife.js; run `npm run build` first),
 * with deep-chat fed the same histories in the same run. Timings are the median of BENCH_RUNS
 * runs (default 3), each on a fresh page. It prints; it asserts nothing about time.
 *
 * `BENCH_ONLY=history,burst,batch,stream,bytes` runs some rows, `BENCH_SIZES=1000,10000` some history sizes,
 * `BENCH_PEERS=0` no deep-chat, `BENCH_PROFILE=dir` writes CPU profiles, `BENCH_TRACE=dir` Chromium traces; `CHROME_PATH` picks the browser.
 * The store's Node-only throughput bench is `npm run bench:store` (store.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServers } from '../../demo/server/index.js';
import { launchBrowser } from './browser.js';
import { deepChatBytes, iifeBytes, launcherBytes, loaderBytes, type ByteCount } from './bytes.js';
import { bareBurst, parleyBurst } from './burst.js';
import { repeat, type BenchContext } from './context.js';
import { deepChatHistory, parleyHistory, type HistorySample } from './history.js';
import { startPageServer } from './page-server.js';
import { PAGES } from './pages.js';
import type { Painted } from './probe-types.js';
import { idleFrames, parleyStream } from './stream.js';
import { kib, mb, median, ms, ratio } from './stats.js';
import { startBenchBackend } from './virola-server.js';

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
/** deep-chat gets at most this long per run; a size it cannot finish in time (by its smaller one's time) is skipped. */
const DEEP_CHAT_CAP_MS = 60_000;
const BURST = 10_000;
const STREAM = { rate: 200, seconds: 10 };

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
for (const f of ['parley.loader.js', 'cdn/parley.js', 'parley.iife.js']) {
  if (!existsSync(dist + f)) {
    console.error(`dist/${f} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const only = new Set((process.env.BENCH_ONLY ?? 'history,burst,batch,stream,bytes').split(',').map((s) => s.trim()));
const runs = Math.max(1, Number(process.env.BENCH_RUNS) || 3);
const rows: string[][] = [];
const notes: string[] = [];
const row = (...cells: string[]) => rows.push(cells);
const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

/** Runs one group of rows; a failure becomes a row saying so, and the rest still run. */
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    row(`${name}: FAILED`, String(error).split('\n')[0]!.slice(0, 200), '', '', 'see stderr');
    console.error(`[bench] ${name} failed:`, error);
  }
}

/** "123 ms (120 / 123 / 130)": the median and each run. */
const timing = (values: (number | undefined)[]): string => {
  const got = values.filter((v): v is number => v !== undefined);
  if (!got.length) return 'never painted';
  const each = values.length > 1 ? ` (${values.map((v) => (v === undefined ? 'never' : ms(v).replace(' ', ''))).join(' / ')})` : '';
  return `${ms(median(got))}${each}`;
};

/** Longest task and where the thread stands, over the runs. */
const detail = (samples: Painted[]): string => {
  const longest = median(samples.map((s) => s.longest));
  const gaps = samples.map((s) => s.gap ?? NaN);
  const worstGap = Math.max(...gaps.filter((g) => !Number.isNaN(g)), 0);
  const inView = samples.every((s) => s.inView);
  const dom = median(samples.map((s) => s.dom ?? NaN));
  return `in DOM ${ms(dom)}; longest task ${longest ? ms(longest) : 'none > 50 ms'}; newest ${inView ? 'in view' : 'NOT in view'}, ${worstGap} px short of the bottom`;
};

const bytesCell = (b: ByteCount): string => `JS ${kib(b.js)} (${b.files} files), all ${kib(b.total)}`;

async function main(): Promise<void> {
  const started = performance.now();
  const backend = await startBenchBackend();
  const pages = await startPageServer(PAGES);
  const demo = only.has('bytes') ? await startServers({ quiet: true }) : undefined;
  const browser = await launchBrowser();
  const ctx: BenchContext = { browser, pages: pages.url, backend: backend.url, runs };
  try {
    if (only.has('history')) await section('history', async () => {
      let deepChatLast: { n: number; ms: number } | undefined;
      for (const n of SIZES) {
        progress(`history ${n}: Parley`);
        const heap = n === 100_000;
        const parley: HistorySample[] = await repeat(runs, () => parleyHistory(ctx, n, { mine: 'half', heap }));
        const p = median(parley.map((s) => s.painted ?? NaN));
        let deep: Painted[] | undefined;
        let skipped: string | undefined;
        const predicted = deepChatLast ? (deepChatLast.ms * n) / deepChatLast.n : 0;
        if (process.env.BENCH_PEERS === '0') {
          skipped = 'skipped (BENCH_PEERS=0)';
        } else if (predicted > DEEP_CHAT_CAP_MS) {
          skipped = `skipped (${deepChatLast!.n.toLocaleString('en')} took ${ms(deepChatLast!.ms)}; even linear, ${n.toLocaleString('en')} would take ${ms(predicted)} > the ${DEEP_CHAT_CAP_MS / 1000} s cap)`;
        } else {
          progress(`history ${n}: deep-chat`);
          deep = [];
          for (let i = 0; i < runs; i++) {
            const got = await deepChatHistory(ctx, n, DEEP_CHAT_CAP_MS);
            deep.push(got);
            if (got.painted === undefined) break; // over the cap: not run again
          }
          const d = median(deep.map((s) => s.painted ?? NaN));
          if (Number.isNaN(d)) skipped = `not painted within the ${DEEP_CHAT_CAP_MS / 1000} s cap (1 run, page closed; in DOM ${ms(deep[0]!.dom)})`;
          deepChatLast = { n, ms: Number.isNaN(d) ? DEEP_CHAT_CAP_MS : d };
        }
        const d = deep ? median(deep.map((s) => s.painted ?? NaN)) : undefined;
        row(`history of ${n.toLocaleString('en')}, data in → newest painted`, timing(parley.map((s) => s.painted)),
          deep && !skipped ? timing(deep.map((s) => s.painted)) : skipped ?? '–', ratio(d, p), `Parley: ${detail(parley)}${deep ? `. deep-chat: ${detail(deep)}` : ''}`);
        if (heap) {
          const after = median(parley.map((s) => s.heapAfter ?? NaN));
          const before = median(parley.map((s) => s.heapBefore ?? NaN));
          row('JS heap with 100,000 messages held (after GC)', mb(after), '', '', `the same page before the history: ${mb(before)}`);
        }
      }
    });
    if (only.has('burst')) await section('burst', async () => {
      progress(`burst ${BURST}: browser alone`);
      const bare = await repeat(runs, () => bareBurst(ctx, BURST));
      progress(`burst ${BURST}: Parley`);
      const parley = await repeat(runs, () => parleyBurst(ctx, BURST));
      const p = median(parley.map((s) => s.painted ?? NaN));
      row(`${BURST.toLocaleString('en')} live events over a real socket (one frame each), first frame → last painted`, timing(parley.map((s) => s.painted)),
        '', ratio(p, median(bare)), `browser alone delivers them in ${timing(bare)} (ratio = Parley / browser); in Parley's page the last frame arrived after ${ms(median(parley.map((s) => s.delivered ?? NaN)))}; ${detail(parley)}`);
    });
    if (only.has('batch')) await section('batch', async () => {
      progress(`batch ${BURST}: Parley`);
      const parley = await repeat(runs, () => parleyHistory(ctx, BURST, { mine: 'none' }));
      row(`the same ${BURST.toLocaleString('en')} as one batch (one frame)`, timing(parley.map((s) => s.painted)), '', '', detail(parley));
    });
    if (only.has('stream')) await section('stream', async () => {
      progress(`stream ${STREAM.rate} msg/s for ${STREAM.seconds} s: Parley`);
      const got = await repeat(runs, () => parleyStream(ctx, STREAM.rate, STREAM.seconds));
      const idle = await idleFrames(ctx, 3000);
      row(`live stream ${STREAM.rate} msg/s for ${STREAM.seconds} s`, `frames p50 ${ms(median(got.map((s) => s.p50)))}, p95 ${ms(median(got.map((s) => s.p95)))}`, '', '',
        `long tasks ${median(got.map((s) => s.longTasks))}, longest ${ms(median(got.map((s) => s.longest)))}; ${median(got.map((s) => s.frames))} frames in ${STREAM.seconds} s; last message painted ${ms(median(got.map((s) => s.lastLag ?? NaN)))} after it arrived; an idle page here: p50 ${ms(idle.p50)}, p95 ${ms(idle.p95)} (${idle.frames} frames in 3 s)`);
    });
    if (only.has('bytes') && demo) await section('bytes', async () => {
      progress('bytes');
      const chatwoot = demo.urls.chatwoot;
      const launcher = await launcherBytes(browser, `${pages.url}/bench/launcher.html?url=${encodeURIComponent(chatwoot)}`);
      const deep = await deepChatBytes(browser, `${pages.url}/bench/deep-chat-bytes.html`);
      row('gzip bytes before a launcher button shows (loader, mode="launcher")', bytesCell(launcher.beforeButton), bytesCell(deep), ratio(deep.js, launcher.beforeButton.js),
        `button shown at ${ms(launcher.buttonAt)}; after the idle load and connect: ${bytesCell(launcher.afterIdle)}`);
      const urls: Record<string, string> = { ...demo.urls, virola: demo.urls.virola.replace('//127.0.0.1:', '//localhost:') } as Record<string, string>;
      for (const name of ['virola', 'comapi', 'chatwoot', 'imkit', 'spaces']) {
        const b = await loaderBytes(browser, `${pages.url}/bench/loader.html?protocol=${name}&url=${encodeURIComponent(urls[name]!)}`);
        const chunks = b.scripts.filter((s) => /\/protocol-/.test(s)).map((s) => s.replace(/^.*\//, ''));
        row(`gzip bytes, widget + ${name} via the loader, connected`, bytesCell(b), bytesCell(deep), ratio(deep.js, b.js), `protocol chunk: ${chunks.join(', ') || 'NONE'}`);
      }
      const iife = await iifeBytes(browser, `${pages.url}/bench/iife.html?url=${encodeURIComponent(chatwoot)}`);
      row('gzip bytes, all-in-one IIFE (Chatwoot), connected', bytesCell(iife), bytesCell(deep), ratio(deep.js, iife.js), iife.scripts.join(', '));
    });
  } finally {
    await browser.close();
    await Promise.all([backend.close(), pages.close(), demo?.close()]);
  }

  const head = ['what', 'Parley (median of ' + runs + ')', 'deep-chat 2.4.2', 'ratio', 'details'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
  console.log('Data in: Parley, one Virola TextMessagesCreated frame arriving on its events socket (history: every other message');
  console.log("the signed-in user's own); deep-chat, its `history` property set. Painted: in the DOM, in view, a frame presented");
  console.log('(requestAnimationFrame, then a MessageChannel message). History ratio = deep-chat / Parley; bytes ratio = deep-chat / Parley.');
  console.log('Bytes: encoded (gzip) response bodies as Chromium received them, headers not counted; WebSocket frames not counted.');
  for (const n of notes) console.log(n);
  console.log(`bench ran ${ms(performance.now() - started)} on ${process.env.CHROME_PATH || '/usr/bin/chromium'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
