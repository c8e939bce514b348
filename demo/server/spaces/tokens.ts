/**
 * Spaces credentials as the emulation checks them. Guests get a JWT from the anonymous sign-in,
 * shaped like the one in Avaya's socket guide (payload `anonymous_id`, `product_type`, `iss`,
 * `iat`, `exp` 24 h later), signed here with HS256 and a per-process secret, and refused once
 * expired. Members sign in with fixed test tokens of a declared kind (`jwt` or `oauth`): a token is
 * accepted only under its own kind, on the socket (`tokenType`) and over REST (`jwt …` / `bearer …`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 h, as Avaya's anonymous-auth page says a guest token lasts. */
export const GUEST_TOKEN_TTL_S = 24 * 3600;

const SECRET = randomBytes(32);
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const sign = (input: string): string => createHmac('sha256', SECRET).update(input).digest('base64url');

/** A guest JWT for this user id. */
export function guestJwt(userId: string, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = b64url(JSON.stringify({ anonymous_id: userId, product_type: 'onesna', iss: ['esna', 'com'], iat, exp: iat + GUEST_TOKEN_TTL_S }));
  return `${head}.${body}.${sign(`${head}.${body}`)}`;
}

/** The guest id a JWT names, or why it is refused (the texts of the common jsonwebtoken library). */
export function verifyGuestJwt(token: string, nowMs = Date.now()): { userId: string } | { refusal: string } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]+$/.test(p))) return { refusal: 'jwt malformed' };
  const [head, body, sig] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${head}.${body}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { refusal: 'invalid signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { refusal: 'jwt malformed' };
  }
  const c = claims as { anonymous_id?: unknown; exp?: unknown };
  if (typeof c.exp !== 'number' || c.exp * 1000 <= nowMs) return { refusal: 'jwt expired' };
  if (typeof c.anonymous_id !== 'string') return { refusal: 'invalid token' };
  return { userId: c.anonymous_id };
}
