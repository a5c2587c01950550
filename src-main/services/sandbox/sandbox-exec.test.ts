import { describe, expect, it } from 'vitest';
import { processGroupIsolation } from './process-group';
import { sandboxExecProfile } from './sandbox-exec';

/** macOS's sandbox-exec cannot run on this Linux machine: these check the profile Braid writes and how it is launched. */
describe('macOS sandbox-exec profile (text only: sandbox-exec is not runnable on Linux)', () => {
  const confinement = { writable: ['/Users/me/braid/worktrees/app-1/fix-2'], readable: [], network: false };

  it('denies every write but the worktree, the temporary folders and the terminal, and the network', () => {
    const profile = sandboxExecProfile(confinement, ['/private/tmp', '/private/var/folders/ab/T']);
    const lines = profile.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['(version 1)', '(allow default)', '(deny file-write*)']);
    expect(lines[3]).toMatch(/^\(allow file-write\* \(subpath "\/Users\/me\/braid\/worktrees\/app-1\/fix-2"\) \(subpath "\/private\/tmp"\) \(subpath "\/private\/var\/folders\/ab\/T"\) \(literal "\/dev\/null"\)/);
    expect(lines[3]).toContain('(regex #"^/dev/ttys[0-9]+$")');
    expect(lines.slice(4)).toEqual(['(deny network*)', '(allow network* (remote unix-socket))']);
  });

  it('keeps the network when the project allows it', () => {
    expect(sandboxExecProfile({ ...confinement, network: true }, ['/private/tmp'])).not.toContain('network');
  });

  it('quotes paths so a name cannot end the string and add rules', () => {
    const profile = sandboxExecProfile({ ...confinement, writable: ['/Users/me/a") (allow file-write* (subpath "/'] }, []);
    expect(profile).toContain('(subpath "/Users/me/a\\") (allow file-write* (subpath \\"/")');
  });

  it('launches a confined command through sandbox-exec -p <profile>; an unconfined one as it is', () => {
    const isolation = processGroupIsolation('macOS has no PID namespaces', 'darwin', '/usr/bin/sandbox-exec');
    expect(isolation.sandbox).toEqual({ kind: 'sandbox-exec', limitation: null });
    const confined = isolation.launch({ argv: ['/bin/bash', '-c', 'make'], cwd: '/w', env: {}, confinement });
    expect(confined.file).toBe('/usr/bin/sandbox-exec');
    expect(confined.args[0]).toBe('-p');
    expect(confined.args[1]).toContain('(deny file-write*)');
    expect(confined.args.slice(2)).toEqual(['/bin/bash', '-c', 'make']);
    expect(isolation.launch({ argv: ['/bin/bash', '-c', 'make'], cwd: '/w', env: {} }).file).toBe('/bin/bash');
  });

  it('without sandbox-exec a confined launch is refused rather than run unconfined', () => {
    const isolation = processGroupIsolation('no namespaces', 'darwin');
    expect(isolation.sandbox.kind).toBe('none');
    expect(() => isolation.launch({ argv: ['true'], cwd: '/', env: {}, confinement })).toThrow(/cannot be sandboxed/);
  });
});
