#!/usr/bin/env node
// `npm start`: on a Node that can run Braid (fetched once into a cache folder when this one is too
// old, see supported-node.mjs), build everything, then open the desktop app, or web mode when
// this install has no Electron binary.
// Plain ESM with Node built-ins only until the re-exec: this first runs on whatever Node npm has.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitLike, runForwardingSignals } from './forwarding-child.mjs';
import { environmentFor, supportedNodeOrExit } from './supported-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

const runtime = supportedNodeOrExit();
if (runtime.execPath !== process.execPath) {
  // This Node cannot run Braid: start again on the supported one, before touching anything else.
  exitLike(await runForwardingSignals(runtime.execPath, [fileURLToPath(import.meta.url), ...args], { cwd: root, env: environmentFor(runtime) }));
} else {
  await start();
}

async function start() {
  // The package's `exports` hide its bin script, so find it next to its package.json.
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = await runForwardingSignals(process.execPath, [electronVite, 'build'], { cwd: root });
  if (build.code !== 0 || build.signal) return exitLike(build);
  const electron = findElectronBinary();
  if (electron) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
    return exitLike(await runForwardingSignals(electron, ['.', ...args], { cwd: root, env }));
  }
  console.log(
    "The Electron binary is not installed (npm runs electron's download script only when package.json's allowScripts lets it, " +
      'and the download needs github.com), so Braid starts in web mode instead. For the desktop app: `npm run desktop:install` where github.com is reachable, then `npm start`.',
  );
  return exitLike(await runForwardingSignals(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args], { cwd: root }));
}

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
