import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { DemoBackendPage } from './types.js';

/** The Virola emulation's user the demo signs in as (demo/server/virola/store.ts). */
const SAM = { userName: 'sam', password: 'sam-demo' };

/**
 * Sign in the way a Virola page does: `POST /api/v1/login` sets the session cookie, which the
 * widget's REST calls and its event socket then carry. The demo page and the emulation are both on
 * 127.0.0.1, so the cookie is same-site. Virola's event socket takes only that cookie, so without
 * it the widget says to sign in (a Web API token alone serves REST, never the socket).
 */
async function signIn(el: ParleyChat, url: string): Promise<void> {
  try {
    const res = await fetch(`${url}/api/v1/login`, {
      method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: SAM.userName, password: SAM.password }),
    });
    if (!res.ok) throw new Error(`login answered ${res.status}`);
  } catch (err) {
    console.warn('[parley virola] cookie login failed: the widget will ask to sign in', err);
  }
  el.url = url; // the widget connects once it has a URL
}

/** Virola on the demo page: Sam writing to Vera, the scripted correspondent. */
export const page: DemoBackendPage | undefined = {
  protocol: 'virola',
  label: 'Virola (WebSocket + REST)',
  hint: 'Sam writing to Vera. End a message with "?" for an answer in the thread; mention markdown, html or vanish.',
  setup(el, urls) {
    el.protocol = 'virola';
    el.noPersist = true;
    void signIn(el, urls.virola ?? 'http://127.0.0.1:3305');
  },
};
