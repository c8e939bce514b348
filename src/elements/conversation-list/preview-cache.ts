/**
 * The list's previews, computed once per message version: a stored message is immutable, so its
 * object is the key, and an edit (a new object) is previewed afresh. An HTML message's preview
 * reads it through the sanitizer, which loads on demand (src/lit/sanitize.ts): until it has, the
 * preview is empty, is not remembered, and fills in when the sanitizer arrives.
 */
import { until } from 'lit/directives/until.js';
import type { Message } from '../../core/model.js';
import { isSanitizerLoaded, sanitizerReady } from '../../lit/sanitize.js';
import { previewText } from '../shared/preview.js';

const previews = new WeakMap<Message, string>();

/** `previewText(m)`, remembered for as long as `m` is held (once it can be read in full). */
export function cachedPreview(m: Message): string {
  let text = previews.get(m);
  if (text === undefined) {
    text = previewText(m);
    if (m.markup !== 'html' || isSanitizerLoaded()) previews.set(m, text);
  }
  return text;
}

/** The preview for a template: `cachedPreview(m)`, or for HTML before the sanitizer has loaded, '' until it has. */
export function previewOf(m: Message): string | ReturnType<typeof until> {
  if (m.deleted || m.markup !== 'html' || isSanitizerLoaded()) return cachedPreview(m);
  return until(sanitizerReady().then(() => cachedPreview(m), () => cachedPreview(m)), cachedPreview(m));
}
