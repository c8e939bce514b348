/**
 * Runs the real Rails ActionCable app in `rails/config.ru` under puma (Debian's ruby-actioncable
 * and puma packages), on a free loopback port, and stops it again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RAILS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rails');
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;
export const INSTALL_HINT = 'install with `apt-get install -y --no-install-recommends ruby-actioncable puma`';

export interface RailsServer {
  url: string;
  close(): Promise<void>;
}

/** Throws the install hint when puma is not on PATH. */
export function assertPumaAvailable(): void {
  if (spawnSync('sh', ['-c', 'command -v puma'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`The real ActionCable server needs puma on PATH, which was not found: ${INSTALL_HINT}`);
  }
}

export async function startRails(opts: { quiet?: boolean } = {}): Promise<RailsServer> {
  assertPumaAvailable();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // --no-config: never pick up a stray config/puma.rb; -q: no request log (the default, made explicit).
  const args = ['--no-config', '-q', '-e', 'production', '-t', '0:16', '-b', `tcp://127.0.0.1:${port}`, 'config.ru'];
  if (opts.quiet) args.unshift('--silent');
  const child = spawn('puma', args, {
    cwd: RAILS_DIR,
    env: { ...process.env, PARLEY_QUIET: opts.quiet ? '1' : '0' },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!opts.quiet) process.stderr.write(chunk);
  });
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop(child);
    const detail = stderr.trim() ? `\n${stderr.trim().split('\n').slice(-15).join('\n')}` : '';
    throw new Error(`${(error as Error).message}${detail}`);
  }
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  // If this process exits without close(), do not leave an orphaned puma behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url,
    close: async () => {
      process.off('exit', killOnExit);
      await stop(child);
    },
  };
}

/** Binds port 0, reads the port the kernel chose, and releases it for puma. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `GET /health` until puma has loaded the app, the process exits, or 10 s pass. */
async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`puma exited before it was ready (code ${child.exitCode ?? child.signalCode})`);
    }
    if (await healthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`puma did not answer ${url}/health within ${READY_TIMEOUT_MS / 1000} s`);
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/health`, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** SIGTERM, then SIGKILL if puma is still there after a grace period; resolves once it exited. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    // 'close' (not 'exit'): stdio pipes are released too, so no handle outlives close().
    child.once('close', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
