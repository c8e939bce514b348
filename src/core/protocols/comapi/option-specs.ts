/**
 * Comapi's protocol options as data: names, types, defaults and what each does. `<parley-chat>`
 * takes each as an attribute and the manifest documents them, without loading the protocol;
 * `options.ts` reads and checks them at connect.
 */
import type { OptionSpec } from '../../options-schema.js';

/** Every option the adapter reads from `options`. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'apiSpaceId', type: 'string', description: 'The API space (required).' },
  { name: 'socketUrl', type: 'url', description: 'The WebSocket base when it differs from "url".', default: '"url" with http→ws' },
  { name: 'authChallenge', type: 'function', propertyOnly: true, description: 'Mints the JWT for the session challenge: (nonce) => Promise<jwt> | jwt, or the SDK\'s (options: {nonce}, answer: (jwt) => void) => void.' },
  { name: 'sdk', type: 'object', propertyOnly: true, description: 'The page\'s running Comapi Foundation SDK: its one session, its socket (enabled if it was not) and its REST services are used; "token" and "authChallenge" are then not needed.' },
  { name: 'profileId', type: 'string', description: 'My profile id (else "userId", else the session\'s profileId).' },
  { name: 'echoMs', type: 'number', description: 'The keepalive echo interval, ms.', default: '60000' },
  { name: 'typingTtlMs', type: 'number', description: 'How long a typing notice lasts without a refresh, ms.', default: '15000' },
  { name: 'pageSize', type: 'number', description: 'Messages per history page and events per backfill page.', default: '50' },
  { name: 'webSocket', type: 'function', propertyOnly: true, description: 'Another WebSocket implementation (tests, Node).' },
];
