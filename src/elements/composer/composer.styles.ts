/** `<parley-composer>`'s styles. */
import { css } from 'lit';

export const composerStyles = css`
    :host { display: block; border-block-start: 1px solid var(--_border); background: var(--_bg); }
    form { display: flex; gap: 8px; align-items: flex-end; padding: 8px 12px; }
    /* 16 px at least: a smaller input makes iOS zoom the page in when it takes the focus. */
    textarea {
      flex: 1; resize: none; font: inherit; font-size: max(16px, 1em); line-height: 1.35; color: var(--_fg); background: transparent;
      border: 1px solid var(--_border); border-radius: 10px; padding: 10px; max-height: 8em; min-height: 44px;
      field-sizing: content;
    }
    /* 44 px: a finger's target (WCAG 2.5.5). */
    button[type='submit'] {
      min-width: 44px; min-height: 44px; border: none; border-radius: 10px; padding: 8px 16px;
      background: var(--_accent); color: var(--_accent-fg); cursor: pointer;
    }
    button[disabled] { opacity: 0.5; cursor: default; }
    .emoji-button {
      min-width: 44px; min-height: 44px; border: none; border-radius: 10px; background: none; color: var(--_muted);
      font-size: 20px; cursor: pointer; display: inline-grid; place-items: center;
    }
    .offline { margin: 0; padding: 6px 12px 0; font-size: 0.8em; color: var(--_muted); }
    :host { position: relative; }
    /* The attach and emoji buttons look alike: quiet icons beside the text box. */
    .attach {
      min-width: 44px; min-height: 44px; border: none; border-radius: 10px; background: none;
      color: var(--_muted); cursor: pointer; font-size: 20px; display: inline-grid; place-items: center;
    }
    .tray { list-style: none; margin: 0; padding: 8px 12px 0; display: flex; flex-wrap: wrap; gap: 6px; }
    .chip {
      display: inline-flex; align-items: center; gap: 6px; max-width: 100%; padding: 4px 4px 4px 6px; font-size: 0.85em;
      border: 1px solid var(--_border); border-radius: 8px; color: var(--_fg);
    }
    .thumb { width: 32px; height: 32px; object-fit: cover; border-radius: 4px; display: inline-flex; align-items: center; justify-content: center; }
    .chip-name { max-width: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .chip-size { color: var(--_muted); }
    .chip-remove { min-width: 32px; min-height: 32px; border: none; background: transparent; color: inherit; cursor: pointer; border-radius: 6px; }
    .file-error { margin: 0; padding: 6px 12px 0; font-size: 0.8em; color: var(--_danger); }
    .drop-hint {
      position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; margin: 0; pointer-events: none;
      background: var(--_bg); border: 2px dashed var(--_accent); border-radius: 10px; color: var(--_fg);
    }
`;
