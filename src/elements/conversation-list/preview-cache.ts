/**
 * The list's previews, computed once per message version: a stored message is immutable, so its
 * object is the key, and an edit (a new object) is previewed afresh.
 */
import type { Message } from '../../core/model.js';
import { previewText } from '../shared/preview.js';

const previews = new WeakMap<Message, string>();

/** `previewText(m)`, remembered for as long as `m` is held. */
export function cachedPreview(m: Message): string {
  let text = previews.get(m);
  if (text === undefined) {
    text = previewText(m);
    previews.set(m, text);
  }
  return text;
}
