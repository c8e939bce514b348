/**
 * Parley's events: prefixed, bubbling, composed, one class each.
 */
import type { ConnectionStatus } from '../core/store.js';
import type { DisconnectReason } from '../core/protocol.js';
import type { Message } from '../core/model.js';
import type { ParleyError } from '../core/errors.js';

const init = { bubbles: true, composed: true } as const;

/** The connection status changed. */
export class ParleyConnectionChangeEvent extends Event {
  static readonly eventName = 'parley-connection-change';
  constructor(readonly status: ConnectionStatus, readonly reason?: DisconnectReason) {
    super(ParleyConnectionChangeEvent.eventName, init);
  }
}

/** A message arrived (from someone else, or from me on another device). */
export class ParleyMessageEvent extends Event {
  static readonly eventName = 'parley-message';
  constructor(readonly message: Message) {
    super(ParleyMessageEvent.eventName, init);
  }
}

/** A message is about to be sent. Cancel it with `preventDefault()`. */
export class ParleySendEvent extends Event {
  static readonly eventName = 'parley-send';
  constructor(readonly text: string, readonly conversationId: string) {
    super(ParleySendEvent.eventName, { ...init, cancelable: true });
  }
}

/** The user is about to change the text of a message of theirs. Cancel it with `preventDefault()`. */
export class ParleyEditEvent extends Event {
  static readonly eventName = 'parley-edit';
  constructor(readonly conversationId: string, readonly messageId: string, readonly text: string) {
    super(ParleyEditEvent.eventName, { ...init, cancelable: true });
  }
}

/** The user confirmed deleting a message of theirs, about to go to the backend. Cancel it with `preventDefault()`. */
export class ParleyDeleteEvent extends Event {
  static readonly eventName = 'parley-delete';
  constructor(readonly conversationId: string, readonly messageId: string) {
    super(ParleyDeleteEvent.eventName, { ...init, cancelable: true });
  }
}

/** The user picked a conversation. */
export class ParleyConversationSelectEvent extends Event {
  static readonly eventName = 'parley-conversation-select';
  constructor(readonly conversationId: string) {
    super(ParleyConversationSelectEvent.eventName, init);
  }
}

/**
 * The user asked for a new conversation ("New conversation"), before it is started. Cancel it
 * with `preventDefault()` (to start one your own way, or not at all).
 */
export class ParleyConversationCreateEvent extends Event {
  static readonly eventName = 'parley-conversation-create';
  constructor() {
    super(ParleyConversationCreateEvent.eventName, { ...init, cancelable: true });
  }
}

/** A frame was dropped or a command failed. `error.code` says which; the message says why. */
export class ParleyErrorEvent extends Event {
  static readonly eventName = 'parley-error';
  constructor(readonly error: ParleyError) {
    super(ParleyErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-connection-change': ParleyConnectionChangeEvent;
    'parley-message': ParleyMessageEvent;
    'parley-send': ParleySendEvent;
    'parley-edit': ParleyEditEvent;
    'parley-delete': ParleyDeleteEvent;
    'parley-conversation-select': ParleyConversationSelectEvent;
    'parley-conversation-create': ParleyConversationCreateEvent;
    'parley-error': ParleyErrorEvent;
  }
}
