/**
 * Editing and deleting my own messages in the thread: a "More actions" button beside each of my
 * messages (shown on hover and focus, always in the tab order) opens a menu with only what the
 * backend allows. Edit turns the bubble into a text box (Enter saves, Escape cancels); Delete asks
 * first. A change shows at once and is rolled back, with its reason and a retry, if the backend
 * refuses it. State lives here, by message id, so it survives the virtual list recycling rows.
 *
 * Only the button and the change overlay are here; the menu, the editor and the rest load on the
 * first press of a button (own-actions-ui.ts), so a page where nobody edits never downloads them.
 */
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { Message } from '../../core/model.js';
import { isUnconfirmed } from '../../core/state.js';
import { ParleyError, messageOf } from '../../core/errors.js';
import { ParleyErrorEvent } from '../../lit/events.js';
import type { ChatSession } from '../../lit/session.js';
import { moreIcon } from '../shared/icons.js';
import type { OwnActionsUi } from './own-actions-ui.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** A change of mine on its way to the backend, or refused by it (`failed` = the reason). */
export interface Change { kind: 'edit' | 'delete'; text: string; failed?: string }

/** The thread, as these actions see it. */
export interface OwnActionsHost extends ReactiveElement {
  readonly session?: ChatSession;
  /** Render the rows again (only the rows in the DOM render). */
  refreshRows(): void;
  /** The words the thread speaks in now. */
  readonly words: ParleyMessages;
}

/** What a message of mine shows besides itself. */
export interface OwnView {
  /** The message as it shows: with a change on its way applied. */
  shown: Message;
  /** Replaces the body while editing. */
  editor?: TemplateResult;
  /** The "More actions" button, beside the bubble. */
  trigger?: TemplateResult;
  /** The menu, the delete confirmation or a refusal, below the message. */
  tools?: TemplateResult;
}

/** An id usable in `id` / `aria-*` attributes for a message's controls. */
export const domId = (what: string, m: Message): string => `${what}-${m.id.replace(/[^\w-]/g, '_')}`;

export class OwnActions {
  /** Changes on their way or refused, by message id. */
  readonly changes = new Map<string, Change>();
  /** The message whose menu is open. */
  menuFor?: string;
  private ui?: OwnActionsUi;
  private loading?: Promise<OwnActionsUi>;

  constructor(readonly host: OwnActionsHost) {}

  /** What `m` shows besides itself; undefined for messages that are not mine to change. */
  view(m: Message): OwnView | undefined {
    if (m.sender?.role !== 'self' || m.kind === 'system' || m.deleted || m.streaming || isUnconfirmed(m)) return undefined;
    const change = this.changes.get(m.id);
    const shown = !change || change.failed !== undefined ? m
      : change.kind === 'edit' ? { ...m, text: change.text, markup: 'plain' as const, edited: true }
        : { ...m, deleted: true, text: '', attachments: [] };
    const canEdit = this.canEdit(m);
    const canDelete = this.host.session?.can('delete') ?? false;
    const extras = this.ui?.extras(m, canEdit, canDelete, change);
    if (extras?.editor) return { shown, editor: extras.editor };
    if ((!canEdit && !canDelete) || (change && change.failed === undefined)) return { shown };
    const open = this.menuFor === m.id;
    const trigger = html`<button type="button" class="more" part="more-actions" aria-label=${this.host.words.t('thread.moreActions')} title=${this.host.words.t('thread.moreActions')}
      aria-haspopup="menu" aria-expanded=${open ? 'true' : 'false'} aria-controls=${open ? domId('menu', m) : nothing}
      @click=${() => this.press(m)}>${moreIcon}</button>`;
    return extras?.tools ? { shown, trigger, tools: extras.tools } : { shown, trigger };
  }

  /** Whether `m` can take a new text here: a text message without attachments, on a backend that edits. */
  canEdit(m: Message): boolean {
    return m.kind === 'text' && m.attachments.length === 0 && (this.host.session?.can('edit') ?? false);
  }

  /** The button: open or close the menu; a menu that cannot load is reported, and tried again on the next press. */
  private press(m: Message): void {
    this.withUi((ui) => ui.toggleMenu(m)).catch((err: unknown) => {
      this.host.dispatchEvent(new ParleyErrorEvent(new ParleyError('command', `the message actions did not load: ${messageOf(err)}`, { cause: err })));
    });
  }

  /** Run `fn` with the menu's code, loading it first if need be. */
  private async withUi(fn: (ui: OwnActionsUi) => void): Promise<void> {
    this.loading ??= import('./own-actions-ui.js').then((mod) => (this.ui = new mod.OwnActionsUi(this)));
    fn(await this.loading.catch((err: unknown) => { this.loading = undefined; throw err; }));
  }
}
