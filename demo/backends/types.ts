import type { ParleyChat } from '../../src/elements/chat/chat.js';

/** Server URLs handed in by `npm start`. */
export type DemoUrls = Record<string, string | null>;

/** One backend on the demo page: how to configure a widget for it. */
export interface DemoBackendPage {
  /** protocol= name. */
  protocol: string;
  /** Shown in the switcher. */
  label: string;
  /** What the visitor sees explained under the widget. */
  hint: string;
  /** Configure a fresh <parley-chat> (url, credentials, options). */
  setup(el: ParleyChat, urls: DemoUrls): void;
}
