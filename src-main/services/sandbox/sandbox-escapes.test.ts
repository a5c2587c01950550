import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { BackgroundServices } from '../background/background-services';
import { git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { connectInMemory, createWorkspaceToolServer } from '../tools/workspace-server';
import { openWorkspace } from '../testing/tool-server-fixture';
import type { CommandConfinement, CommandIsolation } from './command-isolation';
import { workingNamespaceIsolations } from './detect-isolation';
import { worktreeConfinement } from './worktree-confinement';

/** The sandbox is bubblewrap's; CI installs it and requires it (BRAID_REQUIRE_ISOLATION=bubblewrap). */
const bubblewrap = (await workingNamespaceIsolations()).find((isolation) => isolation.kind === 'bubblewrap' && isolation.sandbox.limitation === null);
const required = process.env.BRAID_REQUIRE_ISOLATION === 'bubblewrap';
if (required && !bubblewrap) throw new Error('BRAID_REQUIRE_ISOLATION=bubblewrap, but bubblewrap cannot sandbox commands on this machine');

let listener: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  // A TCP server on the host's loopback: a sandboxed command has a loopback of its own and must not reach it.
  listener = createServer((socket) => {
    connections++;
    socket.end('hello from the host\n');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

/** A workspace whose commands run in the sandbox (or unconfined, to show each escape works there). */
async function sandboxedWorkspace(isolation: CommandIsolation, options: { network?: boolean; confined?: boolean } = {}) {
  const outside = folderOutsideTmp();
  let confinement: CommandConfinement | null = null;
  const workspace = await openWorkspace({
    server: { isolation: Promise.resolve(isolation), confinement: () => (options.confined === false ? null : confinement) },
  });
  confinement = worktreeConfinement(workspace.root, options.network ?? false);
  const run = (command: string) => workspace.call('run_command', { command });
  return { ...workspace, outside, run };
}

/** A folder on the root file system, not under /tmp (which the sandbox replaces with its own). */
function folderOutsideTmp(): string {
  const folder = mkdtempSync('/var/tmp/braid-outside-');
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const connect = (target: number) => `exec 3<>/dev/tcp/127.0.0.1/${target} && head -1 <&3`;

describe.skipIf(!bubblewrap)('the sandbox (bubblewrap): escapes tried', () => {
  const isolation = bubblewrap!;

  it('cannot write outside the worktree; unconfined the same command can', async () => {
    const confined = await sandboxedWorkspace(isolation);
    const reply = await confined.run(`echo escaped > ${join(confined.outside, 'written.txt')}`);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/Read-only file system/);
    expect(existsSync(join(confined.outside, 'written.txt'))).toBe(false);

    const free = await sandboxedWorkspace(isolation, { confined: false });
    expect((await free.run(`echo escaped > ${join(free.outside, 'written.txt')}`)).isError).toBe(false);
    expect(readFileSync(join(free.outside, 'written.txt'), 'utf8')).toBe('escaped\n');
  });

  it('cannot leave through ..', async () => {
    const { run, root, outside } = await sandboxedWorkspace(isolation);
    // The test's worktree sits in /tmp: inside the sandbox `..` is then the private /tmp, and
    // what lands there never reaches the host's folder.
    const name = `escaped-by-dots-${process.pid}-${Date.now()}`;
    // Only a failing sandbox leaves these on the host: never let them linger for the next run.
    onTestFinished(() => {
      for (const leftover of [name, `${name}-folder`]) rmSync(join(root, '..', leftover), { recursive: true, force: true });
    });
    await run(`echo escaped > ../${name}; mkdir ../${name}-folder`);
    expect(existsSync(join(root, '..', name))).toBe(false);
    const upToOutside = relative(root, join(outside, 'by-dots.txt'));
    expect(upToOutside.startsWith('../')).toBe(true);
    const reply = await run(`echo escaped > ${upToOutside}`);
    expect(reply).toMatchObject({ isError: true, text: expect.stringMatching(/Read-only file system/) });
    expect(existsSync(join(outside, 'by-dots.txt'))).toBe(false);
    expect(existsSync(join(root, '..', `${name}-folder`))).toBe(false);
  });

  it('cannot write through a symlink pointing out of the worktree', async () => {
    const { run, root, outside } = await sandboxedWorkspace(isolation);
    symlinkSync(outside, join(root, 'way-out'));
    const reply = await run('echo escaped > way-out/through-link.txt || cp README.md way-out/');
    expect(reply.isError).toBe(true);
    expect(existsSync(join(outside, 'through-link.txt'))).toBe(false);
    expect(existsSync(join(outside, 'README.md'))).toBe(false);
  });

  it('cannot rewrite the worktree\'s .git', async () => {
    const { run, root } = await sandboxedWorkspace(isolation);
    const reply = await run('echo "[core] hooksPath = /tmp" >> .git/config');
    expect(reply.isError).toBe(true);
    expect(readFileSync(join(root, '.git', 'config'), 'utf8')).not.toContain('hooksPath');
  });

  it('cannot reach the network, not even the host\'s loopback; with network allowed it can', async () => {
    const before = connections;
    const offline = await sandboxedWorkspace(isolation);
    const refused = await offline.run(connect(port));
    expect(refused.isError).toBe(true);
    expect(refused.text).not.toContain('hello from the host');
    expect(connections).toBe(before);

    const online = await sandboxedWorkspace(isolation, { network: true });
    const reached = await online.run(connect(port));
    expect(reached).toMatchObject({ isError: false, text: expect.stringContaining('hello from the host') });
  });

  it('writes inside the worktree and in a private /tmp work; the host\'s /tmp is untouched', async () => {
    const { run, root } = await sandboxedWorkspace(isolation);
    const marker = `braid-sandbox-${process.pid}-${Date.now()}.txt`;
    const reply = await run(`mkdir -p out && echo inside > out/file.txt && echo temp > /tmp/${marker} && cat /tmp/${marker} && echo "TMPDIR=$TMPDIR"`);
    expect(reply).toMatchObject({ isError: false, text: expect.stringContaining('temp') });
    expect(reply.text).toContain('TMPDIR=/tmp');
    expect(readFileSync(join(root, 'out', 'file.txt'), 'utf8')).toBe('inside\n');
    expect(existsSync(join('/tmp', marker))).toBe(false);
  });

  it('git reads a worktree whose repository lives under /tmp', async () => {
    const repo = tempFolder('braid-sandbox-repo-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    const worktree = join(tempFolder('braid-sandbox-wt-'), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'task', worktree);
    const server = createWorkspaceToolServer({ root: worktree, isolation: Promise.resolve(isolation), confinement: () => worktreeConfinement(worktree, false) });
    const client = await connectInMemory(server);
    onTestFinished(() => client.close());
    const result = await client.callTool({ name: 'run_command', arguments: { command: 'git log --oneline && git status --short && touch new.txt && echo ok' } });
    const text = (result.content as { text: string }[]).map((part) => part.text).join('');
    expect(result.isError).not.toBe(true);
    expect(text).toContain('first');
    expect(existsSync(join(worktree, 'new.txt'))).toBe(true);
  });

  it('a review task\'s read-only worktree: its tests read and run, nothing in the worktree can be written, the private /tmp can', async () => {
    const repo = tempFolder('braid-sandbox-review-repo-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    const worktree = join(tempFolder('braid-sandbox-review-wt-'), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'task', worktree);
    writeFileSync(join(worktree, 'work.txt'), 'the work under review\n');
    // A "test script" writes into the worktree: what no rule sees in the command line.
    writeFileSync(join(worktree, 'check.sh'), 'cat work.txt\necho cache > .cache-file\n');
    const server = createWorkspaceToolServer({ root: worktree, isolation: Promise.resolve(isolation), confinement: () => worktreeConfinement(worktree, false, { readOnly: true }) });
    const client = await connectInMemory(server);
    onTestFinished(() => client.close());
    const call = async (command: string) => {
      const result = await client.callTool({ name: 'run_command', arguments: { command } });
      return { isError: result.isError === true, text: (result.content as { text: string }[]).map((part) => part.text).join('') };
    };
    const script = await call('sh check.sh');
    expect(script.text).toContain('the work under review');
    expect(script.text).toMatch(/Read-only file system/);
    expect(existsSync(join(worktree, '.cache-file'))).toBe(false);
    expect(await call('git status --short && git log --oneline && echo temp > /tmp/scratch && cat /tmp/scratch')).toMatchObject({ isError: false, text: expect.stringContaining('temp') });
    expect((await call('rm work.txt')).isError).toBe(true);
    expect(readFileSync(join(worktree, 'work.txt'), 'utf8')).toBe('the work under review\n');
  });

  it('a service started with start_service is sandboxed too', async () => {
    const services = new BackgroundServices({ isolation: Promise.resolve(isolation), onChange: () => undefined, killGraceMs: 200 });
    onTestFinished(() => services.close());
    const outside = folderOutsideTmp();
    let confinement: CommandConfinement | null = null;
    const { call, root } = await openWorkspace({ server: { isolation: Promise.resolve(isolation), services: services.forTask('task-1'), confinement: () => confinement } });
    confinement = worktreeConfinement(root, false);
    const reply = await call('start_service', { command: `echo started > started.txt; echo escaped > ${join(outside, 'service.txt')}; sleep 30`, wait_ms: 500 });
    expect(reply.isError).toBe(false);
    await vi.waitFor(() => expect(existsSync(join(root, 'started.txt'))).toBe(true), { timeout: 5_000, interval: 20 });
    expect(existsSync(join(outside, 'service.txt'))).toBe(false);
  });
});

describe('the sandbox folders', () => {
  it('a worktree is writable, its .git protected, its repository readable', () => {
    const repo = tempFolder('braid-confine-repo-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    const worktree = join(tempFolder('braid-confine-wt-'), 'wt');
    mkdirSync(join(worktree, '..'), { recursive: true });
    git(repo, 'worktree', 'add', '-q', '-b', 'task', worktree);
    expect(worktreeConfinement(worktree, false)).toEqual({ writable: [worktree], readable: [join(repo, '.git')], protected: [join(worktree, '.git')], network: false });
  });
});
