/**
 * The bench's HTML pages, built from the request's query (backend URLs, the room). Timing pages
 * load the probe (probe.js) first; pages whose bytes are counted load nothing but the product
 * and a few lines of inline setup (the demo credentials each backend needs).
 */
import type { PageBuilder } from './page-server.js';

/** A value for a `<script>`: JSON, with `<` escaped so no `</script>` can end it. */
const js = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
const attr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const doc = (title: string, head: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>`
  + '<style>html,body{margin:0;font-family:system-ui}#chat,parley-chat,deep-chat{display:block;width:420px;height:640px}</style>'
  + `${head}</head><body>${body}</body></html>`;

/** Sign in to a Virola server as the demo's Sam (the session cookie rides on the widget's REST calls and socket). */
const virolaLogin = (backend: string): string =>
  `await fetch(${js(`${backend}/api/v1/login`)}, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userName: 'sam', password: 'sam-demo' }) });`;

/**
 * The Comapi demo space's answer to the session challenge: an HS256 JWT over the nonce, signed
 * with the demo's shared secret (demo/server/comapi/jwt.ts). A real page gets it from its backend.
 */
const COMAPI_CHALLENGE = `async (nonce) => {
  const enc = new TextEncoder();
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  const head = b64(enc.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const claims = b64(enc.encode(JSON.stringify({ iss: 'parley-demo', aud: 'parley-demo', sub: 'bench-visitor', nonce, iat: now, exp: now + 600 })));
  const key = await crypto.subtle.importKey('raw', enc.encode('parley-demo-shared-secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return head + '.' + claims + '.' + b64(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(head + '.' + claims))));
}`;

/** `Parley.mount` options for each backend's demo server, as a script expression; `url` is the server's base. */
export const MOUNTS: Record<string, (url: string) => string> = {
  chatwoot: (url) => `{ protocol: 'chatwoot', url: ${js(url)}, noPersist: true, options: { inboxIdentifier: 'demo-inbox', contactName: 'Bench visitor' } }`,
  virola: (url) => `{ protocol: 'virola', url: ${js(url)}, noPersist: true }`,
  comapi: (url) => `{ protocol: 'comapi', url: ${js(url)}, noPersist: true, options: { apiSpaceId: 'demo-space', authChallenge: ${COMAPI_CHALLENGE} } }`,
  imkit: (url) => `{ protocol: 'imkit', url: ${js(url)}, token: 'demo-imkit-token', conversation: 'demo-room', noPersist: true, options: { clientKey: 'demo-client-key', base64: true } }`,
  spaces: (url) => `{ protocol: 'spaces', url: ${js(url)}, conversation: '5f06c25e574ca36b54cb4cdf', noPersist: true, options: { displayName: 'Bench guest' } }`,
};

const need = (q: URLSearchParams, key: string): string => {
  const v = q.get(key);
  if (!v) throw new Error(`page needs ?${key}=`);
  return v;
};

export const PAGES: Record<string, PageBuilder> = {
  /** Timing: the loader, signed in to the bench backend, the widget open on `room`. */
  parley: (q) => doc('Parley bench',
    '<script src="/bench/probe.js"></script><script src="/dist/parley.loader.js"></script>',
    `<div id="chat"></div><script type="module">${virolaLogin(need(q, 'backend'))}
window.chat = await Parley.mount({ protocol: 'virola', url: ${js(need(q, 'backend'))}, conversation: ${js(need(q, 'room'))}, noPersist: true, target: '#chat' });
</script>`),

  /** Timing: the browser alone, counting the frames of the same events socket. */
  bare: (q) => doc('bare socket', '<script src="/bench/probe.js"></script>',
    `<script type="module">${virolaLogin(need(q, 'backend'))}
const socket = new WebSocket(${js(`${need(q, 'backend').replace(/^http/, 'ws')}/api/v1/events`)});
window.socketOpen = new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
</script>`),

  /** Timing: deep-chat, given nothing to connect to; the bench sets its `history`. */
  'deep-chat': () => doc('deep-chat bench',
    '<script src="/bench/probe.js"></script><script type="module" src="/deep-chat/deepChat.bundle.js"></script>', '<deep-chat></deep-chat>'),

  /** Bytes: a launcher-first page (the loader and a `mode="launcher"` tag, Chatwoot). */
  launcher: (q) => doc('launcher', '<script src="/dist/parley.loader.js"></script>',
    `<parley-chat protocol="chatwoot" url="${attr(need(q, 'url'))}" inbox-identifier="demo-inbox" contact-name="Bench visitor" mode="launcher" no-persist></parley-chat>`),

  /** Bytes: the widget and one backend through the loader. */
  loader: (q) => {
    const mount = MOUNTS[need(q, 'protocol')];
    if (!mount) throw new Error(`no backend ${q.get('protocol')}`);
    const url = need(q, 'url');
    const login = q.get('protocol') === 'virola' ? virolaLogin(url) : '';
    return doc('loader', '<script src="/dist/parley.loader.js"></script>',
      `<div id="chat"></div><script type="module">${login}\nParley.mount({ ...${mount(url)}, target: '#chat' });</script>`);
  },

  /** Bytes: the all-in-one IIFE (Chatwoot). */
  iife: (q) => doc('iife', '<script src="/dist/parley.iife.js"></script>',
    `<parley-chat protocol="chatwoot" url="${attr(need(q, 'url'))}" inbox-identifier="demo-inbox" contact-name="Bench visitor" no-persist></parley-chat>`),

  /** Bytes: deep-chat's bundle and its element. */
  'deep-chat-bytes': () => doc('deep-chat', '<script type="module" src="/deep-chat/deepChat.bundle.js"></script>', '<deep-chat></deep-chat>'),
};
