/**
 * The demo page: every backend live against the local emulations started by `npm start`.
 * Chatwoot is shown three ways (visitor inline, agent inbox, launcher); the switcher shows
 * one widget for any backend.
 */
import '../src/index.js';
import type { ParleyChat } from '../src/elements/chat/chat.js';
import type { DemoBackendPage, DemoUrls } from './backends/types.js';
import { page as spaces } from './backends/spaces.js';
import { page as imkit } from './backends/imkit.js';
import { page as comapi } from './backends/comapi.js';
import { page as virola } from './backends/virola.js';

const urls: DemoUrls = JSON.parse((import.meta.env.VITE_PARLEY_SERVERS as string | undefined) ?? '{}') as DemoUrls;
const chatwootUrl = urls.chatwoot ?? 'http://127.0.0.1:3301';

function chat(target: Element, setup: (el: ParleyChat) => void): ParleyChat {
  const el = document.createElement('parley-chat');
  setup(el);
  el.addEventListener('parley-error', (e) => console.warn(`[parley ${el.protocol}]`, e.error.code, e.error.message));
  target.append(el);
  return el;
}

const chatwoot: DemoBackendPage = {
  protocol: 'chatwoot',
  label: 'Chatwoot (ActionCable)',
  hint: 'A visitor writing to Ada, the scripted agent.',
  setup(el) {
    el.protocol = 'chatwoot';
    el.url = chatwootUrl;
    el.setAttribute('inbox-identifier', 'demo-inbox');
    el.setAttribute('contact-name', 'Visitor (switcher)');
    el.noPersist = true;
  },
};

const widgets = [
  chat(document.getElementById('visitor')!, (el) => {
    chatwoot.setup(el, urls);
    el.setAttribute('contact-name', 'Visitor (inline)');
    el.noPersist = false; // keeps its identity across reloads
    el.heading = 'Support';
  }),
  chat(document.getElementById('agent')!, (el) => {
    el.protocol = 'chatwoot';
    el.url = chatwootUrl;
    el.setAttribute('account-id', '1');
    el.token = 'demo-agent-token'; // a property: never in the DOM
    el.heading = 'Inbox';
  }),
  chat(document.getElementById('launcher')!, (el) => {
    chatwoot.setup(el, urls);
    el.mode = 'launcher';
    el.setAttribute('contact-name', 'Visitor (launcher)');
    el.heading = 'Help';
  }),
];

// The switcher: one widget, any backend.
const pages = [chatwoot, spaces, imkit, comapi, virola].filter((p): p is DemoBackendPage => !!p);
const select = document.getElementById('backend') as HTMLSelectElement;
const slot = document.getElementById('switched')!;
const hint = document.getElementById('switched-hint')!;
for (const p of pages) select.append(new Option(p.label, p.protocol));
let switched: ParleyChat | undefined;
function show(protocol: string): void {
  const p = pages.find((x) => x.protocol === protocol) ?? pages[0]!;
  switched?.remove();
  switched = chat(slot, (el) => {
    p.setup(el, urls);
    el.heading = p.label;
    el.theme = theme.value as ParleyChat['theme'];
  });
  hint.textContent = p.hint;
  history.replaceState(null, '', `#${p.protocol}`);
}
select.addEventListener('change', () => show(select.value));

const theme = document.getElementById('theme') as HTMLSelectElement;
theme.addEventListener('change', () => {
  for (const w of [...widgets, switched]) if (w) w.theme = theme.value as ParleyChat['theme'];
});

const initial = location.hash.slice(1);
select.value = pages.some((p) => p.protocol === initial) ? initial : pages[0]!.protocol;
show(select.value);
