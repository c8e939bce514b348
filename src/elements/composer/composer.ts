import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { DisconnectReason } from '../../core/protocol.js';
import type { ChatState, ConnectionStatus } from '../../core/store.js';
import { chatContext } from '../../lit/context.js';
import type { ChatSession } from '../../lit/session.js';
import { StoreController } from '../../lit/store-controller.js';
import type { AttachmentRules } from '../../core/uploads.js';
import { tokens } from '../shared/tokens.styles.js';
import { LocaleController } from '../../lit/locale-controller.js';
import type { MessageKey, Strings } from '../../i18n/index.js';
import { composerStyles } from './composer.styles.js';
import { clipIcon, smileIcon } from '../shared/icons.js';
import type * as EmojiPicker from './emoji-picker.js';
import type * as TrayModule from './attach-tray.js';
import type { PickedFile } from './attach-tray.js';

type EmojiModule = typeof EmojiPicker;
type Tray = typeof TrayModule;
let trayModule: Tray | undefined;
/** The chips' code, loaded with the first file: a page whose visitors send none never loads it. */
const loadTray = async (): Promise<Tray> => (trayModule ??= await import('./attach-tray.js'));

const IDLE_MS = 4000;

/** What the composer reads of the store (and whether the backend, once loaded, takes files). */
interface ComposerSlice { status: ConnectionStatus; reason?: DisconnectReason; conversation?: string; files?: AttachmentRules }

const sameSlice = (a: ComposerSlice, b: ComposerSlice) => a.status === b.status && a.reason === b.reason && a.conversation === b.conversation && a.files === b.files;

/** Whether a drag carries files (not text or a link). */
const carriesFiles = (e: DragEvent): boolean => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

/**
 * What to tell someone who can write but is not connected: that what they send waits, and for
 * what. Nothing while open, or while nothing can be written (the chat's banner says why).
 */
function waitingNote(slice: ComposerSlice, canWrite: boolean): MessageKey | undefined {
  if (!canWrite || slice.status === 'open' || slice.status === 'idle') return undefined;
  if (slice.reason === 'offline') return 'composer.offline';
  if (slice.status === 'closed') return slice.reason && slice.reason !== 'client-closed' ? 'composer.disconnected' : undefined;
  return 'composer.notConnected';
}

/**
 * @summary Where the user writes. Enter sends, Shift+Enter starts a new line; typing notices are
 * throttled. Works offline: what is sent then waits, visibly, and goes out on reconnect. Where the
 * backend takes files, an attach button, dropping files on the composer (or the thread) and
 * pasting them add them as chips; they go with the next message, their upload's progress shown
 * in its bubble. A send with files is kept in memory only: a reload loses it if not yet sent.
 *
 * @tagname parley-composer
 * @attr locale - BCP 47 locale of its strings; inside `<parley-chat>`, the chat's.
 * @fires parley-send - Before a message is sent; cancelable (from `<parley-chat>`).
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart emoji-button - Opens the emoji picker (loaded on first use).
 * @csspart emoji-picker - The picker: a grid of everyday emoji (arrow keys move, Enter picks, Escape closes).
 * @csspart attach-button - Opens the file picker; shown only where the backend takes files.
 * @csspart attachments - The list of files chosen for the next message.
 * @csspart attachment-chip - One chosen file: its name, size and remove button.
 * @csspart attachment-thumbnail - An image's thumbnail in its chip.
 * @csspart attachment-remove - A chip's remove button.
 * @csspart attachment-error - Why a file was refused (too large, a type the backend does not take, too many).
 * @csspart drop-hint - Shown over the composer while files are dragged onto it.
 * @csspart offline-note - Shown while not connected and a message can be written: says that what is sent waits, and for what (the network, the connection).
 * @cssprop --parley-accent - Send button colour.
 */
export class ParleyComposer extends LitElement {
  static override styles = [tokens, composerStyles];

  private readonly conn = new StoreController<ComposerSlice>(this, () => this.session?.store,
    (s: ChatState) => ({ status: s.status, reason: s.statusReason, conversation: this.conversation ?? s.activeConversation, files: this.session?.attachments }),
    sameSlice, { status: 'idle' });
  private idleTimer?: ReturnType<typeof setTimeout>;
  private typingIn?: string;

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('input[type=file]') private picker?: HTMLInputElement;

  @state() private draft = '';
  /** The emoji picker's module, once loaded; the picker is open while `emojiOpen`. */
  @state() private emoji?: EmojiModule;
  @state() private emojiOpen = false;
  /** Files chosen for the next message. */
  @state() private files: readonly PickedFile[] = [];
  /** Why the last file was refused. */
  @state() private fileError?: string;
  /** Files are being dragged over the composer. */
  @state() private dragging = false;

  /** The session to use; provided by `<parley-chat>` through context, or set directly. */
  @consume({ context: chatContext, subscribe: true })
  @property({ attribute: false })
  session?: ChatSession;

  /** Send into this conversation instead of the session's open one. */
  @property() conversation?: string;

  /** Placeholder text; undefined: the catalog's ("Write a message…"). */
  @property() placeholder?: string;

  /** Locale of its strings (BCP 47); inside `<parley-chat>` it follows the chat's. */
  @property() locale?: string;

  /** A site's own strings over the catalog's (see `<parley-chat>`'s `strings`). */
  @property({ attribute: false }) strings?: Strings;

  private readonly i18n = new LocaleController(this);

  /** Disable input. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The largest file taken, bytes; never above what the backend takes (Chatwoot: 40 MB). */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize?: number;

  /** How many files one message may carry; `0` hides the attach button. Never above the backend's count. */
  @property({ type: Number, attribute: 'max-files' }) maxFiles?: number;

  /** Media types taken, as the file input's `accept` (`image/*,application/pdf`); only within what the backend takes. */
  @property() accept?: string;

  constructor() {
    super();
    this.addEventListener('dragover', (e) => this.handleDragOver(e));
    this.addEventListener('dragleave', (e) => { if (!this.contains(e.relatedTarget as Node | null) && e.relatedTarget !== this) this.dragging = false; });
    this.addEventListener('drop', (e) => this.handleDrop(e));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
    void this.clearFiles();
  }

  /** Focus the text area (nothing happens while it is disabled: no conversation yet). */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  private get target(): string | undefined {
    return this.conversation ?? this.session?.store.getState().activeConversation;
  }

  private handleInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    const id = this.target;
    if (!id) return;
    if (this.draft.trim()) {
      this.typingIn = id;
      this.session?.typing(id, true);
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.stopTyping(), IDLE_MS);
    } else this.stopTyping();
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  private handleDragOver(e: DragEvent): void {
    if (!carriesFiles(e) || !this.rules) return;
    e.preventDefault(); // makes this a drop target
    e.dataTransfer!.dropEffect = 'copy';
    this.dragging = true;
  }

  private handleDrop(e: DragEvent): void {
    this.dragging = false;
    if (!carriesFiles(e)) return;
    e.preventDefault(); // the browser would open the file instead
    void this.addFiles([...e.dataTransfer!.files]);
  }

  private handlePaste(e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return; // text pastes as text
    e.preventDefault();
    void this.addFiles(files);
  }

  private handlePicked(): void {
    const files = [...(this.picker?.files ?? [])];
    if (this.picker) this.picker.value = ''; // the same file may be picked again
    void this.addFiles(files);
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    this.submit();
  }

  private stopTyping(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.typingIn) this.session?.typing(this.typingIn, false);
    this.typingIn = undefined;
  }

  /** The backend's limits within the page's; undefined where no file can be sent. */
  get rules(): AttachmentRules | undefined {
    const backend = this.conn.value.files;
    if (!backend) return undefined;
    const maxFiles = Math.min(backend.maxFiles, this.maxFiles ?? Infinity);
    return maxFiles > 0 ? { maxFiles, maxBytes: Math.min(backend.maxBytes, this.maxFileSize ?? Infinity), ...(backend.accept ? { accept: backend.accept } : {}) } : undefined;
  }

  /**
   * Add files for the next message (what the attach button, a drop or a paste does): each one
   * checked against the limits; a refused one is named in the composer's error line.
   */
  async addFiles(files: readonly File[]): Promise<void> {
    if (!files.length) return;
    const rules = this.rules;
    if (!rules) {
      this.fileError = this.i18n.t('composer.noFiles');
      return;
    }
    const { pick } = await loadTray();
    const page = this.accept?.split(',').map((a) => a.trim()).filter(Boolean);
    const { files: kept, error } = pick(this.files, files, rules, this.i18n.value, page);
    this.files = kept;
    this.fileError = error;
  }

  private async removeFile(f: PickedFile): Promise<void> {
    this.files = this.files.filter((x) => x !== f);
    this.fileError = undefined;
    (await loadTray()).release([f]);
    this.input?.focus();
  }

  private async clearFiles(): Promise<void> {
    const gone = this.files;
    this.files = [];
    if (gone.length) (await loadTray()).release(gone);
  }

  /** Send the current draft and chosen files. Returns whether a message was sent. */
  submit(): boolean {
    const text = this.draft.trim();
    const files = this.files.map((f) => f.file);
    if ((!text && !files.length) || this.disabled) return false;
    const sent = this.session?.send(text, { conversationId: this.target, ...(files.length ? { files } : {}) });
    if (!sent) return false;
    void this.clearFiles();
    this.fileError = undefined;
    this.draft = '';
    if (this.input) this.input.value = '';
    this.stopTyping();
    this.input?.focus();
    return true;
  }

  private readonly toggleEmoji = async (): Promise<void> => {
    if (this.emojiOpen) return this.closeEmoji();
    if (!this.emoji) {
      this.emoji = await import('./emoji-picker.js');
      // The picker's styles come with it: constructable sheets pass a strict style-src.
      const root = this.renderRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.emoji.emojiPickerStyles.styleSheet!];
    }
    this.emojiOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.emoji-picker button[tabindex="0"]')?.focus();
  };

  private closeEmoji(): void {
    this.emojiOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.emoji-button')?.focus());
  }

  /** Put the emoji where the caret was (replacing a selection), as typing it would. */
  private insertEmoji(emoji: string): void {
    const input = this.input;
    this.emojiOpen = false;
    if (!input) return;
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  }

  override render() {
    const slice = this.conn.value;
    const canWrite = !this.disabled && !!slice.conversation;
    const note = waitingNote(slice, canWrite);
    const t = this.i18n;
    const rules = this.rules;
    return html`
      ${note ? html`<p class="offline" part="offline-note" role="status">${t.t(note)}</p>` : nothing}
      ${this.files.length && trayModule ? trayModule.renderTray(this.files, (f) => void this.removeFile(f), t.value) : nothing}
      <p class="file-error" part="attachment-error" role="alert" ?hidden=${!this.fileError}>${this.fileError ?? ''}</p>
      <form @submit=${this.handleSubmit}>
        ${rules ? html`<button type="button" class="attach" part="attach-button" aria-label=${t.t('composer.attach')} title=${t.t('composer.attach')}
            ?disabled=${!canWrite} @click=${() => this.picker?.click()}>${clipIcon}</button>
          <input type="file" multiple hidden tabindex="-1" accept=${this.accept ?? rules.accept?.join(',') ?? ''} @change=${this.handlePicked} />` : nothing}
        <textarea part="input" rows="1" aria-label=${t.t('composer.inputLabel')} placeholder=${this.placeholder ?? t.t('composer.placeholder')}
          ?disabled=${!canWrite}
          .value=${this.draft} @input=${this.handleInput} @keydown=${this.handleKeydown} @paste=${this.handlePaste}></textarea>
        <button type="button" class="emoji-button" part="emoji-button" aria-label=${t.t('composer.emoji')} title=${t.t('composer.emoji')}
          aria-haspopup="true" aria-expanded=${this.emojiOpen ? 'true' : 'false'} ?disabled=${!canWrite} @click=${this.toggleEmoji}>${smileIcon}</button>
        <button type="submit" part="send-button" ?disabled=${!canWrite || (!this.draft.trim() && !this.files.length)}>${t.t('composer.send')}</button>
      </form>
      ${this.dragging ? html`<p class="drop-hint" part="drop-hint">${t.t('composer.dropHere')}</p>` : nothing}
      ${this.emojiOpen && this.emoji ? this.emoji.renderEmojiPicker({
        label: t.t('composer.emojiPicker'), onPick: (e) => this.insertEmoji(e), onClose: () => this.closeEmoji(),
        onLeave: (to) => { if (!(to instanceof Element && to.classList.contains('emoji-button'))) this.emojiOpen = false; },
      }) : nothing}`;
  }
}
