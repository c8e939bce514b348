import { css } from 'lit';

export const chatStyles = css`
  :host { display: block; position: relative; color: var(--_fg); }
  :host([mode='inline']) { height: var(--parley-height, 560px); }
  .panel {
    display: flex; flex-direction: column; height: 100%; min-height: 0; background: var(--_bg);
    border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
  }
  header { display: flex; align-items: center; gap: 4px 8px; min-height: 48px; padding-block: 2px; padding-inline: 14px 4px; border-block-end: 1px solid var(--_border); }
  header:has(.back) { padding-inline-start: 4px; }
  header h2 { font-size: 1em; margin: 0; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  header .status, header .icon-button { flex: none; }
  header .status:last-child { padding-inline-end: 10px; }
  .status { font-size: 0.8em; color: var(--_muted); }
  .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-inline-end: 4px; background: var(--_muted); }
  [data-availability='online'] .dot { background: var(--parley-online, #1a7f37); }
  /* 44 px: a finger's target (WCAG 2.5.5), whatever the icon's size. */
  .icon-button {
    display: inline-grid; place-items: center; min-width: 44px; min-height: 44px; padding: 0; border: none; border-radius: 8px;
    background: none; cursor: pointer; font-size: 18px; color: var(--_muted);
  }
  .icon-button:hover { color: var(--_fg); }
  .banner { margin: 0; padding: 6px 14px; font-size: 0.85em; background: var(--_bubble); color: var(--_fg); }
  .banner p { margin: 0; }
  .banner:is(.misconfigured, .auth-failed, .rejected, .disconnected) .banner-text { color: var(--_danger); }
  /* A server's reason may be one long word: it wraps inside the panel. */
  .banner-reason { margin-block-start: 2px; color: var(--_muted); overflow-wrap: anywhere; }
  .notice { margin: 0; padding: 4px 14px; font-size: 0.8em; color: var(--_muted); border-block-end: 1px solid var(--_border); }
  .notice .text-button { min-height: 44px; padding: 0 8px; border: none; background: none; color: var(--_accent); font: inherit; text-decoration: underline; cursor: pointer; }
  .body { display: flex; flex: 1; min-height: 0; }
  parley-conversation-list { flex: 0 0 34%; max-width: 260px; border-inline-end: 1px solid var(--_border); }
  /* Narrow: the list is a screen of its own, the whole width, never a squeezed side pane. */
  .panel.narrow parley-conversation-list { flex: 1 1 auto; max-width: none; min-width: 0; border-inline-end: none; }
  .main { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
  .launcher {
    position: fixed; inset-block-end: calc(var(--parley-launcher-offset, 20px) + env(safe-area-inset-bottom, 0px));
    inset-inline-end: calc(var(--parley-launcher-offset, 20px) + env(safe-area-inset-right, 0px));
    width: 56px; height: 56px; border-radius: 50%; border: none; cursor: pointer; z-index: var(--parley-z-index, 2147483000);
    background: var(--_accent); color: var(--_accent-fg); font-size: 24px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  }
  .launcher .badge {
    position: absolute; inset-block-start: -4px; inset-inline-end: -4px; min-width: 22px; padding: 0 6px; border-radius: 999px;
    background: var(--_danger); color: #fff; font-size: 12px; line-height: 22px;
  }
  :host([mode='launcher']) .panel {
    position: fixed; inset-block-end: calc(var(--parley-launcher-offset, 20px) + 68px + env(safe-area-inset-bottom, 0px));
    inset-inline-end: calc(var(--parley-launcher-offset, 20px) + env(safe-area-inset-right, 0px));
    width: min(380px, calc(100vw - 24px)); height: min(var(--parley-height, 600px), calc(100vh - 110px));
    z-index: var(--parley-z-index, 2147483000); box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  /* A phone: the panel is the whole screen, clear of the notch and the home indicator; its own
     Close button closes it, so the launcher it would cover is hidden while it is open. */
  @media (max-width: 480px) {
    :host([mode='launcher']) .panel {
      inset: 0; width: auto; height: auto; border: none; border-radius: 0; box-shadow: none;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
    }
    :host([mode='launcher'][open]) .launcher { display: none; }
  }
`;
