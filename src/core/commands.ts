/**
 * What the UI (or a headless user) asks the backend to do.
 */
import type { Attachment } from './model.js';
import type { OutgoingFile, UploadProgress } from './uploads.js';

/** Every command the connection understands. */
export type Command =
  | {
    type: 'send'; conversationId: string; text: string; clientRef: string; threadParentId?: string; attachments?: Attachment[];
    /** Files to upload with the message (a backend with `attachments` rules); `progress` hears how much went up. */
    files?: readonly OutgoingFile[]; progress?: UploadProgress;
  }
  | { type: 'edit'; conversationId: string; messageId: string; text: string }
  | { type: 'delete'; conversationId: string; messageId: string; scope?: 'everyone' | 'self' }
  | { type: 'typing'; conversationId: string; on: boolean }
  | { type: 'markRead'; conversationId: string; messageId?: string; at?: number }
  | { type: 'markDelivered'; conversationId: string; messageIds: string[] }
  | { type: 'loadOlder'; conversationId: string; beforeMessageId?: string }
  | { type: 'openConversation'; conversationId: string }
  /** `title`: the name where the backend needs one (Comapi); Chatwoot names none. */
  | { type: 'createConversation'; title?: string }
  | { type: 'acceptInvitation'; conversationId: string }
  | { type: 'declineInvitation'; conversationId: string };

/** Narrow the union by `type`. */
export type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;
