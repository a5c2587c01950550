// The real external coding CLIs the end-to-end tests drive over ACP, installed from the npm
// registry into a cache folder shared by test runs (`.ci/run` fills it before `npm test`; a test
// fills it itself when it is empty). Versions are pinned, so a run tests what it says it tests.
//
//   node scripts/external-agents.mjs            installs (or finds) them and prints where
//
// Plain ESM with Node built-ins, like the other launchers.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Claude Code and its ACP adapter (the adapter drives the `claude` it finds as CLAUDE_CODE_EXECUTABLE). */
export const claudeCodePackages = ['@anthropic-ai/claude-code@2.1.332', '@agentclientprotocol/claude-agent-acp@0.101.0'];

/** Where installs are kept: `$BRAID_EXTERNAL_AGENTS_DIR`, else `~/.cache/braid/external-agents`. */
export function externalAgentsDir(env = process.env) {
  return env.BRAID_EXTERNAL_AGENTS_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'braid', 'external-agents');
}

/**
 * Installs `packages` once into `<dir>/<their names and versions>` (through a staging folder that
 * is renamed into place only after the programs ran, so a broken install is never used) and
 * returns its `bin` folder; or why it could not (no registry, a failed postinstall, …).
 */
export function ensureExternalAgents(packages = claudeCodePackages, options = {}) {
  const env = options.env ?? process.env;
  const dir = options.dir ?? externalAgentsDir(env);
  const key = packages.map((spec) => spec.replace(/^@/, '').replace(/[/@]/g, '-')).join('+');
  const target = join(dir, key);
  const binDir = join(target, 'node_modules', '.bin');
  const check = (bin) => {
    for (const program of options.programs ?? ['claude-agent-acp', 'claude']) {
      const run = spawnSync(join(bin, program), ['--version'], { encoding: 'utf8', timeout: 60_000, env });
      if (run.status !== 0) return `${program} --version failed (${run.error?.message ?? (run.stderr || run.stdout || `exit ${run.status}`).trim().slice(0, 300)})`;
    }
    return null;
  };
  if (existsSync(binDir) && check(binDir) === null) return { available: true, binDir, installed: false };
  mkdirSync(dir, { recursive: true });
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    execFileSync('npm', ['install', '--prefix', staging, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...packages], {
      env: { ...env, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 600_000,
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const said = String(error.stderr ?? error.message ?? error).trim().split('\n').slice(-3).join(' ');
    return { available: false, reason: `npm could not install ${packages.join(' ')}: ${said.slice(0, 400)}` };
  }
  const problem = check(join(staging, 'node_modules', '.bin'));
  if (problem) {
    rmSync(staging, { recursive: true, force: true });
    return { available: false, reason: `installed, but ${problem}` };
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return { available: true, binDir, installed: true };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = ensureExternalAgents();
  if (result.available) console.log(`external agents ${result.installed ? 'installed' : 'found'} in ${result.binDir}`);
  else console.log(`external agents not available: ${result.reason}`);
}
