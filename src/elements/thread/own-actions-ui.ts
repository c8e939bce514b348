/**
 * The menu, editor, delete confirmation and refusal notice of my messages (see own-actions.ts),
 * loaded on the first press of a "More actions" button, with their styles.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ParleyError } from '../../core/errors.js';
import type { Message } from '../../core/model.js';
import { ParleyDeleteEvent, ParleyEditEvent } from '../../lit/events.js';
import { domId, type Change, type OwnActions } from './own-actions.js';
import { ownActionsStyles } from './own-actions.styles.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function entity(whole: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
  const hex = name[1] === 'x' || name[1] === 'X';
  const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** The text to edit: HTML bodies (Spaces) as plain text, lines kept; others as they are. */
export function editableText(m: Message): string {
  if (m.markup !== 'html') return m.text;
  return m.text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, entity);
}

/** The backend's reason, without the command's name in front. */
const reasonOf = (err: ParleyError): string => err.message.replace(/^(edit|delete) failed: /, '');

export class OwnActionsUi {
  private editing?: string;
  private draft = '';
  private confirming?: string;

  constructor(private readonly own: OwnActions) {
    const root = own.host.shadowRoot;
    const sheet = ownActionsStyles.styleSheet;
    if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** The editor, or the menu / confirmation / refusal, that `m` shows now. */
  extras(m: Message, canEdit: boolean, canDelete: boolean, change: Change | undefined): { editor?: TemplateResult; tools?: TemplateResult } {
    if (this.editing === m.id && canEdit) return { editor: this.renderEditor(m) };
    if (this.own.menuFor === m.id && (canEdit || canDelete)) return { tools: this.renderMenu(m, canEdit, canDelete) };
    if (this.confirming === m.id && canDelete) return { tools: this.renderConfirm(m) };
    return change?.failed !== undefined ? { tools: this.renderFailure(m, change) } : {};
  }

  toggleMenu(m: Message): void {
    if (this.own.menuFor === m.id) return this.closeMenu(m);
    this.own.menuFor = m.id;
    this.confirming = undefined;
    this.update(m, '[role="menuitem"]');
  }

  private renderMenu(m: Message, canEdit: boolean, canDelete: boolean): TemplateResult {
    return html`<div class="own-menu" part="actions-menu" role="menu" id=${domId('menu', m)} aria-label=${this.own.host.words.t('thread.actionsMenu')}
        @keydown=${(e: KeyboardEvent) => this.handleMenuKey(e, m)} @focusout=${(e: FocusEvent) => this.handleMenuFocusOut(e, m)}>
      ${canEdit ? html`<button type="button" role="menuitem" part="action-edit" @click=${() => this.startEdit(m)}>${this.own.host.words.t('thread.edit')}</button>` : nothing}
      ${canDelete ? html`<button type="button" role="menuitem" part="action-delete" @click=${() => this.askDelete(m)}>${this.own.host.words.t('thread.delete')}</button>` : nothing}
    </div>`;
  }

  private renderEditor(m: Message): TemplateResult {
    return html`<div class="editor">
      <textarea part="edit-input" rows="2" dir="auto" aria-label=${this.own.host.words.t('thread.editInput')} aria-describedby=${domId('hint', m)} .value=${this.draft}
        @input=${(e: Event) => { this.draft = (e.target as HTMLTextAreaElement).value; }}
        @keydown=${(e: KeyboardEvent) => this.handleEditKey(e, m)}></textarea>
      <div class="editor-row"><span class="hint" id=${domId('hint', m)}>${this.own.host.words.t('thread.editHint')}</span>
        <button type="button" part="edit-cancel" @click=${() => this.cancelEdit(m)}>${this.own.host.words.t('thread.cancel')}</button>
        <button type="button" part="edit-save" @click=${() => this.save(m)}>${this.own.host.words.t('thread.save')}</button></div>
    </div>`;
  }

  private renderConfirm(m: Message): TemplateResult {
    return html`<div class="own-confirm" part="delete-confirm" role="group" aria-labelledby=${domId('confirm', m)}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); this.cancelDelete(m); } }}>
      <span id=${domId('confirm', m)}>${this.own.host.words.t('thread.confirmDelete')}</span>
      <button type="button" part="delete-cancel" @click=${() => this.cancelDelete(m)}>${this.own.host.words.t('thread.cancel')}</button>
      <button type="button" part="delete-ok" @click=${() => this.confirmDelete(m)}>${this.own.host.words.t('thread.confirmDeleteButton')}</button>
    </div>`;
  }

  private renderFailure(m: Message, change: Change): TemplateResult {
    const what = change.kind === 'edit' ? this.own.host.words.t('thread.editFailed') : this.own.host.words.t('thread.deleteFailed');
    return html`<div class="own-failed" part="change-failed" role="alert">
      <span>${change.failed ? `${what}: ${change.failed}` : what}</span>
      <button type="button" part="change-retry" @click=${() => this.run(m, { kind: change.kind, text: change.text })}>${this.own.host.words.t('thread.retry')}</button>
      <button type="button" part="change-dismiss" @click=${() => { this.own.changes.delete(m.id); this.update(m, '.more'); }}>${this.own.host.words.t('thread.dismiss')}</button>
    </div>`;
  }

  private handleMenuKey(e: KeyboardEvent, m: Message): void {
    const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(e.target as HTMLElement);
    const go = (i: number) => { e.preventDefault(); items[(i + items.length) % items.length]?.focus(); };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape') { e.preventDefault(); this.closeMenu(m); }
    else if (e.key === 'Tab') this.closeMenu(m, false);
  }

  private handleMenuFocusOut(e: FocusEvent, m: Message): void {
    const menu = e.currentTarget as HTMLElement;
    const to = e.relatedTarget as Node | null;
    // Within the menu, or to its own button (whose click toggles it): the menu stays.
    if (to && (menu.contains(to) || menu.closest('[data-message-id]')?.querySelector('.more') === to)) return;
    if (this.own.menuFor === m.id) this.closeMenu(m, false);
  }

  private handleEditKey(e: KeyboardEvent, m: Message): void {
    if (e.isComposing) return; // the IME's own Enter and Escape
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.save(m);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.cancelEdit(m);
    }
  }

  private closeMenu(m: Message, focusButton = true): void {
    this.own.menuFor = undefined;
    this.update(m, focusButton ? '.more' : undefined);
  }

  private startEdit(m: Message): void {
    this.own.menuFor = undefined;
    this.editing = m.id;
    this.draft = editableText(m);
    this.update(m, 'textarea');
  }

  private cancelEdit(m: Message): void {
    this.editing = undefined;
    this.update(m, '.more');
  }

  private save(m: Message): void {
    const text = this.draft.trim();
    if (!text || text === editableText(m).trim()) return this.cancelEdit(m);
    this.editing = undefined;
    if (this.own.host.dispatchEvent(new ParleyEditEvent(m.conversationId, m.id, text))) void this.run(m, { kind: 'edit', text });
    this.update(m, '.more');
  }

  private askDelete(m: Message): void {
    this.own.menuFor = undefined;
    this.confirming = m.id;
    this.update(m, '[part="delete-cancel"]');
  }

  private cancelDelete(m: Message): void {
    this.confirming = undefined;
    this.update(m, '.more');
  }

  private confirmDelete(m: Message): void {
    this.confirming = undefined;
    if (this.own.host.dispatchEvent(new ParleyDeleteEvent(m.conversationId, m.id))) void this.run(m, { kind: 'delete', text: '' });
    this.update(m, '.more');
  }

  /** Show the change at once; on a refusal, show the message as it was, with the reason and a retry. */
  private async run(m: Message, change: Change): Promise<void> {
    const { changes, host } = this.own;
    changes.set(m.id, change);
    this.update();
    const session = host.session;
    const err = !session ? undefined
      : await (change.kind === 'edit' ? session.edit(m.conversationId, m.id, change.text) : session.remove(m.conversationId, m.id));
    if (changes.get(m.id) !== change) return;
    if (err) changes.set(m.id, { ...change, failed: reasonOf(err) });
    else changes.delete(m.id);
    this.update();
  }

  /**
   * Render again; then focus `selector` within `m`'s row, once the virtual list has drawn it. When
   * the row has none (a deleted message has no actions left) and the focus has left the thread,
   * it goes to the list of messages, not to the page's body; focus that went elsewhere in the
   * thread meanwhile (an editor opened) stays where it is.
   */
  private update(m?: Message, selector?: string): void {
    const { host } = this.own;
    host.refreshRows();
    if (!m || !selector) return;
    let frames = 0;
    const tryFocus = (): void => {
      const el = host.renderRoot.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(m.id)}"] ${selector}`);
      if (el) el.focus();
      else if (++frames < 10) requestAnimationFrame(tryFocus);
      else if (!(host.renderRoot as ShadowRoot).activeElement) host.renderRoot.querySelector<HTMLElement>('[role="log"]')?.focus({ preventScroll: true });
    };
    void host.updateComplete.then(() => requestAnimationFrame(tryFocus));
  }
}
