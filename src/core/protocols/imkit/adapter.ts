/**
 * Imkit protocol (placeholder until it lands).
 */
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';

export function createAdapter(_host: AdapterHost): Adapter {
  return {
    capabilities: new Set(),
    connect: async () => { throw new ConnectError('config-error', 'the imkit protocol is not implemented yet'); },
    sync: async () => [],
    execute: async () => [],
    close: () => {},
  };
}
