/*
 * The launcher-first test pages' own script (a file: the pages' CSP refuses inline script). It runs
 * before the loader: it records CSP violations from the start, and sets the chat's server and theme
 * from the query string (?url=…&theme=dark&custom) when the document is parsed, before the loader
 * looks at the chat (listeners run in the order they were added).
 */
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
document.addEventListener('DOMContentLoaded', () => {
  const query = new URLSearchParams(location.search);
  const chat = document.querySelector('parley-chat');
  chat.setAttribute('url', query.get('url') || '');
  if (query.get('theme')) chat.setAttribute('theme', query.get('theme'));
  if (query.has('custom')) chat.classList.add('custom');
}, { once: true });
