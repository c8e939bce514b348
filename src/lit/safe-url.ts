/** URL checks for anything from the wire that becomes a link or an image source. */

const SAFE_SCHEMES = new Set(['http:', 'https:']);

/**
 * An absolute http(s) URL, or undefined. `javascript:`, `data:`, `vbscript:`, `blob:` and
 * anything unparsable are refused. Relative URLs resolve against the page.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  try {
    const u = new URL(url.trim(), document.baseURI);
    return SAFE_SCHEMES.has(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}
