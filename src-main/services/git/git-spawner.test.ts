import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { isProcessAlive } from '../processes/process-tree';
import { createRepo, git } from '../../testing/git-fixtures';
import { startStandInHost } from '../testing/stand-in-host';
import { tempFolder } from '../testing/temp-folders';
import { GitSpawner } from './git-spawner';
import { runGit, runGitBytes } from './run-git';

const hostFixture = fileURLToPath(new URL('./testing/git-host-fixture.ts', import.meta.url));

/** A socket path for `git credential-cache--daemon`, a git that runs until it is stopped (and prints "ok" once it does). */
function daemonSocket(): string {
  const dir = join(tempFolder(), 'cache');
  mkdirSync(dir);
  chmodSync(dir, 0o700);
  return join(dir, 'socket');
}

const spawners: GitSpawner[] = [];
function freshSpawner(): GitSpawner {
  const spawner = new GitSpawner();
  spawners.push(spawner);
  return spawner;
}
afterEach(() => {
  for (const spawner of spawners.splice(0)) spawner.stop();
});

const run = (spawner: GitSpawner, cwd: string, args: string[], extra: Partial<Parameters<GitSpawner['run']>[0]> = {}) =>
  spawner.run({ args, cwd, env: { LC_ALL: 'C' }, ...extra });

describe('runGitBytes through the git spawner', () => {
  it("gives git the host's environment as it is at each call, not as it was when the helper started", async () => {
    const spawner = freshSpawner();
    const dir = createRepo().path;
    expect((await run(spawner, dir, ['status'])).code).toBe(0);
    vi.stubEnv('GIT_AUTHOR_NAME', 'Set After The Start');
    // An e-mail of the call's own, so git needs no identity from the machine (CI has none).
    const ident = { env: { LC_ALL: 'C', EMAIL: 'late@localhost' } };
    const set = await run(spawner, dir, ['var', 'GIT_AUTHOR_IDENT'], ident);
    expect(set.stdout.toString()).toMatch(/^Set After The Start </);
    vi.unstubAllEnvs();
    delete process.env.GIT_AUTHOR_NAME;
    const removed = await run(spawner, dir, ['var', 'GIT_AUTHOR_IDENT'], ident);
    expect(removed.code).toBe(0);
    expect(removed.stdout.toString()).not.toContain('Set After The Start');
  });

  it('writes stdin and returns stdout as raw bytes', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const written = await runGitBytes(dir, ['hash-object', '-w', '--stdin'], { input: bytes });
    expect(written.code).toBe(0);
    const read = await runGitBytes(dir, ['cat-file', 'blob', written.stdout.toString().trim()]);
    expect(read.stdout.equals(bytes)).toBe(true);
  });

  it('streams stdout to onStdout as it arrives, and still returns all of it', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const socket = daemonSocket();
    // The daemon prints "ok" and keeps running: the chunk must arrive before git ends.
    const seen: string[] = [];
    const running = runGitBytes(dir, ['credential-cache--daemon', socket], { timeoutMs: 20_000, onStdout: (chunk) => seen.push(chunk.toString()) });
    await vi.waitFor(() => expect(seen.join('')).toBe('ok\n'), { timeout: 10_000, interval: 20 });
    // Stopping it through the daemon's own protocol: a client asking it to exit.
    git(dir, 'credential-cache', `--socket=${socket}`, 'exit');
    const result = await running;
    expect(result.stdout.toString()).toBe('ok\n');
  });

  it('passes the environment: the caller’s variables, read-only mode, no prompts, C locale', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const result = await runGit(dir, ['-c', 'alias.show-env=!env', 'show-env'], { readOnly: true, env: { BRAID_TEST_VALUE: 'from the caller' } });
    expect(result.code).toBe(0);
    const env = new Map(result.stdout.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(env.get('BRAID_TEST_VALUE')).toBe('from the caller');
    expect(env.get('GIT_OPTIONAL_LOCKS')).toBe('0');
    expect(env.get('GIT_TERMINAL_PROMPT')).toBe('0');
    expect(env.get('LC_ALL')).toBe('C');
    // The flag that makes Electron run the helper as Node is the helper's, not git's.
    expect(env.has('ELECTRON_RUN_AS_NODE')).toBe(process.env.ELECTRON_RUN_AS_NODE !== undefined);
    // The host's own environment reaches git.
    expect(env.get('HOME')).toBe(process.env.HOME);
  });

  it('stops git after the timeout and says so', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const started = Date.now();
    const result = await runGit(dir, ['credential-cache--daemon', daemonSocket()], { timeoutMs: 300 });
    expect(result.code).toBe(-1);
    expect(result.stderr).toContain('git was stopped (SIGTERM)');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops git when the caller’s signal fires, as a timeout would', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const controller = new AbortController();
    // The daemon runs until stopped; it says "ok" once it does, and then the caller gives up.
    const result = await runGitBytes(dir, ['credential-cache--daemon', daemonSocket()], { signal: controller.signal, onStdout: () => controller.abort() });
    expect(result.code).toBe(-1);
    expect(result.stderr).toContain('git was stopped (SIGTERM)');
    // A signal that fired before the call: git is stopped as soon as it starts.
    const early = await runGitBytes(dir, ['credential-cache--daemon', daemonSocket()], { signal: AbortSignal.abort() });
    expect(early.code).toBe(-1);
  });

  it('rejects arguments git could never receive, as spawn itself does', async () => {
    const dir = tempFolder();
    await expect(runGit(dir, ['status', 'a\0b'])).rejects.toThrow(/null bytes/);
  });
});

describe('GitSpawner', () => {
  it('starts its helper only when git is first needed, and keeps one for every call', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const spawner = freshSpawner();
    expect(spawner.pid).toBeUndefined();
    const results = await Promise.all(Array.from({ length: 8 }, () => run(spawner, dir, ['rev-parse', 'HEAD'])));
    expect(results.map((result) => result.code)).toEqual(Array(8).fill(0));
    const helper = spawner.pid;
    expect(helper).toBeTypeOf('number');
    await run(spawner, dir, ['rev-parse', 'HEAD']);
    expect(spawner.pid).toBe(helper);
  });

  it('starts a new helper after its helper was killed, and the next call works, even sent at once', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const spawner = freshSpawner();
    await run(spawner, dir, ['rev-parse', 'HEAD']);
    const first = spawner.pid!;
    process.kill(first, 'SIGKILL');
    // Sent before the host has noticed: the dead helper never acknowledged it, so it goes to the next one.
    const after = await run(spawner, dir, ['rev-parse', 'HEAD']);
    expect(after.code).toBe(0);
    expect(after.stdout.toString().trim()).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(spawner.pid).not.toBe(first);
  });

  it('reports a call whose helper died as stopped, and stops its git', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const spawner = freshSpawner();
    let running = false;
    const call = run(spawner, dir, ['credential-cache--daemon', daemonSocket()], { onStdout: () => (running = true) });
    await vi.waitFor(() => expect(running).toBe(true), { timeout: 10_000, interval: 20 });
    const [gitPid] = spawner.runningGitPids();
    expect(gitPid).toBeTypeOf('number');
    process.kill(spawner.pid!, 'SIGKILL');
    const outcome = await call;
    expect(outcome).toMatchObject({ code: null, helperEnded: true });
    await vi.waitFor(() => expect(isProcessAlive(gitPid!)).toBe(false), { timeout: 10_000, interval: 20 });
  });

  it('does not keep the host running once git is done', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const host = spawn(process.execPath, ['--import', 'tsx', hostFixture, dir, '--once'], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => {
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    });
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(host, 'exit')) as [number | null];
    expect(output.trim()).toBe('exit code 0');
    expect(code).toBe(0);
  });

  it('leaves nothing behind when the host dies: the helper and the git it runs end too', async () => {
    const dir = createRepo({ path: tempFolder() }).path;
    const { host, printed: pids } = await startStandInHost<{ helper: number; git: number }>(hostFixture, [dir, daemonSocket()]);
    expect(isProcessAlive(pids.helper)).toBe(true);
    expect(isProcessAlive(pids.git)).toBe(true);
    host.kill('SIGKILL');
    await vi.waitFor(
      () => {
        expect(isProcessAlive(pids.helper)).toBe(false);
        expect(isProcessAlive(pids.git)).toBe(false);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});
