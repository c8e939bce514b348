import type { AdapterHost, Adapter } from '../../protocol.js';
export function createAdapter(_host: AdapterHost): Adapter { throw new Error('todo'); }
