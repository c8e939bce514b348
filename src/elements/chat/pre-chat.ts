/**
 * `<parley-chat pre-chat-form>`: holds the connection of a new Chatwoot visitor until the pre-chat
 * form gave a name and an email, then lets it connect with them (the contact is created from
 * them) and sends the first message, if one was written, once the conversation is open. A visitor
 * who already has a contact on this device (kept from an earlier visit) connects at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ParleyError, messageOf } from '../../core/errors.js';
import type { KeyValueStore } from '../../core/kv.js';
import { createsContact, needsPreChat, type PreChatSource } from '../../core/pre-chat.js';
import type { ChatSession } from '../../lit/session.js';
import type { VisitorDetails } from './pre-chat-form.js';

/** What the controller reads of its host. */
export interface PreChatSettings extends PreChatSource {
  /** The `pre-chat-form` attribute. */
  enabled: boolean;
}

/** The controller. */
export class PreChatController implements ReactiveController {
  /** Whether a contact is kept, per settings (`keyOf`): undefined until checked. */
  private known = new Map<string, boolean>();
  private checking?: string;
  private visitor?: VisitorDetails;
  private stopWaiting?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: ChatSession,
    private readonly settings: () => PreChatSettings,
    private readonly storage: () => KeyValueStore,
    private readonly report: (error: ParleyError) => void,
  ) {
    host.addController(this);
  }

  /** Whether the connection waits (for the check, or for the form); never one already made (the form turned on late). */
  get holds(): boolean {
    const s = this.settings();
    const known = this.known.get(keyOf(s));
    return s.enabled && !this.visitor && createsContact(s) && known !== true && !(known === undefined && this.session.client);
  }

  /** Whether the form is up: no contact is kept, none given yet. */
  get shown(): boolean {
    return this.holds && this.known.get(keyOf(this.settings())) === false;
  }

  /** The options to connect with: the visitor's name and email as the new contact's. */
  options(options: Record<string, unknown>): Record<string, unknown> {
    const v = this.visitor;
    return v ? { ...options, contactName: v.name, contactEmail: v.email } : options;
  }

  /** The form was submitted: connect with these details; send the message once a conversation is open. */
  submit(details: VisitorDetails): void {
    this.visitor = details;
    this.host.requestUpdate();
    const message = details.message;
    if (!message) return;
    this.stopWaiting?.();
    const off = this.session.store.subscribe((state) => {
      if (state.status !== 'open' || !state.activeConversation || !this.session.client) return;
      this.stopWaiting?.();
      this.session.send(message);
    });
    this.stopWaiting = () => { off(); this.stopWaiting = undefined; };
  }

  hostUpdate(): void {
    const s = this.settings();
    const key = keyOf(s);
    if (!s.enabled || !createsContact(s) || this.visitor || this.known.has(key) || this.checking === key) return;
    if (this.session.client) {
      this.known.set(key, true); // connected before the form was asked for: its contact exists
      return;
    }
    this.checking = key;
    void needsPreChat(s, this.storage()).then(async (needed) => {
      // Only a page that shows the form loads it. When it cannot load, the chat goes on without it.
      const shown = needed && await import('./pre-chat-form.js').then(() => true, (err: unknown) => {
        this.report(new ParleyError('config', `the pre-chat form did not load, so the chat starts without it: ${messageOf(err)}`, { cause: err }));
        return false;
      });
      this.known.set(key, !shown);
      if (this.checking === key) this.checking = undefined;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.stopWaiting?.();
  }
}

/** The settings that name a contact's place in storage. */
function keyOf(s: PreChatSource): string {
  return JSON.stringify([s.protocol, s.url, s.options.inboxIdentifier]);
}
