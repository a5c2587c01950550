import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isProcessAlive, killProcesses, killProcessTree, listDescendants, processIdentity, type ProcessIdentity } from './process-tree';

const until = { timeout: 10_000, interval: 20 };
const onLinux = process.platform === 'linux';

/** Every process a test started, by identity, so cleanup never signals a pid someone else reused. */
const started: ProcessIdentity[] = [];

afterEach(() => {
  for (const target of started.splice(0)) {
    if (isProcessAlive(target)) process.kill(target.pid, 'SIGKILL');
  }
});

function track(pid: number): number {
  const identity = processIdentity(pid);
  if (identity) started.push(identity);
  return pid;
}

/** Runs `script` in sh; `nextPid` reads the next pid it echoes (one per line). */
function startShell(script: string, options: { detached?: boolean } = {}) {
  const child: ChildProcess = spawn('sh', ['-c', script], { stdio: ['pipe', 'pipe', 'ignore'], detached: options.detached ?? false });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextPid = async () => track(Number((await lines.next()).value));
  return { child, root: track(child.pid!), nextPid, exited };
}

describe.skipIf(process.platform === 'win32')('process trees', () => {
  it('lists every process below the root with its depth, and not the root itself', async () => {
    const shell = startShell(`sh -c 'sleep 1000 >/dev/null & echo "$!"; wait' & echo "$!"; wait`);
    const [first, second] = [await shell.nextPid(), await shell.nextPid()];
    // The outer shell echoes the inner one's pid, the inner one its sleep's; which line comes first is a race.
    const descendants = (await listDescendants(shell.root)).map(({ pid, depth }) => ({ pid, depth })).sort((a, b) => a.depth - b.depth);
    expect(descendants).toHaveLength(2);
    expect(descendants.map((member) => member.pid).sort()).toEqual([first, second].sort());
    expect(descendants.map((member) => member.depth)).toEqual([1, 2]);

    expect(await listDescendants(descendants[1]!.pid)).toEqual([]);
  });

  it('kills a shell and everything it started', async () => {
    const shell = startShell('sleep 1000 >/dev/null & echo "$!"; sleep 1000');
    const background = await shell.nextPid();
    await vi.waitFor(async () => expect((await listDescendants(shell.root)).map((member) => member.pid)).toContain(background), until);
    const everyone = [shell.root, ...(await listDescendants(shell.root)).map((member) => member.pid)];
    expect(everyone.length).toBeGreaterThanOrEqual(2);

    await killProcessTree(shell.root, { graceMs: 5_000 });
    await vi.waitFor(() => expect(everyone.filter((pid) => isProcessAlive(pid))).toEqual([]), until);
  });

  it('kills what ignores SIGTERM once the grace period is over', async () => {
    // An ignored signal stays ignored across exec, so the sleep shrugs off SIGTERM as well.
    const shell = startShell(`trap '' TERM; sleep 1000 >/dev/null & echo "$!"; wait`);
    const background = await shell.nextPid();

    await killProcessTree(shell.root, { graceMs: 100 });
    await vi.waitFor(() => expect([shell.root, background].filter((pid) => isProcessAlive(pid))).toEqual([]), until);
  });

  it('spares the root when asked, leaving it for the caller to stop', async () => {
    // `read` keeps the shell alive after its child is gone, as a server waiting on stdin would.
    const shell = startShell('sleep 1000 >/dev/null & echo "$!"; read line');
    const child = await shell.nextPid();
    await vi.waitFor(async () => expect((await listDescendants(shell.root)).map((member) => member.pid)).toContain(child), until);
    const root = processIdentity(shell.root)!;

    await killProcessTree(shell.root, { graceMs: 5_000, spareRoot: true });
    await vi.waitFor(() => expect(isProcessAlive(child)).toBe(false), until);
    expect(isProcessAlive(root)).toBe(true);

    await killProcesses([root], { graceMs: 5_000 });
    await vi.waitFor(() => expect(isProcessAlive(root)).toBe(false), until);
  });

  it('reaches, through the process group, a background job that outlived its shell', async () => {
    // Detached: the shell leads a new session and group, as a pty's shell does.
    const shell = startShell('sleep 1000 >/dev/null & echo "$!"', { detached: true });
    const leftBehind = await shell.nextPid();
    await shell.exited;
    expect(await listDescendants(shell.root)).toEqual([]);

    await killProcessTree(shell.root, { graceMs: 5_000 });
    expect(isProcessAlive(leftBehind)).toBe(true); // no longer below the shell: only the group finds it

    await killProcessTree(shell.root, { graceMs: 5_000, includeGroup: true });
    await vi.waitFor(() => expect(isProcessAlive(leftBehind)).toBe(false), until);
  });

  it('stops a remembered descendant its parent orphaned, but not a process that merely reuses its pid', async () => {
    const shell = startShell('sleep 1000 >/dev/null & echo "$!"');
    const orphan = processIdentity(await shell.nextPid())!;
    await shell.exited;

    if (onLinux) {
      const impostor = { pid: orphan.pid, startTime: `${orphan.startTime}0` };
      expect(isProcessAlive(impostor)).toBe(false);
      await killProcesses([impostor], { graceMs: 5_000 });
      expect(isProcessAlive(orphan)).toBe(true);
    }

    await killProcessTree(shell.root, { graceMs: 5_000, knownDescendants: [orphan] });
    await vi.waitFor(() => expect(isProcessAlive(orphan)).toBe(false), until);
  });

  it.runIf(onLinux)('counts a zombie as gone although its pid still answers', async () => {
    // `head` exits once it reads a byte; the exec'd sleep that becomes its parent never reaps it.
    const shell = startShell('exec 3<&0; head -c 1 <&3 >/dev/null & echo "$!"; exec sleep 1000');
    const child = await shell.nextPid();
    expect(isProcessAlive(child)).toBe(true);

    // Only once the shell has become `sleep` (which never reaps) may head exit; before that the shell would reap it.
    await vi.waitFor(() => expect(readFileSync(`/proc/${shell.root}/comm`, 'utf8').trim()).toBe('sleep'), until);
    shell.child.stdin!.write('x');
    // The zombie state itself is the point: wait until /proc shows it, then check both views.
    await vi.waitFor(() => expect(processState(child)).toBe('Z'), until);
    expect(() => process.kill(child, 0)).not.toThrow();
    expect(isProcessAlive(child)).toBe(false);
  });
});

/** The state letter from /proc/<pid>/stat (R, S, Z, ...), or null when the pid is gone. */
function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}
