/**
 * `npm start`: the demo backends on loopback plus the Vite dev server for the demo page.
 */
import { createServer } from 'vite';
import { startServers } from './server/index.js';

const port = Number(process.env.PARLEY_CHATWOOT_PORT ?? 3301);
const servers = await startServers({
  host: '127.0.0.1', port, rails: false, quiet: true,
  ports: { spaces: port + 1, imkit: port + 2, comapi: port + 3, virola: port + 4 },
});
process.env.VITE_PARLEY_SERVERS = JSON.stringify(servers.urls);

const vite = await createServer({ configFile: 'vite.config.ts', server: { port: Number(process.env.PORT ?? 5173), host: '127.0.0.1' } });
await vite.listen();
console.log(`\nParley demo: http://127.0.0.1:${vite.config.server.port}/\n`);
for (const [name, url] of Object.entries(servers.urls)) if (url) console.log(`  ${name.padEnd(9)} ${url}`);

const stop = async () => {
  await vite.close();
  await servers.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
