/**
 * JSON carried as base64 text (standard or URL-safe alphabet) of UTF-8: IMKIT's payloads in
 * base64 mode, a JWT's claims. Anything else is a DecodeError naming `what`.
 */
import { DecodeError, parseJson } from '../wire.js';

/** Base64 text of UTF-8 JSON → the value. */
export function fromBase64Json(text: string, what: string): unknown {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw new DecodeError(`${what}: not base64 text`);
  let binary: string;
  try {
    binary = atob(clean.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new DecodeError(`${what}: not base64 text`);
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DecodeError(`${what}: base64 text is not UTF-8`);
  }
  return parseJson(json, what);
}
