import type { DemoBackendPage } from './types.js';

/**
 * The demo API space's JWT settings; the same values as `DEMO_JWT` in
 * demo/server/comapi/jwt.ts (kept apart: that module is Node-only). A real page never holds the
 * secret: its own backend mints the JWT for the nonce.
 */
export const DEMO_JWT = { secret: 'parley-demo-shared-secret', issuer: 'parley-demo', audience: 'parley-demo' } as const;

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Answer the Comapi session challenge as the demo backend expects: an HS256 JWT that embeds the
 * nonce, with `sub` = the profile id (Web Crypto; needs a secure context such as localhost).
 */
export async function mintDemoJwt(nonce: string, profileId: string, name?: string): Promise<string> {
  const head = base64url(text(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const claims: Record<string, unknown> = {
    iss: DEMO_JWT.issuer, aud: DEMO_JWT.audience, sub: profileId, nonce, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600,
  };
  if (name) claims.name = name;
  const body = base64url(text(JSON.stringify(claims)));
  const key = await crypto.subtle.importKey('raw', text(DEMO_JWT.secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, text(`${head}.${body}`) as BufferSource));
  return `${head}.${body}.${base64url(signature)}`;
}

/** A visitor profile id for this page load. */
function visitorId(): string {
  return `visitor-${Math.random().toString(36).slice(2, 8)}`;
}

/** Comapi on the demo page: a visitor signs in through the JWT challenge and chats with Cleo. */
export const page: DemoBackendPage | undefined = {
  protocol: 'comapi',
  label: 'Comapi (WebSocket + REST)',
  hint: 'A visitor signs in through the session challenge and writes to Cleo, who marks messages delivered and read, types and answers (ask for a photo or a file).',
  setup(el, urls) {
    const profileId = visitorId();
    el.protocol = 'comapi';
    el.url = urls.comapi ?? 'http://127.0.0.1:3304';
    el.options = { apiSpaceId: 'demo-space', authChallenge: (nonce: string) => mintDemoJwt(nonce, profileId, 'Visitor') };
    el.noPersist = true;
  },
};
