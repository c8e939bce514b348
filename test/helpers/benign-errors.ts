/**
 * Chromium reports "ResizeObserver loop completed with undelivered notifications" when a
 * virtualized list measures and repositions children in the same frame. It is a notice, not a
 * failure (no exception is thrown in our code), but mocha's window.onerror treats it as one.
 * This filter drops exactly that message and nothing else.
 */
window.addEventListener('error', (e) => {
  if (e.message?.startsWith('ResizeObserver loop')) {
    e.stopImmediatePropagation();
    e.preventDefault();
  }
}, { capture: true });
