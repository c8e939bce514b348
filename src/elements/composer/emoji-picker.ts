/**
 * The composer's emoji picker, loaded on its first use: a small grid of everyday emoji (the
 * system's own picker, Win+. or Ctrl+Cmd+Space, stays there for the rest). One Tab stop; the
 * arrow keys, Home and End move in the grid; Enter or a click picks; Escape closes.
 */
import { css, html, type TemplateResult } from 'lit';

/** The grid, row by row (eight a row): faces, hands, hearts and marks, things. */
export const EMOJI: readonly string[] = [
  '😀', '😂', '😊', '😍', '😉', '😎', '🤔', '😅',
  '🙂', '😢', '😮', '😡', '🥳', '😴', '🤗', '🙄',
  '👍', '👎', '👏', '🙏', '👋', '💪', '🙌', '🤝',
  '❤️', '🔥', '🎉', '✅', '❌', '⭐', '💯', '👀',
  '💡', '📎', '📷', '☕', '🚀', '🎁', '📦', '⏰',
];
const COLUMNS = 8;

/** Added to the composer's shadow root when the picker first loads. */
export const emojiPickerStyles = css`
  .emoji-picker {
    position: absolute; inset-block-end: 100%; inset-inline-end: 8px; z-index: 1; display: grid;
    grid-template-columns: repeat(8, 40px); gap: 2px; padding: 6px; background: var(--_bg);
    border: 1px solid var(--_border); border-radius: 10px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .emoji { width: 40px; height: 40px; border: none; border-radius: 8px; background: none; font-size: 22px; cursor: pointer; padding: 0; }
  .emoji:hover, .emoji:focus-visible { background: var(--_bubble); }
`;

/** What the picker does with a pick, a close, and its name. */
export interface EmojiPickerView {
  label: string;
  onPick(emoji: string): void;
  onClose(): void;
  /** The focus left the picker for `to` (it closes, unless `to` is its own button). */
  onLeave(to: EventTarget | null): void;
}

/** Where the focus goes from `index` for a key, or undefined for a key the grid does not use. */
function moveFrom(index: number, key: string): number | undefined {
  const last = EMOJI.length - 1;
  const next: Record<string, number> = {
    ArrowRight: index + 1, ArrowLeft: index - 1, ArrowDown: index + COLUMNS, ArrowUp: index - COLUMNS, Home: 0, End: last,
  };
  return key in next ? Math.min(last, Math.max(0, next[key]!)) : undefined;
}

function handleKeydown(e: KeyboardEvent, view: EmojiPickerView): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation(); // the panel's Escape would close the whole chat
    view.onClose();
    return;
  }
  const grid = e.currentTarget as HTMLElement;
  const buttons = [...grid.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(e.target as HTMLButtonElement);
  // Right-to-left, the arrows follow the reading direction.
  const rtl = getComputedStyle(grid).direction === 'rtl';
  const key = rtl && e.key === 'ArrowRight' ? 'ArrowLeft' : rtl && e.key === 'ArrowLeft' ? 'ArrowRight' : e.key;
  const to = at < 0 ? undefined : moveFrom(at, key);
  if (to === undefined) return;
  e.preventDefault();
  buttons[at]!.tabIndex = -1;
  buttons[to]!.tabIndex = 0;
  buttons[to]!.focus();
}

/** The grid, its first emoji the one Tab stop. */
export function renderEmojiPicker(view: EmojiPickerView): TemplateResult {
  return html`<div class="emoji-picker" part="emoji-picker" role="group" aria-label=${view.label}
      @keydown=${(e: KeyboardEvent) => handleKeydown(e, view)}
      @focusout=${(e: FocusEvent) => { if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) view.onLeave(e.relatedTarget); }}>
    ${EMOJI.map((emoji, i) => html`<button type="button" class="emoji" tabindex=${i === 0 ? 0 : -1}
      @click=${() => view.onPick(emoji)}>${emoji}</button>`)}
  </div>`;
}
