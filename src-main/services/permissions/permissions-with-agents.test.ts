import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import { storeWithTask } from '../testing/store-fixture';
import { tempFolder } from '../testing/temp-folders';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { processGroupIsolation } from '../sandbox/process-group';
import { workingNamespaceIsolations } from '../sandbox/detect-isolation';
import { createPermissionService } from './permission-service';

const sandboxHere = (await workingNamespaceIsolations()).some((isolation) => isolation.kind === 'bubblewrap' && isolation.sandbox.limitation === null);

describe('permissions in an agent run (ask mode, Braid’s default)', () => {
  it('"Always allow in this project" saves the edited rule, and the next identical command runs without asking', async () => {
    const world = await agentWorld({ implementMode: null });
    world.server.enqueue(
      { toolCalls: [{ id: 'c1', name: 'run_command', args: { command: 'echo hello braid' } }] },
      { text: 'Ran it.' },
      { toolCalls: [{ id: 'c2', name: 'run_command', args: { command: 'echo hello braid' } }] },
      { text: 'Ran it again.' },
    );
    const task = await world.createTask('Echo', 'Say hello');
    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(request).toMatchObject({ rule: 'ask mode', source: null, suggestedRule: 'Bash(echo hello *)' });

    // A rule that does not cover the call is refused, and the call still waits.
    expect(world.services.agents.decide(task.id, 'c1', true, null, 'Bash(npm test)')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('does not allow this call') } });
    expect(world.services.agents.decide(task.id, 'c1', true, null, 'Bash(echo')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(expectOk(world.services.agents.decide(task.id, 'c1', true, null, 'Bash(echo hello braid)'))).toEqual({ decided: true, savedRule: 'Bash(echo hello braid)' });
    await world.waitForStatus(task.id, 'done');

    const overview = expectOk(await world.services.permissions.overview(world.project.id));
    expect(overview.sources.find((source) => source.id === 'project')?.rules.allow).toEqual(['Bash(echo hello braid)']);

    expectOk(await world.services.agents.send(task.id, 'Once more'));
    const allowed = await world.waitForEvent(task.id, 'permission', (event) => event.callId === 'c2');
    expect(allowed).toMatchObject({ decision: 'allow', rule: 'Bash(echo hello braid)', source: 'project' });
    await world.waitForStatus(task.id, 'done');
    expect(world.timeline(task.id).filter((event) => event.kind === 'approval_request')).toHaveLength(1);
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_result' && event.callId === 'c2')).toMatchObject({ isError: false, text: expect.stringContaining('hello braid') });

    // The audit trail names the saved rule, and the rule (with its source) that allowed the second call.
    const entries = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries;
    expect(entries.find((entry) => entry.type === 'approval.decided' && entry.actor === 'user')?.payload).toMatchObject({ callId: 'c1', approved: true, savedRule: 'Bash(echo hello braid)' });
    expect(entries.find((entry) => entry.actor === 'rule:Bash(echo hello braid)')?.payload).toMatchObject({ callId: 'c2', approved: true, source: 'project' });
    expect(entries.filter((entry) => entry.type === 'approval.decided').map(describeAuditEntry).reverse()).toEqual([
      'run_command approved by user; always allowed in this project by Bash(echo hello braid)',
      'run_command allowed by the rule “Bash(echo hello braid)” from project',
    ]);
  });

  it('a slash command’s allowed tools pre-approve calls for that turn only', async () => {
    const world = await agentWorld({ implementMode: null });
    world.server.enqueue(
      { toolCalls: [{ id: 't1', name: 'run_command', args: { command: 'git status --short' } }] },
      { text: 'Clean.' },
      { toolCalls: [{ id: 't2', name: 'run_command', args: { command: 'git status --short' } }] },
      { text: 'Asked.' },
    );
    const task = await world.createTask('Status', '');
    expectOk(await world.services.agents.send(task.id, 'Check the status', { allowRules: ['Bash(git status *)'] }));
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 't1')).toMatchObject({ decision: 'allow', source: 'turn' });
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.agents.send(task.id, 'And again'));
    expect(await world.waitForEvent(task.id, 'approval_request', (event) => event.callId === 't2')).toMatchObject({ rule: 'ask mode' });
  });

  it('plan mode on an implement task refuses an edit and names the rule; accept edits lets it through', async () => {
    const world = await agentWorld({ implementMode: null });
    world.server.enqueue(
      { toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'notes.md', content: 'x' } }] },
      { text: 'Refused.' },
      { toolCalls: [{ id: 'w2', name: 'write_file', args: { path: 'notes.md', content: 'y' } }] },
      { text: 'Written.' },
    );
    const task = await world.createTask('Modes', '');
    expect(expectOk(await world.services.permissions.setTaskMode(task.id, 'plan'))).toEqual({ permissionMode: 'plan', mode: { mode: 'plan', origin: 'task', from: 'this task' } });
    expect(world.task(task.id).agent.mode.mode).toBe('plan');
    expectOk(await world.services.agents.send(task.id, 'Write notes'));
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 'w1')).toMatchObject({ decision: 'deny', rule: 'plan mode is read-only', source: null });
    await world.waitForStatus(task.id, 'done');
    expect(existsSync(join(task.workspace.path, 'notes.md'))).toBe(false);

    expectOk(await world.services.permissions.setTaskMode(task.id, 'acceptEdits'));
    expectOk(await world.services.agents.send(task.id, 'Now write them'));
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 'w2')).toMatchObject({ decision: 'allow', rule: 'accept edits mode' });
    await world.waitForStatus(task.id, 'done');
    expect(readFileSync(join(task.workspace.path, 'notes.md'), 'utf8')).toBe('y');
  });

  it('a repository’s .claude/settings.json denies at once; its allow rules count only once trusted, by content hash', async () => {
    const world = await agentWorld({ implementMode: null });
    mkdirSync(join(world.repo, '.claude'), { recursive: true });
    writeFileSync(join(world.repo, '.claude', 'settings.json'), JSON.stringify({ permissions: { allow: ['Bash(echo allowed *)'], deny: ['Bash(echo denied *)'] } }));
    world.server.enqueue(
      { toolCalls: [{ id: 'd1', name: 'run_command', args: { command: 'echo denied now' } }, { id: 'a1', name: 'run_command', args: { command: 'echo allowed now' } }] },
      { text: 'One refused, one asked.' },
    );
    const task = await world.createTask('Repo rules', 'Go');
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 'd1')).toMatchObject({ decision: 'deny', rule: 'Bash(echo denied *)', source: 'repo-claude' });
    expect(await world.waitForEvent(task.id, 'approval_request', (event) => event.callId === 'a1')).toMatchObject({ rule: 'ask mode' });
    expectOk(world.services.agents.decide(task.id, 'a1', false, 'not yet'));
    await world.waitForStatus(task.id, 'done');

    const shown = expectOk(await world.services.permissions.overview(world.project.id)).sources.find((source) => source.id === 'repo-claude')!;
    expect(shown).toMatchObject({ exists: true, needsTrust: true, trusted: false, rules: { allow: ['Bash(echo allowed *)'] } });
    expect(await world.services.permissions.trustFile(world.project.id, 'repo-claude', '0'.repeat(64))).toMatchObject({ ok: false, error: { code: 'FILE_CHANGED' } });
    expectOk(await world.services.permissions.trustFile(world.project.id, 'repo-claude', shown.contentHash!));
    world.server.enqueue({ toolCalls: [{ id: 'a2', name: 'run_command', args: { command: 'echo allowed now' } }] }, { text: 'Allowed.' });
    expectOk(await world.services.agents.send(task.id, 'Again'));
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 'a2')).toMatchObject({ decision: 'allow', source: 'repo-claude' });
  });

  it.skipIf(!sandboxHere)('full auto runs unmatched commands without asking, inside the sandbox; the hard-deny list still holds', async () => {
    const world = await agentWorld({ implementMode: null });
    const outside = mkdtempSync('/var/tmp/braid-full-auto-');
    onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
    world.server.enqueue(
      {
        toolCalls: [
          { id: 'f1', name: 'run_command', args: { command: `echo inside > made.txt && echo outside > ${join(outside, 'escaped.txt')}` } },
          { id: 'f2', name: 'run_command', args: { command: 'sudo true' } },
        ],
      },
      { text: 'Done.' },
    );
    const task = await world.createTask('Auto', '');
    expectOk(await world.services.permissions.setTaskMode(task.id, 'fullAuto'));
    expectOk(await world.services.agents.send(task.id, 'Go'));
    await world.waitForStatus(task.id, 'done');
    const events = world.timeline(task.id);
    expect(events.filter((event) => event.kind === 'approval_request')).toEqual([]);
    expect(events.find((event) => event.kind === 'permission' && event.callId === 'f1')).toMatchObject({ decision: 'allow', rule: 'full auto mode + full auto in the sandbox' });
    expect(events.find((event) => event.kind === 'tool_result' && event.callId === 'f1')).toMatchObject({ isError: true, text: expect.stringContaining('Read-only file system') });
    expect(readFileSync(join(task.workspace.path, 'made.txt'), 'utf8')).toBe('inside\n');
    expect(existsSync(join(outside, 'escaped.txt'))).toBe(false);
    expect(events.find((event) => event.kind === 'permission' && event.callId === 'f2')).toMatchObject({ decision: 'deny', rule: 'hard deny: privilege', source: 'built-in' });
  });
});

describe('full auto where commands cannot be sandboxed', () => {
  it('says so and is refused until the user confirms once for the project', async () => {
    const store = storeWithTask(tempFolder('braid-permissions-store-'));
    onTestFinished(() => store.close());
    const task = store.tasks.get('task000001')!;
    const permissions = createPermissionService({
      settings: store.settings,
      projects: store.projects,
      tasks: store.tasks,
      isolation: Promise.resolve(processGroupIsolation('tested without isolation', 'linux')),
      home: '/nonexistent-home',
      notifyTaskChanged: () => undefined,
    });
    const refused = await permissions.setTaskMode(task.id, 'fullAuto');
    expect(refused).toMatchObject({ ok: false, error: { code: 'SANDBOX_UNAVAILABLE', message: expect.stringContaining('cannot be sandboxed on this machine') } });
    expect(store.tasks.get(task.id)?.agent.permissionMode).toBeNull();
    expect(await permissions.setProjectDefaults(task.projectId, { defaultMode: 'fullAuto' })).toMatchObject({ ok: false, error: { code: 'SANDBOX_UNAVAILABLE' } });

    expectOk(await permissions.confirmUnsandboxed(task.projectId));
    expect(expectOk(await permissions.setTaskMode(task.id, 'fullAuto')).mode).toEqual({ mode: 'fullAuto', origin: 'task', from: 'this task' });
    // Unsandboxed, what no rule approves still asks in full auto.
    const explained = expectOk(await permissions.explain({ projectId: task.projectId, taskId: task.id, command: 'echo $(date) > /tmp/x' }));
    expect(explained).toMatchObject({ decision: 'ask', rule: 'never approved by a rule', sandboxed: false });
    expect(permissions.confinementFor(task.id)).toBeNull();
  });
});
