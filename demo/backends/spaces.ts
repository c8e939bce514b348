import type { DemoBackendPage } from './types.js';

/** The space the Spaces emulation starts with (DEMO_SPACE_ID in demo/server/spaces/store.ts). */
const DEMO_SPACE = '5f06c25e574ca36b54cb4cdf';

/**
 * Avaya Spaces on the demo page: a guest (anonymous sign-in with a display name) joins the demo
 * space, where Sam, the scripted correspondent, answers, posts ideas, creates tasks, edits and removes.
 */
export const page: DemoBackendPage | undefined = {
  protocol: 'spaces',
  label: 'Avaya Spaces (socket.io)',
  hint: 'A guest in a space with Sam. Each message gets an answer, then by turns an idea with a picture and a comment, a task that gets done, an edit, or a removal.',
  setup(el, urls) {
    el.protocol = 'spaces';
    el.conversation = DEMO_SPACE;
    el.options = { displayName: 'Demo guest' };
    el.noPersist = true;
    el.url = urls.spaces ?? 'http://127.0.0.1:3302';
  },
};
