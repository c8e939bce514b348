/**
 * Raw Comapi socket frames (and REST answers) in the shapes PROTOCOLS.md §0 documents: where each
 * event keeps its conversation id, `etag` vs `eTag`, the orphaned-event form. Values are ours.
 */
export const CONV = '6a1f3c52-2b8e-4d7a-9c11-0e5d2f8b7a10';
export const SPACE = 'f4a5894e-259a-4030-8424-1eb74306be78';
export const MSG = '9a7bb0ae-803a-489c-9b94-1588e169cc04';

type Json = Record<string, unknown>;

/** `conversationMessage.sent` on the socket: the conversation id only in `payload.context`. */
export function sentFrame(over: { seq?: number; id?: string; from?: string; text?: string; conversationId?: string; metadata?: Json; parts?: unknown[] } = {}): Json {
  const from = over.from ?? 'ada';
  const cid = over.conversationId ?? CONV;
  return {
    eventId: `ev-sent-${over.seq ?? 3}`,
    apiSpaceId: SPACE,
    name: 'conversationMessage.sent',
    payload: {
      messageId: over.id ?? MSG,
      metadata: over.metadata ?? {},
      context: { from: { id: from, name: from === 'ada' ? 'Ada' : from }, conversationId: cid, sentBy: from, sentOn: '2024-05-01T09:00:03.000Z' },
      parts: over.parts ?? [{ name: 'body', type: 'text/plain', data: over.text ?? 'hello', size: (over.text ?? 'hello').length }],
      alert: { text: 'New Message', platforms: { apns: { alert: 'hello' } } },
    },
    context: { createdBy: from },
    revision: over.seq ?? 3,
    conversationEventId: over.seq ?? 3,
    publishedOn: '2024-05-01T09:00:03.100Z',
  };
}

/** `conversationMessage.delivered|read`: the conversation id in `payload`. */
export function statusFrame(kind: 'read' | 'delivered', over: { seq?: number; messageId?: string; profileId?: string } = {}): Json {
  const profileId = over.profileId ?? 'ada';
  return {
    eventId: `ev-${kind}-${over.seq ?? 4}`,
    apiSpaceId: SPACE,
    name: `conversationMessage.${kind}`,
    payload: { messageId: over.messageId ?? MSG, conversationId: CONV, profileId, timestamp: '2024-05-01T09:00:05.000Z' },
    context: { createdBy: profileId },
    revision: 2,
    conversationEventId: over.seq ?? 4,
    publishedOn: '2024-05-01T09:00:05.200Z',
  };
}

/** Typing on/off: the conversation id in `payload` only, no top-level one. */
export function typingFrame(on: boolean, profileId = 'ada'): Json {
  return {
    eventId: on ? 'ev-typing' : 'ev-typing-off',
    payload: { conversationId: CONV, profileId },
    context: { createdBy: `access:${profileId}`, createdOn: '2024-05-01T09:00:01.000Z' },
    accountId: 39694,
    apiSpaceId: SPACE,
    name: on ? 'conversation.participantTyping' : 'conversation.participantTypingOff',
    publishedOn: '2024-05-01T09:00:01.000Z',
  };
}

/** Participant added / removed: top-level `conversationId`. */
export function participantFrame(kind: 'Added' | 'Removed', profileId: string, conversationId = CONV): Json {
  return {
    eventId: `ev-participant-${kind}-${profileId}`,
    apiSpaceId: SPACE,
    name: `conversation.participant${kind}`,
    payload: kind === 'Added' ? { profileId, role: 'participant', conversationId, apiSpaceId: SPACE } : { profileId, conversationId, apiSpaceId: SPACE },
    context: { createdBy: 'ada' },
    conversationId,
    publishedOn: '2024-05-01T09:00:00.000Z',
  };
}

/** `conversation.update`: lowercase `etag`. */
export const updateFrame: Json = {
  eventId: 'ev-update',
  apiSpaceId: SPACE,
  name: 'conversation.update',
  payload: {
    description: 'Order questions', isPublic: false, name: 'Order 1234',
    roles: { owner: { canSend: true }, participant: { canSend: true } },
  },
  context: { createdBy: 'ada' },
  revision: 2,
  etag: '"14-qFo2c"',
  conversationId: CONV,
  publishedOn: '2024-05-01T09:01:00.000Z',
};

/** `conversation.delete` / `undelete`: top-level `conversationId`. */
export function lifecycleFrame(name: 'conversation.delete' | 'conversation.undelete'): Json {
  return {
    eventId: `ev-${name}`, apiSpaceId: SPACE, name, payload: { date: '2024-05-01T09:02:00.000Z' },
    context: { createdBy: 'ada' }, revision: 3, conversationId: CONV, publishedOn: '2024-05-01T09:02:00.100Z',
  };
}

/** `profile.update`: the payload is the profile, camel-case `eTag`, top-level `profileId`. */
export const profileFrame: Json = {
  eventId: 'ev-profile', accountId: 39694, apiSpaceId: SPACE, name: 'profile.update',
  payload: { id: 'ada', name: 'Ada Lovelace', avatar: 'https://example.com/ada.png' },
  eTag: '"1b-jOXbd"', context: { createdBy: 'ada' }, revision: 14, profileId: 'ada', publishedOn: '2024-05-01T09:03:00.000Z',
};

/** What the SDK's mock server sends on connect. */
export const socketInfoFrame: Json = { name: 'socket.info', payload: {}, context: { createdBy: 'server' }, publishedOn: '2024-05-01T09:00:00.000Z' };
