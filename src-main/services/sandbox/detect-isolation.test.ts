import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { detectCommandIsolation, workingNamespaceIsolations } from './detect-isolation';

const working = await workingNamespaceIsolations();
const unshareWorks = working.some((isolation) => isolation.kind === 'unshare');

/** A folder of executables: links to the real tools named, plus scripts given by content. */
function toolFolder(links: string[], scripts: Record<string, string> = {}): string {
  const folder = tempFolder('braid-tools-');
  for (const name of links) symlinkSync(join('/usr/bin', name), join(folder, name));
  for (const [name, script] of Object.entries(scripts)) {
    writeFileSync(join(folder, name), script);
    chmodSync(join(folder, name), 0o755);
  }
  return folder;
}

describe('detecting command isolation', () => {
  // CI sets this, so a machine where bwrap stopped working fails instead of skipping the isolation tests.
  const required = process.env.BRAID_REQUIRE_ISOLATION;
  it.runIf(required)(`the machine offers ${required ?? 'the required'} isolation`, async () => {
    expect(working.map((isolation) => isolation.kind)).toContain(required);
    expect((await detectCommandIsolation()).kind).toBe(working[0]?.kind);
  });

  it.runIf(working.some((isolation) => isolation.kind === 'bubblewrap'))('chooses bubblewrap when it can create a PID namespace', async () => {
    const isolation = await detectCommandIsolation();
    expect(isolation).toMatchObject({ kind: 'bubblewrap', capabilities: { pidNamespace: true }, limitation: null });
  });

  it.runIf(unshareWorks)('falls through to unshare when bwrap is refused user namespaces', async () => {
    // What bwrap says on a distribution that restricts unprivileged user namespaces.
    const folder = toolFolder(['unshare', 'setpriv', 'sh'], { bwrap: '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n' });
    const isolation = await detectCommandIsolation({ searchPath: folder });
    expect(isolation).toMatchObject({ kind: 'unshare', capabilities: { pidNamespace: true }, limitation: null });
  });

  it('says why when neither bubblewrap nor unshare can isolate commands', async () => {
    const folder = toolFolder(['sh'], {
      bwrap: '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n',
      unshare: '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n',
    });
    const isolation = await detectCommandIsolation({ searchPath: folder });
    expect(isolation).toMatchObject({ kind: 'none', capabilities: { pidNamespace: false } });
    expect(isolation.limitation).toBe(
      'bubblewrap could not create a PID namespace (bwrap: setting up uid map: Permission denied); unshare could not create a PID namespace (unshare: unshare failed: Operation not permitted)',
    );
  });

  it('refuses a wrapper that runs the command without a new PID namespace', async () => {
    const folder = toolFolder([], { bwrap: '#!/bin/sh\nwhile [ "$1" != "--" ]; do shift; done; shift; exec "$@"\n' });
    const isolation = await detectCommandIsolation({ searchPath: folder });
    expect(isolation.kind).toBe('none');
    expect(isolation.limitation).toMatch(/^bubblewrap could not create a PID namespace \(the probe ran as pid \d+, not inside a new PID namespace\); unshare is not installed$/);
  });

  it('names the platform where there are no PID namespaces, and can be turned off', async () => {
    expect(await detectCommandIsolation({ platform: 'darwin' })).toMatchObject({ kind: 'none', limitation: expect.stringContaining('macOS has no PID namespaces') });
    expect(await detectCommandIsolation({ setting: 'off' })).toMatchObject({ kind: 'none', limitation: 'isolation is turned off (BRAID_COMMAND_ISOLATION=off)' });
  });
});
