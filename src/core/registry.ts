/**
 * Protocols by name, as lazy factories: a page that uses one backend downloads one backend.
 */
import { ParleyError } from './errors.js';
import type { ProtocolModule } from './protocol.js';
import { builtinProtocols } from './protocols/index.js';

/** Loads a protocol module on first use. */
export type ProtocolLoader = () => Promise<ProtocolModule>;

const loaders = new Map<string, ProtocolLoader>(Object.entries(builtinProtocols));
const loaded = new Map<string, Promise<ProtocolModule>>();

/**
 * Register a protocol under a name (e.g. a sixth backend from outside Parley).
 * Registering an existing name replaces it.
 */
export function registerProtocol(name: string, loader: ProtocolLoader): void {
  const key = name.toLowerCase();
  loaders.set(key, loader);
  loaded.delete(key);
}

/** Names registered so far. */
export function registeredProtocols(): string[] {
  return [...loaders.keys()];
}

/** Load a protocol module by name. Rejects with a `protocol` ParleyError for unknown names. */
export function loadProtocol(name: string): Promise<ProtocolModule> {
  const key = name.toLowerCase();
  const loader = loaders.get(key);
  if (!loader) {
    return Promise.reject(new ParleyError('protocol', `unknown protocol "${name}"; registered: ${registeredProtocols().join(', ') || 'none'}`));
  }
  let p = loaded.get(key);
  if (!p) {
    p = loader().catch((err: unknown) => {
      loaded.delete(key);
      throw new ParleyError('protocol', `protocol "${name}" failed to load`, { cause: err });
    });
    loaded.set(key, p);
  }
  return p;
}
