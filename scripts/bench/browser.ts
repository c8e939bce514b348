/**
 * Headless Chromium for the bench (puppeteer-core; Debian's /usr/bin/chromium, or CHROME_PATH),
 * with a fresh profile, and the page helpers every measurement uses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export interface BenchBrowser {
  browser: Browser;
  /** A new blank tab (see `newPage`). */
  newPage(): Promise<Page>;
  /** A new tab at `url`, loaded; page errors go to stderr. */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-default-apps', '--disable-extensions',
];

export async function launchBrowser(): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: FLAGS,
    defaultViewport: { width: 1280, height: 800 },
    protocolTimeout: 600_000,
  });
  /**
   * A new tab. tsx (esbuild, keepNames) wraps named functions in `__name(...)`, and the callbacks
   * handed to `page.evaluate` keep those calls: the page gets a `__name` that leaves them as they are.
   */
  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
    return page;
  };
  return {
    browser,
    newPage,
    async open(url) {
      const page = await newPage();
      page.on('pageerror', (error) => console.error(`[bench] page error on ${new URL(url).pathname}: ${String(error).slice(0, 300)}`));
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The page's JS heap in bytes after a full garbage collection (CDP). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Resolves once the `<parley-chat>` of a timing page reports `connection-status="open"` and its thread has rendered. */
export async function parleyReady(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const chat = document.querySelector('parley-chat');
    return chat?.getAttribute('connection-status') === 'open' && !!chat.shadowRoot?.querySelector('parley-thread')?.shadowRoot;
  }, { timeout: timeoutMs, polling: 50 });
  await new Promise((r) => setTimeout(r, 300)); // let the initial sync's frames settle
}
