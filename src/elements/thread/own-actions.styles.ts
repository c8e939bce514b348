import { css } from 'lit';

/** The styles of my messages' menu, editor, confirmation and refusal; adopted by the thread when they load. */
export const ownActionsStyles = css`
  .own-menu, .own-confirm, .own-failed { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; justify-content: flex-end; max-width: 100%; margin-block-start: 4px; font-size: 0.85em; }
  .own-menu { background: var(--_bg); border: 1px solid var(--_border); border-radius: 10px; padding: 2px; }
  .own-menu button, .own-confirm button, .own-failed button, .editor button { min-width: 44px; min-height: 44px; padding: 2px 14px; border-radius: 999px; cursor: pointer; font: inherit; }
  .own-menu button { border: none; background: none; color: var(--_fg); border-radius: 8px; }
  .own-menu button:hover, .own-menu button:focus-visible { background: var(--_bubble); }
  .own-confirm button, .editor button { border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg); }
  .own-confirm [part='delete-ok'] { border-color: var(--_danger); color: var(--_danger); }
  .own-failed { color: var(--_danger); }
  .own-failed span { min-width: 0; overflow-wrap: anywhere; }
  .own-failed button { border: 1px solid currentColor; background: none; color: var(--_danger); }
  .bubble.editing { width: min(80%, 520px); box-sizing: border-box; }
  .editor textarea { box-sizing: border-box; width: 100%; resize: vertical; font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px; padding: 6px 8px; }
  .editor-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 4px 8px; margin-block-start: 4px; }
  .editor .hint { margin-inline-end: auto; font-size: 0.8em; }
`;
