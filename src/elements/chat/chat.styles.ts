import { css } from 'lit';

export const chatStyles = css`
  :host { display: block; position: relative; color: var(--_fg); }
  :host([mode='inline']) { height: var(--parley-height, 560px); }
  .panel {
    display: flex; flex-direction: column; height: 100%; min-height: 0; background: var(--_bg);
    border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
  }
  header { display: flex; align-items: center; gap: 8px; padding: 10px 14px; border-block-end: 1px solid var(--_border); }
  header h2 { font-size: 1em; margin: 0; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  header .status, header .close { flex: none; }
  .status { font-size: 0.8em; color: var(--_muted); }
  .banner { margin: 0; padding: 6px 14px; font-size: 0.85em; background: var(--_bubble); color: var(--_fg); }
  .banner.closed { color: var(--_danger); }
  .notice { margin: 0; padding: 4px 14px; font-size: 0.8em; color: var(--_muted); border-block-end: 1px solid var(--_border); }
  .body { display: flex; flex: 1; min-height: 0; }
  parley-conversation-list { flex: 0 0 34%; max-width: 260px; border-inline-end: 1px solid var(--_border); }
  .main { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
  .launcher {
    position: fixed; inset-block-end: var(--parley-launcher-offset, 20px); inset-inline-end: var(--parley-launcher-offset, 20px);
    width: 56px; height: 56px; border-radius: 50%; border: none; cursor: pointer; z-index: var(--parley-z-index, 2147483000);
    background: var(--_accent); color: var(--_accent-fg); font-size: 24px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  }
  .launcher .badge {
    position: absolute; inset-block-start: -4px; inset-inline-end: -4px; min-width: 22px; padding: 0 6px; border-radius: 999px;
    background: var(--_danger); color: #fff; font-size: 12px; line-height: 22px;
  }
  :host([mode='launcher']) .panel {
    position: fixed; inset-block-end: calc(var(--parley-launcher-offset, 20px) + 68px); inset-inline-end: var(--parley-launcher-offset, 20px);
    width: min(380px, calc(100vw - 24px)); height: min(var(--parley-height, 600px), calc(100vh - 110px));
    z-index: var(--parley-z-index, 2147483000); box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  .close { background: none; border: none; cursor: pointer; font-size: 18px; color: var(--_muted); }
`;
