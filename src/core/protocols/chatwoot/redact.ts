/**
 * Keep credentials out of error messages and frame previews.
 */

const MASK = '[redacted]';

/** `"pubsub_token":"…"` in JSON text, also inside an escaped identifier string (`\"pubsub_token\":\"…\"`). */
const TOKEN_FIELD = /(\\?"(?:pubsub_token|api_access_token|source_id)\\?"\s*:\s*\\?")((?:[^"\\]|\\(?!"))*)/g;

/**
 * The text with every given secret (and its URL-encoded form) and every `pubsub_token` /
 * `api_access_token` / `source_id` JSON field value replaced by `[redacted]`.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(TOKEN_FIELD, `$1${MASK}`);
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
  }
  return out;
}
