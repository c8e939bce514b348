/**
 * The one object that travels through context: a stable store plus the actions of whichever
 * client is current. Elements never see a client come and go; they read the store and call these.
 */
import type { ChatClient, SendOptions } from '../core/client.js';
import type { Command } from '../core/commands.js';
import type { Message } from '../core/model.js';
import { ChatStore } from '../core/store.js';
import { ParleyError } from '../core/errors.js';

const notConnected = (): ParleyError => new ParleyError('command', 'not connected');
import type { AttachmentRules } from '../core/uploads.js';

/** What elements use. */
export class ChatSession {
  /** The store; stable for the life of the widget. */
  readonly store = new ChatStore();
  private clientValue?: ChatClient;
  /** Hook for the host element: a cancelable `parley-send` before a message goes out. */
  beforeSend?: (text: string, conversationId: string) => boolean;

  /** The live client, if any. */
  get client(): ChatClient | undefined {
    return this.clientValue;
  }

  /** Set by the connection controller. */
  attach(client: ChatClient | undefined): void {
    this.clientValue = client;
  }

  /** Whether the backend supports a command. */
  can(command: Command['type']): boolean {
    return this.clientValue?.capabilities.has(command) ?? false;
  }

  /** What the backend takes as attachments; undefined where it takes none (no attach button). */
  get attachments(): AttachmentRules | undefined {
    return this.clientValue?.attachments;
  }

  /** Send text (and files) to the open (or given) conversation. Returns the pending message, if sent. */
  send(text: string, opts: SendOptions = {}): Message | undefined {
    const conversationId = opts.conversationId ?? this.store.getState().activeConversation;
    if (!this.clientValue || !conversationId || (!text.trim() && !opts.files?.length)) return undefined;
    if (this.beforeSend && !this.beforeSend(text, conversationId)) return undefined;
    return this.clientValue.send(text, { ...opts, conversationId });
  }

  /** Change a message's text, or delete it; resolves with the failure, if any (also when there is no client). */
  edit(conversationId: string, messageId: string, text: string): Promise<ParleyError | undefined> {
    return this.clientValue?.edit(conversationId, messageId, text) ?? Promise.resolve(notConnected());
  }
  remove(conversationId: string, messageId: string): Promise<ParleyError | undefined> {
    return this.clientValue?.remove(conversationId, messageId) ?? Promise.resolve(notConnected());
  }
  retry(conversationId: string, clientRef: string): void { this.clientValue?.retry(conversationId, clientRef); }
  discard(conversationId: string, clientRef: string): void { this.clientValue?.discard(conversationId, clientRef); }
  typing(conversationId: string, on: boolean): void { this.clientValue?.setTyping(conversationId, on); }
  /** Accept or decline an invitation. Without a client it only leaves the list. */
  answerInvitation(conversationId: string, accept: boolean): Promise<void> {
    if (this.clientValue) return this.clientValue.answerInvitation(conversationId, accept);
    const invitation = this.store.getState().invitations.find((i) => i.conversationId === conversationId);
    if (invitation) this.store.apply([{ type: 'invitation', conversationId, invitation, cancelled: true }]);
    return Promise.resolve();
  }
  /** Start a new conversation and open it; its id, or undefined (not connected, not supported, failed). */
  createConversation(opts?: { title?: string }): Promise<string | undefined> { return this.clientValue?.createConversation(opts) ?? Promise.resolve(undefined); }
  loadOlder(conversationId: string): Promise<void> { return this.clientValue?.loadOlder(conversationId) ?? Promise.resolve(); }
  open(conversationId: string | undefined, viewing?: boolean): void {
    if (this.clientValue) this.clientValue.open(conversationId, viewing);
    else this.store.setActive(conversationId, viewing);
  }
}
