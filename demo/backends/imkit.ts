import type { DemoBackendPage } from './types.js';

/** The IMKIT emulation's demo credentials (demo/server/imkit/store.ts). */
const DEMO = { token: 'demo-imkit-token', clientKey: 'demo-client-key', room: 'demo-room' };

/**
 * IMKIT on the demo page: the demo visitor in the "Support" room with Kit, the scripted
 * correspondent, and Kit AI, who streams answers. Payloads travel base64-encoded (`conf`), as
 * IMKIT recommends in production.
 */
export const page: DemoBackendPage | undefined = {
  protocol: 'imkit',
  label: 'IMKIT (socket.io)',
  hint: 'You and Kit in a room. Kit reads, types and answers; end a message with "?" and Kit AI streams an answer; mention "recall" and Kit recalls a slip.',
  setup(el, urls) {
    el.protocol = 'imkit';
    el.token = DEMO.token; // a property: never in the DOM
    el.conversation = DEMO.room;
    el.options = { clientKey: DEMO.clientKey, base64: true };
    el.noPersist = true;
    el.url = urls.imkit ?? 'http://127.0.0.1:3303';
  },
};
