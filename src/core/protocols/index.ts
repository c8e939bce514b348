/**
 * The built-in protocols, each a lazy chunk loaded on first use. The registry seeds itself
 * from this table (an import, not a side effect, so no bundler can drop it).
 */
import type { ProtocolModule } from '../protocol.js';

/** Name → loader of every protocol Parley ships. */
export const builtinProtocols: Readonly<Record<string, () => Promise<ProtocolModule>>> = {
  chatwoot: () => import('./chatwoot/protocol.js'),
  onechat: () => import('./chatwoot/protocol.js'),
  spaces: () => import('./spaces/protocol.js'),
  imkit: () => import('./imkit/protocol.js'),
  comapi: () => import('./comapi/protocol.js'),
  virola: () => import('./virola/protocol.js'),
};
