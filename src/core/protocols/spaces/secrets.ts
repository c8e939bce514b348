/**
 * Keep credentials out of error messages and frame previews.
 */

const MASK = '[redacted]';

/** `token=…` in URLs and `"token":"…"` in JSON text. */
const TOKEN_FIELDS = [/([?&]token=)[^&#\s"']+/g, /("token"\s*:\s*")(?:[^"\\]|\\.)*/g];

/** The text with every given secret (and its URL-encoded form) and every token field replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const re of TOKEN_FIELDS) out = out.replace(re, `$1${MASK}`);
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
  }
  return out;
}
