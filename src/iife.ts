/**
 * The all-in-one classic script's entry (`dist/parley.iife.js`): every element registered, and
 * `window.Parley`, the same API the loader (`dist/parley.loader.js`) gives a page:
 *
 * - `Parley.ready`: a Promise that resolves (with `Parley`) once the elements are defined and the
 *   document is parsed.
 * - `Parley.load()`: returns `ready` (everything is already here; the loader starts its download).
 * - `Parley.mount(options)`: waits for `ready`, then creates, configures and appends a
 *   `<parley-chat>`; resolves with it. Safe from a script in `<head>`. Rejects with a clear error
 *   when `target` is a selector that matches nothing.
 * - `Parley.version`: the package version.
 * - The element classes: `ParleyChat`, `ParleyConversationList`, `ParleyThread`,
 *   `ParleyTypingIndicator`, `ParleyComposer`.
 *
 * Nothing else: the headless core and the Lit helpers are for module users (`parley-chat`,
 * `parley-chat/core`).
 */
import { ParleyChat } from './elements/chat/define.js';
import { ParleyComposer } from './elements/composer/define.js';
import { ParleyConversationList } from './elements/conversation-list/define.js';
import { ParleyThread } from './elements/thread/define.js';
import { ParleyTypingIndicator } from './elements/typing-indicator/define.js';
import { mount, type MountOptions } from './mount.js';

/** Resolves once the document is parsed (`DOMContentLoaded`), at once if it already is. */
function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** The package version (test/build/iife-global.test.ts checks it against package.json). */
const VERSION = '0.1.0';

/** `window.Parley` of the classic-script builds. */
export interface ParleyGlobal {
  /** Resolves with `Parley` once the elements are defined and the document is parsed. */
  readonly ready: Promise<ParleyGlobal>;
  /** Start loading (nothing left to load in this build) and return `ready`. */
  load(): Promise<ParleyGlobal>;
  /** Once `ready`, append a configured `<parley-chat>` (to `document.body` by default). */
  mount(options: MountOptions): Promise<ParleyChat>;
  /** The package version. */
  readonly version: string;
  readonly ParleyChat: typeof ParleyChat;
  readonly ParleyConversationList: typeof ParleyConversationList;
  readonly ParleyThread: typeof ParleyThread;
  readonly ParleyTypingIndicator: typeof ParleyTypingIndicator;
  readonly ParleyComposer: typeof ParleyComposer;
}

const TAGS = ['parley-chat', 'parley-conversation-list', 'parley-invitations', 'parley-thread', 'parley-typing-indicator', 'parley-composer'];

const ready: Promise<ParleyGlobal> = Promise.all([...TAGS.map((tag) => customElements.whenDefined(tag)), domReady()]).then(() => Parley);

const Parley: ParleyGlobal = {
  ready,
  load: () => ready,
  mount: (options) => ready.then(() => mount(options)),
  version: VERSION,
  ParleyChat,
  ParleyConversationList,
  ParleyThread,
  ParleyTypingIndicator,
  ParleyComposer,
};

export default Parley;
