/**
 * Design tokens shared by every Parley element: override any `--parley-*` property from the page.
 */
import { css } from 'lit';

/** The dark palette, used by `theme="dark"` and by `theme="auto"` on a dark system. */
const dark = css`
  --_bg: var(--parley-background, #16191d);
  --_fg: var(--parley-foreground, #e8eaed);
  --_muted: var(--parley-muted, #a4acb6);
  --_border: var(--parley-border-color, #343a42);
  --_bubble: var(--parley-bubble-background, #262b31);
  --_accent: var(--parley-accent, #7aa2ff);
  --_accent-fg: var(--parley-accent-foreground, #0b1020);
  --_danger: var(--parley-danger, #ff8a80);
`;

/** Host defaults, light and dark. */
export const tokens = css`
  :host {
    --_bg: var(--parley-background, #ffffff);
    --_fg: var(--parley-foreground, #1b1f24);
    --_muted: var(--parley-muted, #5d6670);
    --_border: var(--parley-border-color, #d9dde3);
    --_accent: var(--parley-accent, #2857d6);
    --_accent-fg: var(--parley-accent-foreground, #ffffff);
    --_bubble: var(--parley-bubble-background, #eef1f5);
    --_bubble-mine: var(--parley-bubble-mine-background, var(--_accent));
    --_bubble-mine-fg: var(--parley-bubble-mine-foreground, var(--_accent-fg));
    --_danger: var(--parley-danger, #b42318);
    --_radius: var(--parley-radius, 14px);
    --_font: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--parley-font-size, 14px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_fg);
    box-sizing: border-box;
  }
  :host([theme='dark']) { ${dark} }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) { ${dark} }
  }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap;
  }
  button { font: inherit; color: inherit; }
  .icon { display: inline-block; vertical-align: -0.125em; flex: none; }
  .flip-rtl:dir(rtl) { transform: scaleX(-1); }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
`;
