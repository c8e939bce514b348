/**
 * Icons as inline SVG templates: no icon font, no emoji (which some systems lack), CSP-safe.
 */
import { svg } from 'lit';

const icon = (body: ReturnType<typeof svg>) => svg`<svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Speech bubble (launcher). */
export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />`);
/** Close. */
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18" />`);
/** Pen on a page (new conversation). */
export const composeIcon = icon(svg`<path d="M12 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M17.5 3.5a2.1 2.1 0 0 1 3 3L12 15l-4 1 1-4z" />`);
/** Clock (sending). */
export const clockIcon = icon(svg`<circle cx="12" cy="12" r="8" /><path d="M12 8v4l3 2" />`);
/** One tick (sent). */
export const tickIcon = icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`);
/** Two ticks (delivered, read). */
export const doubleTickIcon = icon(svg`<path d="M2 12.5l4.5 4.5L16 7.5M12 16.5l.5.5L22 7.5" />`);
/** Exclamation (failed). */
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v6M12 16.5v.5" />`);
/** Three dots (more actions). */
export const moreIcon = icon(svg`<path d="M5 12h.01M12 12h.01M19 12h.01" stroke-width="3" />`);
/** Paperclip (file). */
export const clipIcon = icon(svg`<path d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4L15 7" />`);
/** Smiling face (emoji). */
export const smileIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M8.5 14a4 4 0 0 0 7 0M9 9.5v.5M15 9.5v.5" />`);
/** Bell (notifications). */
export const bellIcon = icon(svg`<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20.5a2 2 0 0 0 4 0" />`);
/** Back arrow; mirrored in right-to-left text, where back points the other way. */
export const backIcon = svg`<svg class="icon flip-rtl" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M15 5l-7 7 7 7" /></svg>`;
