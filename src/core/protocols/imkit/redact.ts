/**
 * Keep credentials out of error messages and payload previews.
 */

const MASK = '[redacted]';

/** `"token":"…"`, `"IM-Authorization":"…"` ... in JSON text. */
const TOKEN_FIELD = /("(?:token|accessToken|access_token|IM-Authorization|IM-CLIENT-KEY|Authorization|clientKey|CLIENT_KEY)"\s*:\s*")((?:[^"\\]|\\.)*)/gi;

/**
 * The text with every given secret (and its URL-encoded form) and every credential JSON field
 * value replaced by `[redacted]`.
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
