/*
 * The script of test/build/pages/iife-head.html and loader-head.html (a file: their CSP refuses
 * inline script). It runs in <head>, right after the build (dist/parley.iife.js or
 * dist/parley.loader.js), while there is no <body> yet, and records what `window.Parley` does for
 * test/build/iife-global.test.ts: `window.head` holds the calls' promises and what the document
 * looked like when each settled.
 */
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
const url = new URLSearchParams(location.search).get('url') || '';
const chatwoot = { protocol: 'chatwoot', url, noPersist: true, options: { inboxIdentifier: 'demo-inbox', contactName: 'Head visitor' } };
const settled = (promise) => promise.then(
  (value) => ({ ok: true, value, readyState: document.readyState }),
  (error) => ({ ok: false, message: String(error && error.message), readyState: document.readyState }));
window.head = {
  bodyAtCall: document.body !== null,
  readyStateAtCall: document.readyState,
  ready: settled(Parley.ready),
  intoBody: settled(Parley.mount(chatwoot)),
  intoLater: settled(Parley.mount({ ...chatwoot, target: '#later' })),
  intoMissing: settled(Parley.mount({ ...chatwoot, target: '#missing' })),
};
