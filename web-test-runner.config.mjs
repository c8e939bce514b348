// Test runner: real Chromium (Debian's), real demo servers on loopback, TypeScript through esbuild.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
  '--disable-extensions', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'parley-chrome-'))}`,
];

/**
 * CSP violation reports from the test pages (report-uri), kept per page so a test can read them:
 * unlike a `securitypolicyviolation` listener, this also catches what happens before a listener
 * could be attached.
 */
const cspReports = [];
function cspReportMiddleware() {
  return async (ctx, next) => {
    if (ctx.path === '/__parley/csp-report' && ctx.method === 'POST') {
      let body = '';
      for await (const chunk of ctx.req) body += chunk;
      try { cspReports.push(JSON.parse(body)['csp-report'] ?? JSON.parse(body)); } catch { cspReports.push({ unparsed: body }); }
      ctx.status = 204;
      return;
    }
    if (ctx.path === '/__parley/csp-reports') {
      ctx.type = 'json';
      ctx.body = JSON.stringify(cspReports.splice(0));
      return;
    }
    await next();
  };
}

/**
 * A page under the strict policy: no inline script, no eval, no inline styles; `extra` adds
 * directives (Trusted Types).
 */
function strictPage(title, headAndBody, connect, extra = '') {
  return {
    type: 'html',
    headers: {
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${connect}; connect-src 'self' ${connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; ${extra}report-uri /__parley/csp-report`,
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${headAndBody}</html>`,
  };
}

/** The Trusted Types directives the README's security section gives a site. */
const TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; trusted-types parley lit-html dompurify; ";

/** Starts the demo servers (and a real Rails ActionCable under puma) and exposes their URLs as a module. */
function serversPlugin() {
  let servers;
  return {
    name: 'parley-servers',
    async serverStart() {
      if (process.env.PARLEY_SERVERS === '0') return; // unit-only runs while iterating
      const { startServers } = await import('./demo/server/index.ts');
      servers = await startServers({ host: '127.0.0.1', port: 0, rails: true, quiet: true, agentDelayMs: 150 });
    },
    async serverStop() {
      await servers?.close();
    },
    resolveImport({ source }) {
      if (source === 'parley:servers') return '/__parley/servers.js';
      return undefined;
    },
    serve(context) {
      if (context.path === '/__parley/iife.html' || context.path === '/__parley/loader.html') {
        // A plain page: the classic script and the tag, nothing else.
        const script = context.path === '/__parley/iife.html' ? '/dist/parley.iife.js' : '/dist/parley.loader.js';
        const url = servers?.urls.chatwoot ?? '';
        // `?locale=de`: the chat in that locale (its catalog a chunk of its own in the loader's build).
        const locale = /^[a-zA-Z-]{2,20}$/.test(context.URL.searchParams.get('locale') ?? '') ? ` locale="${context.URL.searchParams.get('locale')}"` : '';
        return strictPage('Parley', `<script src="${script}"></script></head><body>`
          + `<parley-chat protocol="chatwoot" url="${url}"${locale} inbox-identifier="demo-inbox" contact-name="Page visitor" no-persist></parley-chat></body>`,
          `${url} ${url.replace(/^http/, 'ws')}`);
      }
      if (context.path === '/__parley/tt-iife.html' || context.path === '/__parley/tt-loader.html') {
        // Trusted Types enforced, with exactly the policies the README names. Virola sends HTML and
        // Markdown; the page is on the emulation's site (`localhost`) so its session cookie rides along.
        const script = context.path === '/__parley/tt-iife.html' ? '/dist/parley.iife.js' : '/dist/parley.loader.js';
        const url = (servers?.urls.virola ?? '').replace('//127.0.0.1:', '//localhost:');
        const room = /^\d+$/.test(context.URL.searchParams.get('room') ?? '') ? context.URL.searchParams.get('room') : '';
        return strictPage('Parley', `<script src="${script}"></script></head><body>`
          + `<parley-chat protocol="virola" url="${url}" conversation="${room}" no-persist></parley-chat></body>`,
          `${url} ${url.replace(/^http/, 'ws')}`, TRUSTED_TYPES_CSP);
      }
      if (context.path === '/__parley/placed.html') {
        // "Placing the parts yourself" (README) with each build, in each load order: test/build/placed-parts.test.ts.
        const build = context.URL.searchParams.get('build');
        const order = context.URL.searchParams.get('order');
        const script = { iife: '/dist/parley.iife.js', loader: '/dist/parley.loader.js' }[build];
        const tag = script ? `<script src="${script}"></script>` : '';
        const page = `<script type="module" src="/test/build/pages/placed.js"></script>`;
        const url = servers?.urls.chatwoot ?? '';
        const parts = ['head', 'body-end', 'parts-first'].includes(order) ? '<parley-thread></parley-thread><parley-typing-indicator></parley-typing-indicator><parley-composer></parley-composer>' : '';
        const chat = order === 'chat-later' ? '' : `<parley-chat protocol="chatwoot" url="${url}" inbox-identifier="demo-inbox" contact-name="Placing visitor" no-persist>${parts}</parley-chat>`;
        return strictPage('Parley parts', `${order === 'body-end' ? '' : tag}${page}</head><body data-url="${url}"><main>${chat}</main>${order === 'body-end' ? tag : ''}</body>`,
          `${url} ${url.replace(/^http/, 'ws')}`, TRUSTED_TYPES_CSP);
      }
      if (context.path === '/__parley/csp-control.html') {
        // Proves the trap fires: an inline script and an inline style, both refused.
        return strictPage('control', `<script>window.ran = 1</script><style>body{color:red}</style></head><body><p style="color:red">x</p></body>`, '');
      }
      if (context.path === '/__parley/servers.js') {
        const faultRun = { soak: process.env.PARLEY_SOAK === '1', seed: process.env.PARLEY_SEED ? Number(process.env.PARLEY_SEED) : null };
        return { body: `export const servers = ${JSON.stringify(servers?.urls ?? {})};\nexport const faultRun = ${JSON.stringify(faultRun)};`, type: 'js' };
      }
      return undefined;
    },
  };
}

/**
 * CommonJS packages that reach the browser in tests, bundled once into ES modules by esbuild (Vite
 * converts them in the product build): socket.io-client 2, for a socket.io 2 server as Avaya Spaces
 * runs, and the real Comapi SDK.
 */
const commonjsPackages = ['socket.io-client-v2', '@comapi/sdk-js-foundation'];
function commonjsPlugin() {
  const built = new Map();
  const urlOf = (name) => `/__parley/cjs/${name.replace(/[^a-z0-9.-]/gi, '_')}.js`;
  return {
    name: 'parley-commonjs',
    async serverStart() {
      const { build } = await import('esbuild');
      for (const name of commonjsPackages) {
        const out = await build({
          stdin: { contents: `import * as ns from ${JSON.stringify(name)}; export default ns.default ?? ns;`, resolveDir: process.cwd() },
          bundle: true, format: 'esm', platform: 'browser', write: false, target: 'es2020', logLevel: 'silent',
          define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
        });
        built.set(urlOf(name), out.outputFiles[0].text);
      }
    },
    resolveImport({ source }) {
      return commonjsPackages.includes(source) ? urlOf(source) : undefined;
    },
    serve(context) {
      const code = built.get(context.path);
      return code === undefined ? undefined : { body: code, type: 'js' };
    },
  };
}

const groups = process.env.PARLEY_TEST_FILES ? [process.env.PARLEY_TEST_FILES] : ['test/**/*.test.ts'];

export default {
  // A port of its own, so two runs (or a dev server on 8000) never collide.
  port: Number(process.env.PARLEY_WTR_PORT) || 8100 + Math.floor(Math.random() * 800),
  files: groups,
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 120000, // per test file; a hung page fails fast
  testFramework: { config: { timeout: 20000 } },
  // The browser's own lines about refused sockets and cut requests (the fault storm makes many)
  // reach the runner as a bare null; what the tests log themselves stays.
  filterBrowserLogs: ({ args }) => !(args.length === 1 && args[0] === null),
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  middleware: [cspReportMiddleware()],
  plugins: [serversPlugin(), commonjsPlugin(), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'auto' })],
};
