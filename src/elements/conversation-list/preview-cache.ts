/**
 * The list's previews, computed once per message version: a stored message is immutable, so its
 * object is the key, and an edit (a new object) is previewed afresh. An HTML message's preview
 * reads it through the sanitizer, which loads on demand (src/lit/sanitize.ts): until it has, the
 * preview is empty, is not remembered, and fills in when the sanitizer arrives.
 */
import { until } from 'lit/directives/until.js';
import type { Message } from '../../core/model.js';
import { isSanitizerLoaded, sanitizerReady } from '../../lit/sanitize.js';
import { previewLine, previewText } from '../shared/preview.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** Each message's line of text (the words of a deleted or attachment-only one are the locale's, not kept here). */
const lines = new WeakMap<Message, string>();

/** `previewText(m, words)`, its text remembered for as long as `m` is held (once it can be read in full). */
export function cachedPreview(m: Message, words: ParleyMessages): string {
  let line = lines.get(m);
  if (line === undefined) {
    line = previewLine(m);
    if (m.markup !== 'html' || isSanitizerLoaded()) lines.set(m, line);
  }
  return previewText(m, words, line);
}

/** The preview for a template: `cachedPreview(m)`, or for HTML before the sanitizer has loaded, '' until it has. */
export function previewOf(m: Message, words: ParleyMessages): string | ReturnType<typeof until> {
  if (m.deleted || m.markup !== 'html' || isSanitizerLoaded()) return cachedPreview(m, words);
  return until(sanitizerReady().then(() => cachedPreview(m, words), () => cachedPreview(m, words)), cachedPreview(m, words));
}
