/**
 * Row "bytes each page actually downloads": every response's encoded (gzip) body bytes as Chromium
 * received them (CDP `Network.dataReceived` `encodedDataLength`, headers not counted), summed,
 * JavaScript alone and everything (document, scripts, API answers; WebSocket frames are not
 * responses and are not counted). The page server gzips what it sends.
 *
 * - launcher-first: a `mode="launcher"` page via the loader: what had arrived when the launcher
 *   button first showed (a frame with it presented), and everything once the widget had loaded on
 *   idle and connected;
 * - the widget and one backend via the loader, for each of the five demo backends, once connected;
 * - the all-in-one IIFE, once connected; deep-chat's bundle, once its element has rendered.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { BenchBrowser } from './browser.js';

interface Resource {
  url: string;
  type: string;
  /** Encoded body bytes so far. */
  bytes: number;
  /** Header bytes (the encoded length at `responseReceived`). */
  headers: number;
  done: boolean;
}

export interface ByteCount {
  js: number;
  total: number;
  /** JavaScript files fetched. */
  files: number;
  /** Paths of the JavaScript files (diagnostics). */
  scripts: string[];
}

/** Records every response of a page from before its navigation. */
async function track(page: Page): Promise<{ cdp: CDPSession; resources: Map<string, Resource> }> {
  const cdp = await page.createCDPSession();
  const resources = new Map<string, Resource>();
  cdp.on('Network.responseReceived', (e) => {
    resources.set(e.requestId, { url: e.response.url, type: e.type, bytes: resources.get(e.requestId)?.bytes ?? 0, headers: e.response.encodedDataLength, done: false });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = resources.get(e.requestId) ?? { url: '', type: '', bytes: 0, headers: 0, done: false };
    r.bytes += e.encodedDataLength;
    resources.set(e.requestId, r);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = resources.get(e.requestId);
    if (!r) return;
    r.done = true;
    // A body handed to the renderer without dataReceived events (the main document): wire total less headers.
    if (r.bytes === 0) r.bytes = Math.max(0, e.encodedDataLength - r.headers);
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { cdp, resources };
}

const isJs = (r: Resource): boolean => r.type === 'Script' || /\.m?js(\?|$)/.test(new URL(r.url || 'about:blank').pathname);

function sum(list: Iterable<Resource>): ByteCount {
  const all = [...list].filter((r) => r.url.startsWith('http'));
  const js = all.filter(isJs);
  return {
    js: js.reduce((s, r) => s + r.bytes, 0),
    total: all.reduce((s, r) => s + r.bytes, 0),
    files: js.length,
    scripts: js.map((r) => new URL(r.url).pathname),
  };
}

/** Waits until no response has been pending for `quietMs`. */
async function networkQuiet(resources: Map<string, Resource>, quietMs = 700, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  let size = -1;
  let since = Date.now();
  while (Date.now() - start < timeoutMs) {
    const pending = [...resources.values()].some((r) => !r.done);
    if (pending || resources.size !== size) {
      size = resources.size;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const chatOpen = (page: Page, timeoutMs = 20_000) => page.waitForFunction(
  () => document.querySelector('parley-chat')?.getAttribute('connection-status') === 'open', { timeout: timeoutMs, polling: 50 });

/** Bytes of a page once `ready` resolves and the network is quiet. */
export async function pageBytes(browser: BenchBrowser, url: string, ready: (page: Page) => Promise<unknown>): Promise<ByteCount> {
  const page = await browser.newPage();
  try {
    const { resources } = await track(page);
    await page.goto(url, { waitUntil: 'load' });
    await ready(page);
    await networkQuiet(resources);
    return sum(resources.values());
  } finally {
    await page.close();
  }
}

/** A loader page for one backend: bytes once connected, and whether one protocol chunk came. */
export const loaderBytes = (browser: BenchBrowser, url: string): Promise<ByteCount> => pageBytes(browser, url, (p) => chatOpen(p));

/** An IIFE page: bytes once connected. */
export const iifeBytes = loaderBytes;

/** deep-chat's page: bytes once its element has rendered. */
export const deepChatBytes = (browser: BenchBrowser, url: string): Promise<ByteCount> => pageBytes(browser, url,
  (p) => p.waitForFunction(() => !!document.querySelector('deep-chat')?.shadowRoot?.getElementById('messages'), { timeout: 20_000 }));

/**
 * The launcher-first page: what had arrived when the launcher button first showed, and everything
 * once the rest had loaded (on idle) and connected.
 */
export async function launcherBytes(browser: BenchBrowser, url: string): Promise<{ beforeButton: ByteCount; afterIdle: ByteCount; buttonAt: number }> {
  const page = await browser.newPage();
  try {
    const { resources } = await track(page);
    // Watches for the button from the first script on; records when a frame with it was presented.
    await page.evaluateOnNewDocument(() => {
      const seen = (): Element | null | undefined => document.querySelector('parley-launcher-placeholder')?.shadowRoot?.querySelector('button')
        ?? document.querySelector('parley-chat')?.shadowRoot?.querySelector('[part~="launcher"]');
      const tick = () => {
        const b = seen();
        if (b && b.getBoundingClientRect().width > 0) {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { (window as unknown as { buttonAt: number }).buttonAt = performance.now(); };
          ch.port2.postMessage(0);
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof (window as unknown as { buttonAt?: number }).buttonAt === 'number', { timeout: 20_000 });
    await chatOpen(page);
    await networkQuiet(resources);
    // Which responses had ended by then: Resource Timing, in the page's own clock.
    const ended = await page.evaluate(() => ({
      at: (window as unknown as { buttonAt: number }).buttonAt,
      entries: performance.getEntriesByType('resource').map((e) => [e.name, (e as PerformanceResourceTiming).responseEnd] as const),
      document: location.href,
    }));
    const before = new Set([ended.document, ...ended.entries.filter(([, end]) => end <= ended.at).map(([name]) => name)]);
    return {
      beforeButton: sum([...resources.values()].filter((r) => before.has(r.url))),
      afterIdle: sum(resources.values()),
      buttonAt: ended.at,
    };
  } finally {
    await page.close();
  }
}
