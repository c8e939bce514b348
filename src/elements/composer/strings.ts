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
  /** The attach button's accessible name. */
  attach: 'Attach files',
  /** The list of files chosen for the next message. */
  filesToSend: 'Files to send',
  /** A chip's remove button. */
  removeFile: 'Remove {name}',
  /** Shown over the composer while files are dragged onto it. */
  dropHere: 'Drop files to attach them',
  /** Refusals, before anything goes up. */
  tooLarge: '{name} is too large: files can be at most {max}.',
  wrongType: '{name} cannot be sent: this chat does not take files of that type.',
  tooMany: { one: 'At most {count} file can go with one message.', other: 'At most {count} files can go with one message.' },
  empty: '{name} is empty.',
  /** No backend file support: files dropped or pasted are refused. */
  noFiles: 'This chat does not take files.',
} as const;
