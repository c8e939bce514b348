/**
 * The English catalog, built in: each element's strings.ts is its section. Every other catalog
 * (src/i18n/catalogs/) has exactly these keys (`Catalog`, src/i18n/index.ts).
 */
import { CHAT_TEXT, INVITATIONS_TEXT } from '../elements/chat/strings.js';
import { COMPOSER_TEXT } from '../elements/composer/strings.js';
import { LIST_TEXT } from '../elements/conversation-list/strings.js';
import { SHARED_TEXT } from '../elements/shared/strings.js';
import { THREAD_TEXT } from '../elements/thread/strings.js';
import { TYPING_TEXT } from '../elements/typing-indicator/strings.js';

/** English. */
export const EN = {
  chat: CHAT_TEXT,
  invitations: INVITATIONS_TEXT,
  list: LIST_TEXT,
  thread: THREAD_TEXT,
  typing: TYPING_TEXT,
  composer: COMPOSER_TEXT,
  shared: SHARED_TEXT,
} as const;
