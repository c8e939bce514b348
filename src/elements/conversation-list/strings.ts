/**
 * Every string `<parley-conversation-list>` shows or announces, in one place, for a message catalog later.
 */

/** The list's English strings. */
export const LIST_TEXT = {
  label: 'Conversations',
  empty: 'No conversations yet.',
  /** The title of a conversation that has none. */
  untitled: (id: string) => `Conversation ${id}`,
  unread: (count: number) => `${count} unread`,
} as const;
