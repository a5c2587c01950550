import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/contract';
import type { Services } from '../index';
import { agentWorld } from '../testing/agent-fixture';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

/** A task's entries, oldest first, as the Audit panel reads them. */
function entriesOf(services: Services, projectId: string, taskId: string): AuditEntry[] {
  return expectOk(services.audit.list({ projectId, taskId, limit: 500 })).entries.reverse();
}

/** sha256 of the arguments' canonical JSON, written independently of Braid's own code. */
function digestOf(args: unknown): string {
  return createHash('sha256').update(sortedJson(args)).digest('hex');
}

/** Keys sorted at every depth; enough for the plain values these tests use. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}

describe('the audit trail of a task', () => {
  it('records a command the user approved: requested by the rule, approved by the user, then the call with its outcome and duration', async () => {
    const world = await agentWorld({ implementMode: null });
    const args = { command: 'echo audited' };
    world.server.enqueue({ text: 'Running it.', toolCalls: [{ id: 'cmd1', name: 'run_command', args }] }, { text: 'Done.' });
    const task = await world.createTask('Command', 'Run a command');
    await world.waitForEvent(task.id, 'approval_request');
    expectOk(world.services.agents.decide(task.id, 'cmd1', true, null));
    await world.waitForStatus(task.id, 'done');

    const entries = entriesOf(world.services, world.project.id, task.id);
    expect(entries.map((entry) => `${entry.type} by ${entry.actor}`)).toEqual([
      'task.created by user',
      'run.started by user',
      'approval.requested by rule:ask mode',
      'approval.decided by user',
      'tool.call by agent',
      'run.finished by agent',
    ]);
    const [created, , requested, decided, call] = entries;
    expect(created?.payload).toMatchObject({ title: 'Command', role: 'implement', prompt: 'Run a command', baseBranch: 'main' });
    expect(requested?.payload).toMatchObject({ callId: 'cmd1', tool: 'run_command', argsDigest: digestOf(args), rule: 'ask mode', source: null });
    expect(decided?.payload).toMatchObject({ callId: 'cmd1', tool: 'run_command', approved: true });
    expect(call?.payload).toMatchObject({ callId: 'cmd1', name: 'run_command', argsDigest: digestOf(args), outcome: 'ok', durationMs: expect.any(Number) });
    // The arguments themselves are not in the trail, only their digest.
    expect(JSON.stringify(entries)).not.toContain('echo audited');
    expect(expectOk(world.services.audit.verify(world.project.id))).toMatchObject({ ok: true, entries: entries.length });
  });

  it('records the permission rule that allowed or refused each call', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      {
        toolCalls: [
          { id: 'read1', name: 'read_file', args: { path: 'README.md' } },
          { id: 'write1', name: 'write_file', args: { path: 'plan.md', content: 'no' } },
        ],
      },
      { text: 'I may only read.' },
    );
    const task = await world.createTask('Plan', 'Plan it', 'plan');
    await world.waitForStatus(task.id, 'done');

    const calls = entriesOf(world.services, world.project.id, task.id).filter((entry) => entry.type === 'approval.decided' || entry.type === 'tool.call');
    expect(calls.map((entry) => [entry.type, entry.actor, entry.payload.approved ?? entry.payload.outcome])).toEqual([
      ['approval.decided', 'rule:read tools allowed', true],
      ['tool.call', 'agent', 'ok'],
      ['approval.decided', 'rule:tools of the plan role', false],
      ['tool.call', 'agent', 'denied'],
    ]);
    expect(calls[2]?.payload).toMatchObject({ tool: 'write_file', rule: 'tools of the plan role', reason: expect.stringContaining('write_file is not available to a planning task') });
  });

  it('records a run cut by shutdown as interrupted, and the chain carries on after the restart', async () => {
    const first = await agentWorld();
    first.server.enqueue({ text: 'Thinking', fault: { kind: 'hang' } });
    const task = await first.createTask('Long', 'Take your time');
    await first.waitForStatus(task.id, 'running');
    await first.services.close();

    const again = await agentWorld({ dataDir: first.dataDir, server: first.server, repo: first.repo });
    expectOk(await again.services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    const entries = entriesOf(again.services, again.project.id, task.id);
    expect(entries.map((entry) => entry.type)).toEqual(['task.created', 'run.started', 'run.interrupted', 'task.deleted']);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(expectOk(again.services.audit.verify(again.project.id))).toMatchObject({ ok: true, entries: 4 });
  });
});

describe('the audit trail of a merge', () => {
  it('records the merge with its target before and after, the archive, and another task’s deletion; exports re-verify independently', async () => {
    const { services } = makeServices();
    const project = await addRepository(services);
    const feature = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Feature', prompt: '', role: 'implement' })).settled;
    const scratch = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Scratch', prompt: '', role: 'implement' })).settled;
    writeFileSync(join(feature.workspace.path, 'feature.txt'), 'new\n');
    const before = git(project.repo, 'rev-parse', 'main');
    const merged = expectOk(await services.merges.run({ taskId: feature.id, strategy: 'squash', includeUncommitted: true }));
    const after = git(project.repo, 'rev-parse', 'main');
    expect(merged.status).toBe('merged');
    expectOk(await services.merges.archive(feature.id, false));
    expectOk(await services.tasks.delete({ taskId: scratch.id, force: false, keepBranch: false }));

    const ofFeature = entriesOf(services, project.id, feature.id);
    expect(ofFeature.map((entry) => entry.type)).toEqual(['task.created', 'merge.landed', 'workspace.archived']);
    expect(ofFeature[1]).toMatchObject({ actor: 'user', payload: { strategy: 'squash', selective: false, targetBranch: 'main', targetBefore: before, targetAfter: after, files: ['feature.txt'] } });
    expect(ofFeature[2]?.payload).toMatchObject({ title: 'Feature', branch: feature.workspace.branch, branchDeleted: true });
    expect(entriesOf(services, project.id, scratch.id).map((entry) => entry.type)).toEqual(['task.created', 'task.deleted']);

    // JSONL: every line recomputed here, without Braid's code, links to the one before.
    const jsonl = expectOk(services.audit.export({ projectId: project.id, format: 'jsonl' }));
    expect(jsonl.fileName).toMatch(/^braid-audit-app-project-\d{8}-\d{6}\.jsonl$/);
    const lines = jsonl.content.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    expect(lines.map((line) => line.type)).toEqual(['task.created', 'task.created', 'merge.landed', 'workspace.archived', 'task.deleted']);
    let previous = '0'.repeat(64);
    for (const [index, line] of lines.entries()) {
      const { prevHash, hash, ...content } = line;
      expect(line.seq).toBe(index + 1);
      expect(prevHash).toBe(previous);
      expect(createHash('sha256').update(`${prevHash}\n${sortedJson(content)}`).digest('hex')).toBe(hash);
      previous = hash;
    }

    const markdown = expectOk(services.audit.export({ projectId: project.id, taskId: feature.id, format: 'markdown' }));
    expect(markdown.fileName).toMatch(/^braid-audit-app-task-feature-\d{8}-\d{6}\.md$/);
    expect(markdown.content).toContain('# Audit trail: app');
    expect(markdown.content).toContain('Scope: task “Feature”');
    expect(markdown.content).toContain('Chain of the project: **verified**, 5 entries intact');
    expect(markdown.content).toContain(`| user | merge.landed | Merged (squash) into main: ${before.slice(0, 7)} → ${after.slice(0, 7)}; 1 file: feature.txt |`);
    expect(markdown.content).not.toContain('Scratch');
  });
});
