/*
 * The bench's in-page instruments, loaded as a classic script before anything else on a timing
 * page (never on a page whose bytes are counted). Plain browser JavaScript; read by scripts/bench/*.
 *
 * - Frames: every WebSocket the page opens counts its new-message frames (this listener is added
 *   in the constructor, so it runs before the widget's). `bench.arm(n)` starts counting; `bench.frames`
 *   holds the first and last arrival times (performance.now()).
 * - Long tasks: a buffered PerformanceObserver('longtask') from the start.
 * - `bench.waitPainted({find, roots, since, timeoutMs})`: waits until `find()` returns an element
 *   that is in the DOM and in view (within its scrolling ancestor, or the viewport), then until a
 *   frame with it is presented (checked in requestAnimationFrame, then a MessageChannel message
 *   after that frame). Resolves with times, how far its scroller stands from the bottom, and the
 *   longest long task between `since` and the paint.
 * - `bench.frameTimes(ms)`: requestAnimationFrame deltas over `ms`.
 */
(function () {
  const frames = { armed: false, target: 0, count: 0, first: undefined, last: undefined };
  let onTarget;
  /** Counts new-message frames only (a Virola `TextMessagesCreated`; the server writes `type` first), not read updates. */
  function onFrame(e) {
    if (!frames.armed || typeof e.data !== 'string' || !e.data.startsWith('{"type":"TextMessagesCreated"')) return;
    const t = performance.now();
    frames.count++;
    if (frames.first === undefined) frames.first = t;
    frames.last = t;
    if (frames.count === frames.target && onTarget) onTarget(t);
  }
  const NativeWebSocket = window.WebSocket;
  class CountingWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', onFrame);
    }
  }
  window.WebSocket = CountingWebSocket;

  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask support: longest stays 0 */ }

  /** The nearest ancestor (across shadow roots) that scrolls vertically, or null. */
  function scrollerOf(el) {
    for (let n = el.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
      if (!(n instanceof Element)) continue;
      const overflow = getComputedStyle(n).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && n.scrollHeight > n.clientHeight + 1) return n;
    }
    return null;
  }

  /** Whether `el` shows (at least one pixel row) inside its scroller and the viewport; and the scroller's distance from the bottom. */
  function placement(el) {
    const r = el.getBoundingClientRect();
    const scroller = scrollerOf(el);
    const box = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: innerHeight };
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, innerHeight);
    const inView = r.height > 0 && r.bottom > top && r.top < bottom;
    const gap = scroller ? Math.round(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight) : 0;
    return { inView, gap };
  }

  const longestBetween = (from, to) => longTasks
    .filter((t) => t.start + t.duration > from && t.start < to)
    .reduce((max, t) => Math.max(max, t.duration), 0);

  const nextMessage = () => new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  });

  function waitPainted({ find, roots = () => [], since, timeoutMs = 60000, settleMs = 500 }) {
    // `since` may be a function: the data-in time, known only once the data has arrived.
    const sinceNow = typeof since === 'function' ? since : () => since;
    const began = performance.now();
    return new Promise((resolve) => {
      let dom;
      const observed = new Set();
      const mo = new MutationObserver(() => { if (dom === undefined && find()) dom = performance.now(); });
      const observe = () => {
        for (const r of roots()) if (r && !observed.has(r)) { observed.add(r); mo.observe(r, { childList: true, subtree: true }); }
      };
      observe();
      const finish = async (painted) => {
        mo.disconnect();
        await new Promise((r) => setTimeout(r, settleMs));
        const el = find();
        const end = painted ?? performance.now();
        const since = sinceNow() ?? began;
        resolve({
          arrived: sinceNow() !== undefined,
          dom: dom === undefined ? undefined : dom - since,
          painted: painted === undefined ? undefined : painted - since,
          longest: longestBetween(since, end),
          longTasks: longTasks.filter((t) => t.start + t.duration > since && t.start < end).length,
          ...(el ? placement(el) : { inView: false, gap: undefined }),
        });
      };
      const check = () => {
        observe();
        const el = find();
        if (el && dom === undefined) dom = performance.now();
        if (el && placement(el).inView) {
          void nextMessage().then(finish);
          return;
        }
        if (performance.now() - (sinceNow() ?? began) > timeoutMs) {
          void finish(undefined);
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }

  function frameTimes(ms) {
    return new Promise((resolve) => {
      const deltas = [];
      const start = performance.now();
      let last;
      const tick = (t) => {
        if (last !== undefined) deltas.push(t - last);
        last = t;
        if (t - start < ms) requestAnimationFrame(tick);
        else resolve({ deltas, start, end: t });
      };
      requestAnimationFrame(tick);
    });
  }

  window.bench = {
    frames,
    longTasks,
    longestBetween,
    waitPainted,
    frameTimes,
    /** Count the next `target` frames from now; resolves when the last has arrived. */
    arm(target) {
      Object.assign(frames, { armed: true, target, count: 0, first: undefined, last: undefined });
      return new Promise((resolve) => { onTarget = resolve; });
    },
  };
})();
