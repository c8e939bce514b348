/**
 * Strings `<parley-thread>` shows or announces, in one place, for a message catalog later.
 */

/** The thread's English strings. */
export const THREAD_TEXT = {
  /** The button that appears while scrolled up when messages from others arrive below. */
  newMessages: (count: number) => (count === 1 ? '1 new message' : `${count} new messages`),
  /** The name of the button that opens a message's actions. */
  moreActions: 'More actions',
  /** The name of the menu it opens. */
  actionsMenu: 'Message actions',
  edit: 'Edit',
  delete: 'Delete',
  /** The name of the text box that edits a message. */
  editInput: 'Edit message',
  editHint: 'Enter to save, Escape to cancel',
  save: 'Save',
  cancel: 'Cancel',
  confirmDelete: 'Delete this message for everyone?',
  confirmDeleteButton: 'Delete',
  /** Before the backend's reason, when an edit was refused (the old text is back). */
  editFailed: 'Edit not saved',
  /** Before the backend's reason, when a delete was refused (the message is back). */
  deleteFailed: 'Not deleted',
  retry: 'Retry',
  dismiss: 'Dismiss',
} as const;
