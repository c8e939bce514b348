#!/usr/bin/env node
// `npm test`: finds Chromium (or installs it from Debian's packages when it can, or says exactly
// what to install), makes sure the real Rails ActionCable server is there the same way, builds,
// checks the size budget and the types, then runs every test in headless Chromium.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
let aptUpdated = false;

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function aptInstall(packages, extra = []) {
  if (!aptUpdated) {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', ...extra, ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p)) ?? which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
}

let chrome = findChromium();
if (!chrome && canApt) {
  console.log('Chromium not found: installing Debian\'s chromium package…');
  aptInstall(['chromium']);
  chrome = findChromium();
}
if (!chrome) {
  console.error('Parley\'s tests run in Chromium, and none was found.\n'
    + '  Debian/Ubuntu:  sudo apt-get install -y chromium\n'
    + '  or point CHROME_PATH at a Chrome/Chromium binary:  CHROME_PATH=/path/to/chrome npm test');
  process.exit(1);
}

const hasRails = () => !!which('puma') && spawnSync('ruby', ['-e', 'require "action_cable"'], { stdio: 'ignore' }).status === 0;
if (!hasRails() && canApt) {
  console.log('Rails ActionCable + Puma not found: installing Debian\'s ruby-actioncable and puma…');
  aptInstall(['ruby-actioncable', 'puma'], ['--no-install-recommends']);
}
if (!hasRails()) {
  console.error('The ActionCable integration test runs a real Rails ActionCable server, which was not found.\n'
    + '  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ruby-actioncable puma');
  process.exit(1);
}

step('verify: lint with import boundaries, types (core without DOM), lit-analyzer', 'npm', ['run', 'verify', '--silent']);
step('build', 'npm', ['run', 'build', '--silent']);
step('examples: React and Vue built with Vite, React type-checked', 'node', ['scripts/build-examples.mjs']);
step('size budget', 'node', ['scripts/size.mjs']);
step('manifest is up to date', 'node', ['scripts/check-manifest.mjs']);
// The runner's own summary line is a progress bar; echo its last count as a plain closing line.
console.log('\n▶ tests in Chromium');
const runner = spawn(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)],
  { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } });
let tail = '';
runner.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
runner.on('close', (code) => {
  const counts = [...tail.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  console.log(counts ? `tests: ${counts[1]} passed, ${counts[2]} failed` : 'tests: no summary from the test runner');
  process.exit(code ?? 1);
});
