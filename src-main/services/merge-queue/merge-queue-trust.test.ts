import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptTrust } from '../workspace-setup/script-trust';
import { readWorkspaceConfig } from '../workspace-setup/workspace-config';
import { tempFolder } from '../testing/temp-folders';
import { expectOk, makeQueueFixture } from './merge-queue.fixture';

const workspaceJson = (config: Record<string, unknown>) => ({ '.braid/workspace.json': `${JSON.stringify(config, null, 2)}\n` });

/** Where the setup leaves a mark (`$OUT`): outside the scratch worktree, which is reset per candidate. */
function outFolder() {
  const folder = tempFolder('braid-queue-trust-');
  return { gateEnv: { OUT: folder }, has: (name: string) => existsSync(join(folder, name)), read: (name: string) => readFileSync(join(folder, name), 'utf8') };
}

const setupOnMain = ['echo "setting up"', 'touch "$OUT/main-setup-ran"'];

describe('trusting the queue’s gate from the queue panel (mergeQueue.trustGate)', () => {
  it('paused for trust, the queue shows what would run from main; trusting the hash it showed resumes it and the entry lands, its own config never read', async () => {
    const out = outFolder();
    const fixture = await makeQueueFixture({ files: workspaceJson({ setup: setupOnMain, test: 'true', run: 'npm start' }), gateEnv: out.gateEnv });
    // The entry rewrites the config: what is shown and trusted is still main's.
    const task = await fixture.task('Rewrites config', { ...workspaceJson({ setup: 'touch "$OUT/entry-setup-ran"', test: 'true' }), 'feature.txt': 'f\n' });
    const entry = fixture.add(task);

    const paused = await fixture.waitForPause();
    expect(paused.paused).toBe(true);
    const shown = paused.gate.trust;
    expect(shown).toEqual({
      contentHash: expectOk(readWorkspaceConfig(fixture.repo.path)).contentHash,
      files: ['.braid/workspace.json'],
      scripts: { setup: setupOnMain, test: ['true'], run: ['npm start'], archive: [] },
      trusted: false,
    });

    const resumed = expectOk(await fixture.queue.trustGate(fixture.projectId, 'main', shown!.contentHash));
    expect(resumed.paused).toBe(false);
    expect(resumed.pauseReason).toBeNull();
    expect(resumed.gate.trust?.trusted).toBe(true);
    const landed = await fixture.waitForEntry(entry.id, (item) => item.state === 'landed' || item.state === 'ejected');
    expect(landed.state).toBe('landed');
    expect(out.has('main-setup-ran')).toBe(true);
    expect(out.has('entry-setup-ran')).toBe(false);
    expect(new ScriptTrust(fixture.store.settings).isTrusted(fixture.projectId, shown!.contentHash)).toBe(true);
  }, 60_000);

  it('the config on main changed after it was shown: FILE_CHANGED, nothing trusted, still paused, and the queue shows the new content to trust', async () => {
    const out = outFolder();
    const fixture = await makeQueueFixture({ files: workspaceJson({ setup: setupOnMain }), settings: { gateCommand: 'true' }, gateEnv: out.gateEnv });
    const entry = fixture.add(await fixture.task('Waits', { 'waits.txt': 'w\n' }));
    const paused = await fixture.waitForPause();
    const shownHash = paused.gate.trust!.contentHash;

    const changedSetup = ['touch "$OUT/changed-setup-ran"'];
    fixture.repo.commit(workspaceJson({ setup: changedSetup }), 'Change the setup');
    const refused = await fixture.queue.trustGate(fixture.projectId, 'main', shownHash);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('FILE_CHANGED');
    expect(!refused.ok && refused.error.message).toContain('The workspace config on main is not what was shown: its .braid/workspace.json changed since it was shown');

    const after = await fixture.view();
    expect(after.paused).toBe(true);
    expect(after.pauseReason).toBe(paused.pauseReason);
    expect(after.gate.trust).toMatchObject({ scripts: { setup: changedSetup }, trusted: false });
    expect(after.gate.trust?.contentHash).not.toBe(shownHash);
    const trust = new ScriptTrust(fixture.store.settings);
    expect(trust.isTrusted(fixture.projectId, shownHash)).toBe(false);
    expect(trust.isTrusted(fixture.projectId, after.gate.trust!.contentHash)).toBe(false);
    expect((await fixture.view()).entries.map((item) => [item.id, item.state])).toEqual([[entry.id, 'queued']]);
    expect(out.has('changed-setup-ran')).toBe(false);

    // What is shown now can be trusted: the queue resumes and runs the new setup.
    expectOk(await fixture.queue.trustGate(fixture.projectId, 'main', after.gate.trust!.contentHash));
    await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(out.has('changed-setup-ran')).toBe(true);
  }, 60_000);

  it('a queue paused for another reason stays paused when its config is trusted: by Braid (the checkout has changes where the entry writes)', async () => {
    const fixture = await makeQueueFixture({ files: { ...workspaceJson({ setup: 'true' }), 'shared.txt': 'base\n' }, settings: { gateCommand: 'true' } });
    fixture.trustWorkspaceConfig();
    const entry = fixture.add(await fixture.task('Editor', { 'shared.txt': 'from the task\n' }));
    writeFileSync(join(fixture.repo.path, 'shared.txt'), 'the user is editing this\n');
    const paused = await fixture.waitForPause();
    expect(paused.pauseReason).toContain('shared.txt');

    const trusted = expectOk(await fixture.queue.trustGate(fixture.projectId, 'main', paused.gate.trust!.contentHash));
    expect(trusted.paused).toBe(true);
    expect(trusted.pauseReason).toBe(paused.pauseReason);
    await fixture.queue.idle();
    expect((await fixture.view()).entries.map((item) => [item.id, item.state])).toEqual([[entry.id, 'queued']]);
  }, 60_000);

  it('a queue the user paused stays paused when they trust its config; unknown projects and branches are refused', async () => {
    const fixture = await makeQueueFixture({ files: workspaceJson({ setup: 'true' }), settings: { gateCommand: 'true' } });
    expectOk(await fixture.queue.pause(fixture.projectId, 'main'));
    const { contentHash } = expectOk(readWorkspaceConfig(fixture.repo.path));

    const trusted = expectOk(await fixture.queue.trustGate(fixture.projectId, 'main', contentHash!));
    expect(trusted.paused).toBe(true);
    expect(trusted.gate.trust?.trusted).toBe(true);

    const noBranch = await fixture.queue.trustGate(fixture.projectId, 'no-such-branch', contentHash!);
    expect(!noBranch.ok && noBranch.error).toMatchObject({ code: 'BRANCH_NOT_FOUND', message: expect.stringContaining('The branch "no-such-branch" does not exist') });
    const noProject = await fixture.queue.trustGate('unknownproject', 'main', contentHash!);
    expect(!noProject.ok && noProject.error.code).toBe('NOT_FOUND');
  }, 60_000);
});
