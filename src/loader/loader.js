/*
 * Parley's classic-script loader: `<script src=".../parley.loader.js"></script>`.
 * It loads the code-split ESM build beside it (cdn/parley.js), so a page downloads only the
 * elements and the one protocol it uses. Plain ES2020, no eval, no inline styles, no HTML
 * strings: it runs under a strict CSP and Trusted Types.
 *
 * Launcher first: when every `<parley-chat>` on the page is `mode="launcher"` (and not `open`),
 * the loader shows a placeholder launcher button of its own at once and loads the rest on intent
 * (pointerenter, focus, touchstart or click on the button) or when the page is idle, so the real
 * widget connects and shows its own unread badge. `data-load="intent"` on the script tag waits
 * for intent alone. A click before the rest has arrived opens the panel as soon as it is defined.
 * Any other page (an inline chat, none yet, an open launcher) loads the rest at once.
 *
 * `window.Parley.ready` resolves with the module once loaded; `Parley.load()` starts loading now
 * and returns `ready`; `Parley.mount({...})` loads and mounts.
 */
(function () {
  const script = document.currentScript;
  const base = script && script.src ? script.src : document.baseURI;
  const intentOnly = !!script && script.getAttribute('data-load') === 'intent';
  let settle;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  let started = false;

  /** Import the CDN build (once) and return `ready`. */
  function load() {
    if (!started) {
      started = true;
      import(new URL('./cdn/parley.js', base).href).then(settle.resolve, settle.reject);
    }
    return ready;
  }

  /** Resolves once the document is parsed (at once when it already is). */
  function parsed() {
    return document.readyState === 'loading'
      ? new Promise((resolve) => { document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }); })
      : Promise.resolve();
  }

  window.Parley = {
    ready,
    load,
    // From <head> the module may arrive before <body> exists: mount once the page is parsed.
    mount: (options) => load().then((m) => parsed().then(() => m.mount(options))),
  };

  /*
   * The placeholder's look: the real launcher's (src/elements/chat/chat.styles.ts `.launcher`, the
   * palette of src/elements/shared/tokens.styles.ts, the chat icon of shared/icons.ts), read from
   * the same custom properties. test/build/launcher-first.test.ts checks that the two match.
   */
  const CSS = ':host{all:initial;display:contents}'
    + 'button{position:fixed;inset-block-end:calc(var(--parley-launcher-offset,20px) + env(safe-area-inset-bottom,0px));'
    + 'inset-inline-end:calc(var(--parley-launcher-offset,20px) + env(safe-area-inset-right,0px));'
    + 'width:56px;height:56px;border-radius:50%;border:none;cursor:pointer;z-index:var(--parley-z-index,2147483000);'
    + 'font-family:var(--parley-font-family,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:24px;'
    + 'background:var(--parley-accent,#2857d6);color:var(--parley-accent-foreground,#fff);box-shadow:0 4px 16px rgb(0 0 0/.25)}'
    + 'button[aria-busy=true]{cursor:progress}'
    + 'button:focus-visible{outline:2px solid var(--parley-accent,#2857d6);outline-offset:2px}'
    + ':host([theme=dark]) button{background:var(--parley-accent,#7aa2ff);color:var(--parley-accent-foreground,#0b1020)}'
    + ':host([theme=dark]) button:focus-visible{outline-color:var(--parley-accent,#7aa2ff)}'
    + '@media (prefers-color-scheme:dark){:host([theme=auto]) button{background:var(--parley-accent,#7aa2ff);color:var(--parley-accent-foreground,#0b1020)}'
    + ':host([theme=auto]) button:focus-visible{outline-color:var(--parley-accent,#7aa2ff)}}'
    + 'svg{display:inline-block;vertical-align:-.125em}';
  /** Custom properties the page may set on `parley-chat` itself: copied to the placeholder, which is its sibling. */
  const PROPS = ['--parley-accent', '--parley-accent-foreground', '--parley-launcher-offset', '--parley-z-index', '--parley-font-family'];
  const SVG = 'http://www.w3.org/2000/svg';
  let sheet;

  /** The chat icon, built node by node (no HTML string for Trusted Types to refuse). */
  function icon() {
    const svg = document.createElementNS(SVG, 'svg');
    const attrs = { viewBox: '0 0 24 24', width: '1em', height: '1em', 'aria-hidden': 'true', focusable: 'false', fill: 'none',
      stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
    for (const name in attrs) svg.setAttribute(name, attrs[name]);
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
    svg.append(path);
    return svg;
  }

  /** The page's own values of the custom properties set on this chat, as a sheet for its placeholder. */
  function ownProperties(chat) {
    const own = new CSSStyleSheet();
    const rule = own.cssRules[own.insertRule(':host{}')];
    const style = getComputedStyle(chat);
    for (const name of PROPS) {
      const value = style.getPropertyValue(name).trim();
      if (value) rule.style.setProperty(name, value);
    }
    return own;
  }

  /**
   * The placeholder's name in the chat's `locale`: the catalogs' `chat.openChat` (src/i18n/catalogs/,
   * test/i18n/loader-strings.test.ts keeps them the same), by language subtag, else English.
   */
  const OPEN_CHAT = new Map([['de', 'Chat öffnen'], ['es', 'Abrir el chat'], ['fr', 'Ouvrir le chat'], ['ar', 'فتح الدردشة'], ['he', 'פתיחת הצ׳אט']]);
  const openChat = (locale) => OPEN_CHAT.get((locale || '').split(/[-_]/)[0].toLowerCase()) || 'Open chat';

  /** Show a placeholder launcher beside `chat` until `<parley-chat>` is defined and has rendered. */
  function placeholder(chat) {
    const host = document.createElement('parley-launcher-placeholder');
    const theme = chat.getAttribute('theme');
    if (theme) host.setAttribute('theme', theme);
    const root = host.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet, ownProperties(chat)];
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('part', 'launcher');
    button.setAttribute('aria-label', openChat(chat.getAttribute('locale')));
    button.setAttribute('aria-expanded', 'false');
    button.append(icon());
    root.append(button);
    chat.after(host);

    let wantsOpen = false;
    const intent = () => { load(); };
    for (const type of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(type, intent, { once: true, passive: true });
    button.addEventListener('click', () => {
      wantsOpen = true;
      button.setAttribute('aria-busy', 'true');
      load();
    });

    ready
      .then(() => customElements.whenDefined('parley-chat'))
      .then(() => chat.updateComplete)
      .then(() => {
        const focused = root.activeElement === button;
        host.remove();
        if (!chat.isConnected) return;
        if (wantsOpen) chat.open = true; // the chat moves the focus into its panel
        else if (focused) chat.shadowRoot?.querySelector('[part~="launcher"]')?.focus();
      }, () => {
        button.removeAttribute('aria-busy'); // the build failed to load: `ready` rejects for the page to see
      });
  }

  /** After the page's own load, when the browser is idle (or after a while where it cannot say). */
  function whenIdle(run) {
    const schedule = () => (window.requestIdleCallback ? requestIdleCallback(run, { timeout: 4000 }) : setTimeout(run, 1500));
    if (document.readyState === 'complete') schedule();
    else addEventListener('load', schedule, { once: true });
  }

  function start() {
    if (customElements.get('parley-chat')) return void load(); // defined by another build: nothing to stand in for
    const chats = [...document.querySelectorAll('parley-chat')];
    const launchers = chats.filter((c) => c.getAttribute('mode') === 'launcher' && !c.hasAttribute('open'));
    for (const chat of launchers) placeholder(chat);
    if (!launchers.length || launchers.length < chats.length) load();
    else if (!intentOnly) whenIdle(load);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
