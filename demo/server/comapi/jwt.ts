/**
 * The demo's JWT check for the session challenge: HS256 with a shared demo secret, issuer and
 * audience `parley-demo`, the nonce the server handed out, a `sub` (the profile id) and, when
 * present, an `exp` in the future. A real Comapi API space is configured the same way (issuer,
 * audience, shared secret, id claim); the demo page mints its JWT in the browser.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEMO_JWT = { secret: 'parley-demo-shared-secret', issuer: 'parley-demo', audience: 'parley-demo' } as const;

/** What a valid challenge JWT says. */
export interface ChallengeClaims {
  sub: string;
  name?: string;
}

function base64url(buf: Buffer): string {
  return buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined; // not JSON: the caller refuses the token
  }
}

/** Verify a challenge JWT; returns its claims or the reason it was refused. */
export function verifyChallengeJwt(jwt: string, nonce: string, nowMs = Date.now()): ChallengeClaims | { error: string } {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { error: 'not a JWT' };
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  if (header?.alg !== 'HS256') return { error: 'alg must be HS256' };
  const expected = Buffer.from(base64url(createHmac('sha256', DEMO_JWT.secret).update(`${head}.${body}`).digest()));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { error: 'bad signature' };
  const claims = decodePart(body);
  if (!claims) return { error: 'unreadable claims' };
  if (claims.iss !== DEMO_JWT.issuer) return { error: 'wrong issuer' };
  if (claims.aud !== DEMO_JWT.audience) return { error: 'wrong audience' };
  if (claims.nonce !== nonce) return { error: 'nonce does not match' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs) return { error: 'expired' };
  if (typeof claims.sub !== 'string' || !/^[\w.@-]{1,64}$/.test(claims.sub)) return { error: 'sub must be a profile id' };
  return typeof claims.name === 'string' && claims.name ? { sub: claims.sub, name: claims.name } : { sub: claims.sub };
}
