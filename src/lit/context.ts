/**
 * The context key: `<parley-chat>` provides one ChatSession; the parts consume it.
 */
import { createContext } from '@lit/context';
import type { ChatSession } from './session.js';

/** Context carrying the widget's ChatSession. */
export const chatContext = createContext<ChatSession | undefined>(Symbol.for('parley-chat-session'));
