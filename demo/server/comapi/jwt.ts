/**
 * JWTs of the Comapi emulation.
 *
 * - The challenge JWT the page's backend mints (checked at `POST sessions`): HS256 with the demo
 *   API space's shared secret, issuer and audience `parley-demo`, the nonce handed out by
 *   `sessions/start`, `sub` (the profile id), and `iat` / `exp` in seconds with `exp` in the
 *   future. dotdigital lists iss, aud, sub, nonce, iat, exp as the required claims and answers a
 *   bad JWT with "403 Invalid JWT" (https://developer.dotdigital.com/docs/getting-started-with-the-api).
 * - The session token the service issues in return: also a JWT, as the real SDK requires (its
 *   sessionManager decodes the payload with `atob` before every call and takes the session as
 *   valid only while `exp` is in the future and `apiSpaceId` is its own). Claims as the SDK's own
 *   test server issues them (comapi/comapi-sdk-js specs/server.js: iss, sub, aud of the challenge
 *   JWT plus apiSpaceId, through njwt, which adds jti, iat and an exp one hour out).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const DEMO_JWT = { secret: 'parley-demo-shared-secret', issuer: 'parley-demo', audience: 'parley-demo' } as const;

/** Lifetime of a session token (njwt's default expiry, which the SDK's test server uses). */
export const SESSION_TOKEN_TTL_S = 3600;

/** The service's own signing key for session tokens: never known to clients. */
const SESSION_SECRET = randomBytes(32);

/** What a valid challenge JWT says. */
export interface ChallengeClaims {
  sub: string;
  iss: string;
  aud: string;
  name?: string;
}

/** The claims of a session token. */
export interface SessionClaims {
  jti: string;
  iss: string;
  sub: string;
  aud: string;
  apiSpaceId: string;
  iat: number;
  exp: number;
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

/** Check an HS256 JWT's header and signature; its claims, or why not. */
function verifyHs256(jwt: string, secret: string | Buffer): { claims: Record<string, unknown> } | { error: string } {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { error: 'not a JWT' };
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  if (header?.alg !== 'HS256') return { error: 'alg must be HS256' };
  const expected = Buffer.from(base64url(createHmac('sha256', secret).update(`${head}.${body}`).digest()));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { error: 'bad signature' };
  const claims = decodePart(body);
  return claims ? { claims } : { error: 'unreadable claims' };
}

/** Verify a challenge JWT; returns its claims or the reason it was refused. */
export function verifyChallengeJwt(jwt: string, nonce: string, nowMs = Date.now()): ChallengeClaims | { error: string } {
  const checked = verifyHs256(jwt, DEMO_JWT.secret);
  if ('error' in checked) return checked;
  const { claims } = checked;
  if (claims.iss !== DEMO_JWT.issuer) return { error: 'wrong issuer' };
  if (claims.aud !== DEMO_JWT.audience) return { error: 'wrong audience' };
  if (claims.nonce !== nonce) return { error: 'nonce does not match' };
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') return { error: 'iat and exp (seconds) are required' };
  if (claims.exp * 1000 <= nowMs) return { error: 'expired' };
  if (typeof claims.sub !== 'string' || !/^[\w.@-]{1,64}$/.test(claims.sub)) return { error: 'sub must be a profile id' };
  const out: ChallengeClaims = { sub: claims.sub, iss: DEMO_JWT.issuer, aud: DEMO_JWT.audience };
  if (typeof claims.name === 'string' && claims.name) out.name = claims.name;
  return out;
}

/** Mint a session token for a profile of an API space. */
export function mintSessionToken(apiSpaceId: string, challenge: ChallengeClaims, nowMs = Date.now()): { token: string; claims: SessionClaims } {
  const iat = Math.floor(nowMs / 1000);
  const claims: SessionClaims = {
    jti: randomUUID(), iss: challenge.iss, sub: challenge.sub, aud: challenge.aud, apiSpaceId, iat, exp: iat + SESSION_TOKEN_TTL_S,
  };
  const head = base64url(Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })));
  const body = base64url(Buffer.from(JSON.stringify(claims)));
  const signature = base64url(createHmac('sha256', SESSION_SECRET).update(`${head}.${body}`).digest());
  return { token: `${head}.${body}.${signature}`, claims };
}

/** Verify a session token (signature, expiry, API space); its claims or why not. */
export function verifySessionToken(token: string, apiSpaceId: string, nowMs = Date.now()): SessionClaims | { error: string } {
  const checked = verifyHs256(token, SESSION_SECRET);
  if ('error' in checked) return checked;
  const { claims } = checked;
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return { error: 'expired' };
  if (claims.apiSpaceId !== apiSpaceId) return { error: 'not a session of this API space' };
  return claims as unknown as SessionClaims;
}
