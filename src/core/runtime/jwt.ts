/**
 * What a JWT says of itself without being verified (the server verifies it): when it expires.
 * A protocol holding one renews it before then instead of waiting for a refusal.
 */
import { isRecord } from '../wire.js';
import { fromBase64Json } from './base64-json.js';

/**
 * When a token says it expires: the `exp` claim (seconds) of its JWT payload, in epoch ms.
 * Undefined for a token that is not a JWT or has no numeric `exp`.
 */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = fromBase64Json(parts[1], 'JWT claims');
    const exp = isRecord(claims) ? claims.exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined; // not a JWT payload: whatever else the server said (or a refusal) decides
  }
}
