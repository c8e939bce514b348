/**
 * Every string `<parley-typing-indicator>` shows or announces, in English: its section of the
 * message catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts).
 */

/** The typing indicator's English strings. */
export const TYPING_TEXT = {
  /** Who types without a name. */
  someone: 'Someone',
  one: '{name} is typing…',
  two: '{first} and {second} are typing…',
  /** Two names and how many others. */
  more: { one: '{first}, {second} and {count} other are typing…', other: '{first}, {second} and {count} others are typing…' },
} as const;
