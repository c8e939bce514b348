import { css } from 'lit';

export const threadStyles = css`
  /* The breathing room above and below the messages is the host's: the scroller's content is
     only rows and the spacers the virtual list writes as its padding. */
  :host { display: flex; flex-direction: column; min-height: 0; flex: 1 1 auto; background: var(--_bg); position: relative; padding-block: 8px; box-sizing: border-box; }
  .scroller { flex: 1 1 auto; min-height: 0; height: 100%; overflow-y: auto; overflow-x: hidden; }
  .rows { box-sizing: content-box; }
  .row { width: 100%; box-sizing: border-box; padding-inline: 12px; contain: layout style; }
  .day { text-align: center; color: var(--_muted); font-size: 0.8em; padding-block: 10px 4px; }
  .message { display: flex; flex-direction: column; align-items: flex-start; margin-block-start: 2px; max-width: 100%; }
  .message.group-start { margin-block-start: 10px; }
  .message.mine { align-items: flex-end; }
  .sender { display: flex; align-items: center; gap: 6px; color: var(--_muted); font-size: 0.85em; margin-block-end: 3px; }
  .avatar { width: 22px; height: 22px; border-radius: 50%; object-fit: cover; flex: none; }
  .avatar.initials { display: inline-grid; place-items: center; background: var(--_border); color: var(--_fg); font-size: 0.7em; }
  .bubble {
    max-width: min(80%, 520px); padding: 8px 12px; border-radius: var(--_radius);
    background: var(--_bubble); color: var(--_fg); overflow-wrap: anywhere;
  }
  .mine .bubble { background: var(--_bubble-mine); color: var(--_bubble-mine-fg); }
  .mine.group-end .bubble { border-end-end-radius: 4px; }
  .theirs.group-end .bubble { border-end-start-radius: 4px; }
  .message[data-status='pending'] .bubble { opacity: 0.7; }
  /* An upload may take a while: its bubble stays readable, its progress bar says it is not sent yet. */
  .message[data-status='pending'] .bubble:has(.upload) { opacity: 1; }
  .message[data-status='failed'] .bubble { outline: 1px solid var(--_danger); }
  .text { margin: 0; white-space: pre-wrap; }
  .rich { white-space: normal; }
  .rich :is(p, ul, ol, pre, blockquote) { margin: 0 0 0.4em; }
  .rich code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
  .rich a, .attachment a { color: inherit; }
  .deleted-text { font-style: italic; opacity: 0.75; }
  .streaming .text::after { content: '▍'; animation: blink 1s steps(2) infinite; }
  @keyframes blink { 50% { opacity: 0; } }
  .reply-mark { font-size: 0.8em; opacity: 0.8; }
  .kind { margin-block-end: 4px; }
  .kind-label { font-size: 0.7em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; opacity: 0.7; margin-inline-end: 6px; }
  .kind-title { font-weight: 600; }
  .kind-task[data-task-status='complete'] .kind-title { text-decoration: line-through; opacity: 0.8; }
  .attachment { margin: 6px 0 0; }
  .upload { display: block; width: 100%; margin-block-start: 6px; accent-color: currentColor; }
  .attachment img { display: block; max-width: 220px; max-height: 220px; border-radius: 8px; }
  .attachment figcaption, .file-size { font-size: 0.8em; opacity: 0.8; }
  .meta { display: none; gap: 6px; align-items: center; color: var(--_muted); font-size: 0.75em; margin-block-start: 2px; }
  /* The time shows once per group; an edited message shows its mark wherever it sits in the group. */
  .group-end .meta, .message[data-edited] .meta, .message[data-status='failed'] .meta, .message[data-status='pending'] .meta { display: flex; }
  .status-read { color: var(--_accent); }
  /* A server's reason may hold one very long word: it wraps, and the buttons move to a line below. */
  .failed { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; max-width: 100%; color: var(--_danger); font-size: 0.8em; margin-block-start: 4px; }
  .failed span { min-width: 0; overflow-wrap: anywhere; }
  /* Retry and Discard are a finger's target (44 px, WCAG 2.5.5), on a phone too. */
  .failed button { min-width: 44px; min-height: 44px; background: none; border: 1px solid currentColor; border-radius: 999px; padding: 2px 14px; cursor: pointer; color: var(--_danger); }
  /* My messages' actions: the button shows on hover and focus (always on a touch screen), and is always in the tab order. */
  .bubble-row { display: flex; align-items: center; justify-content: flex-end; gap: 4px; width: 100%; }
  .more { flex: none; display: inline-grid; place-items: center; width: 32px; height: 32px; padding: 0; border: none; border-radius: 50%; background: none; color: var(--_muted); cursor: pointer; font-size: 1.1em; opacity: 0; }
  .message:hover .more, .more:focus-visible, .more[aria-expanded='true'] { opacity: 1; }
  .more:hover { background: var(--_bubble); color: var(--_fg); }
  @media (hover: none) and (pointer: coarse) { .more { opacity: 1; } }
  .system { text-align: center; color: var(--_muted); font-size: 0.8em; padding-block: 6px; }
  .empty { margin: auto; color: var(--_muted); padding: 24px; text-align: center; }
  /* The "new messages" button floats over the bottom of the thread; its empty live region takes no room. */
  .new-messages { position: absolute; inset-inline: 0; inset-block-end: 12px; display: flex; justify-content: center; pointer-events: none; }
  .new-messages button {
    pointer-events: auto; min-height: 44px; padding: 4px 16px; border: 0; border-radius: 999px; cursor: pointer;
    background: var(--_accent); color: var(--_accent-fg); font: inherit; box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .loading-older { position: absolute; inset-block-start: 4px; inset-inline: 0; text-align: center; font-size: 0.8em; color: var(--_muted); }
`;
