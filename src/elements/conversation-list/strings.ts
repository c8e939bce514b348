/**
 * Every string `<parley-conversation-list>` shows or announces, in English: its section of the
 * message catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts).
 */

/** The list's English strings. */
export const LIST_TEXT = {
  label: 'Conversations',
  empty: 'No conversations yet.',
  /** The title of a conversation that has none. */
  untitled: 'Conversation {id}',
  unread: { one: '{count} unread', other: '{count} unread' },
} as const;
