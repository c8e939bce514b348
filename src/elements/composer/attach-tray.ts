/**
 * The composer's chosen files: the checks against the backend's and the page's limits, the
 * chips (name, size, a thumbnail for images from an object URL, revoked when the chip goes) and
 * their remove buttons. Loaded with the first file a person picks, drops or pastes.
 */
import { html, type TemplateResult } from 'lit';
import { acceptsType, refusalOf, type AttachmentRules } from '../../core/uploads.js';
import { clipIcon, closeIcon } from '../shared/icons.js';
import { formatSize } from '../shared/format.js';
import type { ParleyMessages } from '../../i18n/index.js';

/** A file waiting in the composer. */
export interface PickedFile {
  readonly file: File;
  /** An object URL for an image's thumbnail; revoked with `release`. */
  readonly preview?: string;
}

/**
 * Add `incoming` to `picked` under the backend's `rules` and the page's own `accept` list: what
 * is kept, and why the first refused one was refused.
 */
export function pick(picked: readonly PickedFile[], incoming: readonly File[], rules: AttachmentRules, words: ParleyMessages, accept?: readonly string[]): { files: PickedFile[]; error?: string } {
  const files = [...picked];
  let error: string | undefined;
  for (const file of incoming) {
    const refusal = refusalOf(file, rules, files.length) ?? (acceptsType(accept, file.type, file.name) ? undefined : 'type');
    if (refusal) {
      const name = file.name;
      error ??= refusal === 'size' ? words.t('composer.tooLarge', { name, max: formatSize(rules.maxBytes, words.textLocale) })
        : refusal === 'type' ? words.t('composer.wrongType', { name })
          : refusal === 'count' ? words.t('composer.tooMany', { count: rules.maxFiles }) : words.t('composer.empty', { name });
      continue;
    }
    files.push(file.type.startsWith('image/') ? { file, preview: URL.createObjectURL(file) } : { file });
  }
  return { files, ...(error ? { error } : {}) };
}

/** Revoke the thumbnails of files that leave the composer. */
export function release(files: readonly PickedFile[]): void {
  for (const f of files) if (f.preview) URL.revokeObjectURL(f.preview);
}

/** The chips, each with its remove button. */
export function renderTray(files: readonly PickedFile[], remove: (f: PickedFile) => void, words: ParleyMessages): TemplateResult {
  return html`<ul class="tray" part="attachments" aria-label=${words.t('composer.filesToSend')}>${files.map((f) => html`
    <li class="chip" part="attachment-chip">
      ${f.preview ? html`<img class="thumb" part="attachment-thumbnail" src=${f.preview} alt="" />` : html`<span class="thumb">${clipIcon}</span>`}
      <span class="chip-name" dir="auto">${f.file.name}</span>
      <span class="chip-size">${formatSize(f.file.size, words.textLocale)}</span>
      <button type="button" class="chip-remove" part="attachment-remove" aria-label=${words.t('composer.removeFile', { name: f.file.name })}
        @click=${() => remove(f)}>${closeIcon}</button>
    </li>`)}</ul>`;
}
