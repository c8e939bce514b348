/**
 * Every string `<parley-composer>` shows or announces, in English: its section of the message
 * catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts).
 */

/** The composer's English strings. */
export const COMPOSER_TEXT = {
  placeholder: 'Write a message…',
  inputLabel: 'Message',
  send: 'Send',
  /** The button that opens the emoji picker. */
  emoji: 'Add an emoji',
  /** The picker's name. */
  emojiPicker: 'Emoji',
  /** The browser is offline: what is sent now waits for the network. */
  offline: "You are offline. Messages you send now will go out when you're back online.",
  /** Connecting or reconnecting: what is sent now waits for the connection. */
  notConnected: 'Not connected. Messages you send now will go out once the chat is connected.',
  /** The connection ended (a refused sign-in): what is sent now waits until the chat connects again. */
  disconnected: 'The chat is disconnected. Messages you send now will wait until it connects again.',
} as const;
