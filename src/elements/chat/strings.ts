/**
 * Every string `<parley-chat>` and `<parley-invitations>` show or announce, in English: their
 * sections of the message catalog (src/i18n/en.ts; how to add one: src/i18n/i18n.ts). Values are
 * strings with `{name}` placeholders, or plurals by `{count}`; never functions.
 */

/** What the chat says about its connection, header and launcher. */
export const CHAT_TEXT = {
  /** The header's title when the page gives no `heading`. */
  heading: 'Chat',
  status: {
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    notConnected: 'Not connected',
    offline: 'Offline',
    notSetUp: 'Not set up',
    disconnected: 'Disconnected',
  },
  banner: {
    neverConnected: "Can't reach the chat server. Trying again…",
    neverConnectedTimeout: 'The chat server did not answer in time. Trying again…',
    reconnecting: 'Connection lost. Reconnecting…',
    reconnectingTimeout: 'The chat server did not answer in time. Reconnecting…',
    offlineNeverConnected: 'You are offline. The chat will connect when the network is back.',
    offline: 'You are offline. The chat will reconnect when the network is back.',
    misconfigured: "This chat is not set up correctly, so it can't connect.",
    authFailed: 'The chat server did not accept the sign-in, so the chat is disconnected.',
    rejected: 'The chat server refused to open this chat, so it is disconnected.',
    disconnected: 'The chat is disconnected.',
  },
  /** The other side, in the header once connected (the connection itself says nothing while all is well). */
  availability: {
    online: 'Online',
    away: 'Away',
    /** "Away · Typically replies in a few hours". */
    awayReply: '{away} · {reply}',
    replyTime: {
      minutes: 'Typically replies in a few minutes',
      hours: 'Typically replies in a few hours',
      day: 'Typically replies in a day',
    },
  },
  /** Notices of messages that arrive unseen (`notify`). */
  notify: {
    /** The tab's title while messages wait: "(2) My shop". */
    title: { one: '({count}) {title}', other: '({count}) {title}' },
    /** The same, when the page has no title of its own. */
    titleAlone: { one: '({count})', other: '({count})' },
    from: 'New message from {name}',
    someone: 'Someone',
    enable: 'Turn on desktop notifications',
  },
  /** The detail under a banner: the reason, in the words of whoever gave it. */
  reason: 'Reason: {why}',
  missingProtocol: 'the "protocol" attribute is missing (for example protocol="chatwoot")',
  missingUrl: 'the "url" attribute is missing (the address of your chat server)',
  openChat: 'Open chat',
  openChatUnread: { one: 'Open chat, {count} unread', other: 'Open chat, {count} unread' },
  /** The launcher while the panel is open: a name of its own, not the header's "Close chat". */
  minimizeChat: 'Minimize chat',
  closeChat: 'Close chat',
  backToList: 'All conversations',
  storageFailed: "Messages you haven't sent yet can't be kept on this device.",
  newConversation: 'New conversation',
  newConversationFailed: "Couldn't start a new conversation.",
  tryAgain: 'Try again',
  /** The pre-chat form (a Chatwoot visitor's first visit). */
  preChat: {
    label: 'Before we start',
    intro: 'Tell us who you are, so we can get back to you.',
    name: 'Name',
    email: 'Email',
    message: 'Message (optional)',
    submit: 'Start conversation',
    nameMissing: 'Enter your name.',
    emailMissing: 'Enter your email address.',
    emailInvalid: 'Enter an email address like name@example.com.',
  },
} as const;

/** What `<parley-invitations>` says. */
export const INVITATIONS_TEXT = {
  label: 'Invitations',
  /** "Kit invited you to Beta testers". */
  invited: '{from} invited you to {title}',
  someone: 'Someone',
  aConversation: 'a conversation',
  accept: 'Accept',
  decline: 'Decline',
} as const;

/** What a console line from the chat starts with, so a developer can find it (console lines stay English). */
export const CONSOLE_PREFIX = '[parley] <parley-chat>:';
