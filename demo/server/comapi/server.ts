/**
 * Comapi emulation on loopback (placeholder until the protocol lands: answers 503 to everything).
 */
import { createServer } from 'node:http';
import type { DemoBackend, DemoBackendOptions } from '../backend.js';

export function createComapiServer(_opts: DemoBackendOptions = {}): DemoBackend {
  const server = createServer((_req, res) => { res.writeHead(503).end('not implemented'); });
  return {
    listen: (host, port) => new Promise((resolve) => {
      server.listen(port, host, () => {
        const addr = server.address();
        resolve(`http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`);
      });
    }),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
