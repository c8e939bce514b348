/**
 * Strings `<parley-thread>` shows or announces, in one place, for a message catalog later.
 */

/** The thread's English strings. */
export const THREAD_TEXT = {
  /** The button that appears while scrolled up when messages from others arrive below. */
  newMessages: (count: number) => (count === 1 ? '1 new message' : `${count} new messages`),
  /** The progress bar of a send whose files are going up. */
  uploading: 'Uploading files',
} as const;
