/**
 * The session challenge's answer, in either form a page may have:
 *
 * - Parley's own: `(nonce) => Promise<jwt> | jwt`;
 * - the Comapi SDK's `IAuthChallenge`: `(options: {nonce}, answer: (jwt) => void) => void`
 *   (@comapi/sdk-js-foundation 1.3.0 `interfaces.d.ts`; its sessionManager calls it with
 *   `{nonce}` and a callback, and treats a falsy JWT as a refusal).
 *
 * A function that declares two parameters or more is taken as the SDK's form, one that declares
 * fewer as Parley's (a callback-style answer cannot be written without naming the callback).
 */
import { ConnectError } from '../../connection-terms.js';
import { abortable } from '../../runtime/abortable.js';

/** Parley's form. */
export type NonceChallenge = (nonce: string) => Promise<string> | string;
/** The Comapi SDK's form. */
export type SdkChallenge = (options: { nonce: string }, answer: (jwt?: string | null) => void) => void;
/** Either form. */
export type AuthChallenge = NonceChallenge | SdkChallenge;

/** True when the function is written in the SDK's `(options, answer)` form. */
export function isSdkChallenge(fn: AuthChallenge): fn is SdkChallenge {
  return fn.length >= 2;
}

/**
 * Ask the page's challenge for a JWT that embeds `nonce`. Rejects with ConnectError('auth-failed')
 * when it throws or answers nothing usable, and with ConnectError('client-closed') when `signal`
 * ends the wait first: a callback that never answers is left behind, and its late answer is ignored.
 */
export async function answerChallenge(fn: AuthChallenge, nonce: string, signal: AbortSignal): Promise<string> {
  const asked = (): Promise<unknown> => (isSdkChallenge(fn) ? new Promise((resolve) => fn({ nonce }, resolve)) : Promise.resolve(fn(nonce)));
  const aborted = (): ConnectError => new ConnectError('client-closed', 'comapi: connect aborted during the session challenge');
  const jwt = await abortable(asked, signal, aborted).catch((err: unknown) => {
    if (signal.aborted) throw err;
    throw new ConnectError('auth-failed', `comapi: the authChallenge failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (typeof jwt !== 'string' || jwt === '') throw new ConnectError('auth-failed', 'comapi: the authChallenge gave no JWT');
  return jwt;
}
