/**
 * The built-in protocols, each a lazy chunk loaded on first use. The registry seeds itself
 * from this table (an import, not a side effect, so no bundler can drop it).
 */
import type { ProtocolModule } from '../protocol.js';

/** Name → loader of every protocol Parley ships. */
export const builtinProtocols: Readonly<Record<string, () => Promise<ProtocolModule>>> = {
  chatwoot: () => import('./chatwoot/adapter.js'),
  onechat: () => import('./chatwoot/adapter.js'),
  spaces: () => import('./spaces/adapter.js'),
  imkit: () => import('./imkit/adapter.js'),
  comapi: () => import('./comapi/adapter.js'),
  virola: () => import('./virola/protocol.js'),
};
