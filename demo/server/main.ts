/**
 * CLI: `tsx demo/server/main.ts` starts the demo backends on fixed ports and prints their URLs.
 *   PARLEY_CHATWOOT_PORT  Chatwoot emulation port (default 3301)
 *   PARLEY_RAILS=1        also start the real Rails ActionCable server (ephemeral port)
 *   PARLEY_HOST           bind address (default 127.0.0.1)
 *   PARLEY_AGENT_DELAY_MS delay between the scripted agent's steps (default 400)
 */
import { startServers } from './index.js';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const servers = await startServers({
  host: process.env.PARLEY_HOST || '127.0.0.1',
  port: intFromEnv('PARLEY_CHATWOOT_PORT', 3301),
  rails: process.env.PARLEY_RAILS === '1',
  agentDelayMs: intFromEnv('PARLEY_AGENT_DELAY_MS', 400),
  quiet: process.env.PARLEY_QUIET === '1',
});

console.log(`Chatwoot emulation  ${servers.urls.chatwoot}  (cable ${servers.urls.chatwoot.replace(/^http/, 'ws')}/cable, inbox demo-inbox, agent token demo-agent-token)`);
if (servers.urls.rails) console.log(`Rails ActionCable   ${servers.urls.rails}  (cable /cable, POST /broadcast)`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping demo servers`);
  servers.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
