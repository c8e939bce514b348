/**
 * The context key: `<parley-chat>` provides one ChatSession; the parts consume it.
 */
import { ContextRoot, createContext } from '@lit/context';
import type { ChatSession } from './session.js';

/** Context carrying the widget's ChatSession. */
export const chatContext = createContext<ChatSession | undefined>(Symbol.for('parley-chat-session'));

/**
 * Parts a page places itself may upgrade before their `<parley-chat>` (the chat's define module
 * registers them first, or the page appends them early): their request waits at the document and
 * is answered when the chat's provider connects. One root per document, shared by every build.
 */
const rootKey = Symbol.for('parley-context-root');
if (typeof document !== 'undefined' && !(rootKey in document)) {
  new ContextRoot().attach(document.documentElement);
  Object.defineProperty(document, rootKey, { value: true });
}
