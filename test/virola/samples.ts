/**
 * REST answers as the Virola Web API documentation prints them
 * (virola-messenger/virola-web-client doc/messages.md @c72b6d0, doc/comments.md, doc/rooms.md,
 * doc/users.md, doc/status.md @144390a), copied verbatim, plus small builders for tests.
 */

type Json = Record<string, unknown>;

/** `GET /api/v1/rooms/2/messages` (doc/messages.md, the version with `readTimestamps`). */
export const MESSAGES_ANSWER = {
  httpStatusCode: 200,
  messages: [
    {
      attachments: [
        {
          attachmentId: 13, attachmentState: 'ReadyForDownloadFromServerToClient', createdUtc: 0,
          fileChecksum: '74578eba4b0802bd3c1f0adee5985eb5933a4aad', fileName: 'Screenshot.png', fileSize: 63560,
          hasThumbnail: true, lastModifiedUtc: 1753209786659, roomId: 2, textMessageId: 2000124,
        },
      ],
      commentCount: 0, createdUtc: 1753207692547, lastEditedUtc: 1753207692547, lastModifiedUtc: 1753359160687,
      markupType: 'TextPlain', messageId: 2000124, messageType: 'Regular', parentMessageId: 0, priority: 'Normal',
      roomId: 2, text: 'Test message with attachment', userId: 1,
      readTimestamps: [{ readUtc: 1759757496294, userId: 1 }, { readUtc: 1759757494239, userId: 2 }],
    },
    {
      attachments: [], commentCount: 0, createdUtc: 1753210377178, lastEditedUtc: 1753210377178, lastModifiedUtc: 1753210404075,
      markupType: 'TextPlain', messageId: 2000129, messageType: 'Regular', parentMessageId: 0, priority: 'Normal',
      roomId: 2, text: 'Test message', userId: 3,
      readTimestamps: [{ readUtc: 1759757494299, userId: 22 }],
    },
  ],
  roomId: 2,
};

/** `GET /api/v1/messages/2000127/comments` (doc/comments.md), attachments left out. */
export const COMMENTS_ANSWER = {
  httpStatusCode: 200,
  messages: [
    {
      attachments: [], commentCount: 0, createdUtc: 1753207692547, lastEditedUtc: 1753207692547, lastModifiedUtc: 1753359160687,
      markupType: 'TextPlain', messageId: 2000124, messageType: 'Regular', parentMessageId: 2000127, priority: 'Normal',
      roomId: 2, text: 'Test message with attachment', userId: 1,
    },
    {
      attachments: [], commentCount: 0, createdUtc: 1753210377178, lastEditedUtc: 1753210377178, lastModifiedUtc: 1753210404075,
      markupType: 'TextPlain', messageId: 2000129, messageType: 'Regular', parentMessageId: 2000127, priority: 'Normal',
      roomId: 2, text: 'Test message', userId: 3,
    },
  ],
  roomId: 2,
  parentMessageId: 2000127,
};

/** `GET /api/v1/rooms` (doc/rooms.md). */
export const ROOMS_ANSWER = {
  httpStatusCode: 200,
  rooms: [
    { createdUtc: 1718454147258, displayName: 'Admin', lastModifiedUtc: 1718454147258, roomId: 2, roomType: 'Private', unreadMessageCount: 0 },
    { createdUtc: 1718454147265, displayName: 'Welcome!', lastModifiedUtc: 1718454147265, roomId: 3, roomType: 'Public', unreadMessageCount: 2243 },
  ],
};

/** `GET /api/v1/users` (doc/users.md). */
export const USERS_ANSWER = {
  httpStatusCode: 200,
  users: [
    { createdUtc: 1718454147233, displayName: 'Admin', isAdmin: true, lastModifiedUtc: 1718454147233, status: 'Active', userId: 1, userName: 'admin' },
    { createdUtc: 1718454147239, displayName: 'Bob (Test User)', isAdmin: false, lastModifiedUtc: 1718454147239, status: 'Active', userId: 2, userName: 'bob' },
  ],
};

/** `GET /api/v1/status` (doc/status.md). */
export const STATUS_ANSWER = { httpStatusCode: 200, userId: 352, userSessionId: 'f1017fac1232132353421a9d5c95714aaafff33232bb27b1bdc693' };

/** The error body every endpoint documents. */
export const ERROR_401 = { errorText: 'Wrong Bearer, please renew Web API Access Token', httpStatusCode: 401 };

/** A message object with everything set; `over` replaces fields. */
export function wireMessage(messageId: number, over: Json = {}): Json {
  const createdUtc = 1_700_000_000_000 + (messageId % 100_000) * 1000;
  return {
    attachments: [], commentCount: 0, createdUtc, lastEditedUtc: createdUtc, lastModifiedUtc: createdUtc,
    markupType: 'TextPlain', messageId, messageType: 'Regular', parentMessageId: 0, priority: 'Normal',
    roomId: 2, text: `m${messageId}`, userId: 2, readTimestamps: [],
    ...over,
  };
}

/** A room object; `over` replaces fields. */
export function wireRoom(roomId: number, over: Json = {}): Json {
  return {
    createdUtc: 1_700_000_000_000 + roomId, displayName: `Room ${roomId}`, lastModifiedUtc: 1_700_000_000_000 + roomId,
    roomId, roomType: 'Private', unreadMessageCount: 0, isModerator: false, isArchived: false, isPinned: false,
    lastMessage: null, discussionMessageId: null,
    ...over,
  };
}
