/**
 * Every string `<parley-thread>` shows or announces, in English: its section of the message
 * catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts).
 */

/** The thread's English strings. */
export const THREAD_TEXT = {
  label: 'Messages',
  noConversation: 'No conversation yet.',
  loadingOlder: 'Loading older messages…',
  /** A message's accessible name: who and when. */
  messageLabel: '{name}, {time}',
  you: 'You',
  unknownSender: 'Unknown',
  deleted: 'This message was deleted',
  showMore: 'Show more',
  edited: 'edited',
  reply: '↪ reply',
  /** An attachment without a name. */
  attachment: 'attachment',
  broken: 'This message could not be shown.',
  /** The delivery state of my messages. */
  status: { pending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' },
  notSent: 'Not sent',
  notSentBecause: 'Not sent: {error}',
  retry: 'Retry',
  discard: 'Discard',
  /** The button that appears while scrolled up when messages from others arrive below. */
  newMessages: { one: '{count} new message', other: '{count} new messages' },
  /** The name of the button that opens one of my messages' actions. */
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
  dismiss: 'Dismiss',
  /** The progress bar of a send whose files are going up. */
  uploading: 'Uploading files',
  /** Posts, tasks and comments on them (Avaya Spaces). */
  kind: {
    post: 'Post',
    task: 'Task',
    open: 'Open',
    done: 'Done',
    assignedTo: 'Assigned to {names}',
    /** Assignees without a name, after named ones. */
    others: { one: '{count} other', other: '{count} others' },
    /** Assignees, none of them named. */
    members: { one: '{count} member', other: '{count} members' },
    due: 'Due',
    onPost: 'on the post',
    onTask: 'on the task',
    /** What a comment is on, and the start of its text. */
    quoted: '{what} “{about}”',
  },
} as const;
