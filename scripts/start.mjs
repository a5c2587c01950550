#!/usr/bin/env node
// `npm start`: build everything, then open the desktop app, or web mode when this install
// has no Electron binary (offline installs use ELECTRON_SKIP_BINARY_DOWNLOAD=1).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

/**
 * The Electron executable, or null when it was never downloaded. Deliberately not
 * `require('electron')`: when the binary is missing that call starts a download from
 * GitHub, which hangs or fails on an offline machine.
 */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  return relative && existsSync(binary) ? binary : null;
}

/** Runs a child with our terminal, forwarding termination signals; resolves with its exit. */
function run(command, commandArgs, env = process.env) {
  return new Promise((resolve) => {
    // Its own process group on POSIX, so Ctrl+C reaches it once (forwarded by us), not twice.
    const child = spawn(command, commandArgs, { cwd: root, env, stdio: 'inherit', detached: process.platform !== 'win32' });
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      for (const signal of signals) process.off(signal, forward);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      for (const signal of signals) process.off(signal, forward);
      resolve({ code, signal });
    });
  });
}

function exitLike({ code, signal }) {
  if (signal) {
    // Die of the same signal, so whoever started us sees what happened to the child.
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

// The package's `exports` hide its bin script, so find it next to its package.json.
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = await run(process.execPath, [electronVite, 'build']);
if (build.code !== 0 || build.signal) exitLike(build);
else {
  const electron = findElectronBinary();
  if (electron) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
    exitLike(await run(electron, ['.', ...args], env));
  } else {
    console.log('Electron binary not installed (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1) — starting web mode instead.');
    exitLike(await run(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args]));
  }
}
