/**
 * The demo page: three widgets on one local Chatwoot emulation (started by `npm start`).
 */
import '../src/index.js';
import type { ParleyChat } from '../src/elements/chat/chat.js';

const chatwootUrl = (import.meta.env.VITE_CHATWOOT_URL as string | undefined) ?? 'http://127.0.0.1:3301';

function chat(target: string, setup: (el: ParleyChat) => void): ParleyChat {
  const el = document.createElement('parley-chat');
  el.protocol = 'chatwoot';
  el.url = chatwootUrl;
  setup(el);
  el.addEventListener('parley-error', (e) => console.warn(`[parley ${target}]`, e.error.code, e.error.message));
  document.getElementById(target)!.append(el);
  return el;
}

const widgets = [
  chat('visitor', (el) => {
    el.inboxIdentifier = 'demo-inbox';
    el.contactName = 'Visitor (inline)';
    el.heading = 'Support';
  }),
  chat('agent', (el) => {
    el.accountId = '1';
    el.token = 'demo-agent-token'; // a property: never in the DOM
    el.heading = 'Inbox';
  }),
  chat('launcher', (el) => {
    el.mode = 'launcher';
    el.inboxIdentifier = 'demo-inbox';
    el.contactName = 'Visitor (launcher)';
    el.heading = 'Help';
    // A separate identity from the inline visitor: its own storage namespace.
    el.noPersist = true;
  }),
];

const theme = document.getElementById('theme') as HTMLSelectElement;
theme.addEventListener('change', () => { for (const w of widgets) w.theme = theme.value as ParleyChat['theme']; });
