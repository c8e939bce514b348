/**
 * Keep credentials (session tokens, JWTs) out of error messages and frame previews.
 */

const MASK = '[redacted]';

/** `token=…` in a URL query, and `"token":"…"` / `"authenticationToken":"…"` in JSON text. */
const TOKEN_QUERY = /([?&]token=)[^&#\s"']*/g;
const TOKEN_FIELD = /("(?:token|authenticationToken|authorization|jwt)"\s*:\s*")((?:[^"\\]|\\.)*)/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** The text with every given secret (and its URL-encoded form) and every token field replaced. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(TOKEN_QUERY, `$1${MASK}`).replace(TOKEN_FIELD, `$1${MASK}`).replace(BEARER, `$1${MASK}`);
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
  }
  return out;
}
