/**
 * One line of plain text for a message, for lists and notifications: HTML and Markdown lose their
 * markup. HTML is read through the sanitizer's inert document (nothing in it runs or loads), never
 * a DOMParser fed a plain string, which a page enforcing Trusted Types refuses.
 */
import type { Message } from '../../core/model.js';
import { htmlText } from '../../lit/sanitize.js';

function markdownText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/```\w*/g, ''))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2');
}

/** The message as one line of plain text. */
export function previewText(m: Message): string {
  if (m.deleted) return 'Message deleted';
  const text = m.markup === 'html' ? htmlText(m.text) : m.markup === 'markdown' ? markdownText(m.text) : m.text;
  const line = text.replace(/\s+/g, ' ').trim();
  return line || (m.attachments.length ? 'Attachment' : '');
}
