import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createRepo } from '../../testing/git-fixtures';
import { startScriptedModelServer } from '../../testing/scripted-model-server';
import { agentWorld } from '../testing/agent-fixture';
import { crashHostAt } from '../testing/crashed-host';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { agentMarkdown, requestFacts, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { allTasks, resultOf, waitLong } from './subagent-world.fixture';


describe('subagents across rules, restarts and deletes (scripted model)', () => {
  it('Agent(name) rules apply to delegate calls: a denied agent never starts', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'deployer.md', agentMarkdown({ name: 'deployer', description: 'Deploys' }, 'Deploy.'));
    expectOk(await world.services.permissions.saveRules('app', null, { allow: [], ask: [], deny: ['Agent(deployer)'] }));
    scriptAgents(world.server, { parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'deployer', prompt: 'Ship it' } }] }, { text: 'Not allowed.' }] });
    const parent = await world.createTask('Deploy', 'Deploy');
    await world.waitForStatus(parent.id, 'done');
    expect(world.timeline(parent.id).find((event) => event.kind === 'permission')).toMatchObject({ callId: 'd1', decision: 'deny', rule: 'Agent(deployer)', source: 'app' });
    expect(resultOf(world.timeline(parent.id), 'd1')).toMatchObject({ isError: true, text: expect.stringContaining('Permission denied (Agent(deployer))') });
    expect(allTasks(world)).toHaveLength(1);
  });

  it('a subagent is never looser than its parent, unless an allow rule of the user names it', async () => {
    const world = await agentWorld({ implementMode: null });
    writeAgentFile(world.repo, 'editor.md', agentMarkdown({ name: 'editor', description: 'Edits', permissionMode: 'acceptEdits' }, 'Edit.'));
    writeAgentFile(world.repo, 'careful.md', agentMarkdown({ name: 'careful', description: 'Reads', permissionMode: 'plan' }, 'Read.'));
    scriptAgents(world.server, {
      parent: [
        { toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'editor', prompt: 'one' } }, { id: 'd2', name: 'delegate', args: { agent: 'careful', prompt: 'two' } }] },
        { text: 'ok' },
        { toolCalls: [{ id: 'd3', name: 'delegate', args: { agent: 'editor', prompt: 'three' } }] },
        { text: 'ok' },
      ],
      editor: [{ text: 'edited one' }, { text: 'edited three' }],
      careful: [{ text: 'read two' }],
    });
    const parent = await world.createTask('Modes', 'Delegate');
    // Braid's default mode is ask; delegating is allowed by default (the subagent's own calls are checked).
    await world.waitForStatus(parent.id, 'done');
    const modeOf = (prompt: string) => allTasks(world).find((task) => task.prompt === prompt)!.agent.mode;
    expect(modeOf('one')).toMatchObject({ mode: 'ask', origin: 'task' });
    expect(modeOf('two')).toMatchObject({ mode: 'plan', origin: 'task' });
    expect(resultOf(world.timeline(parent.id), 'd1')?.text).toBe(
      'edited one\n\n(Braid: editor asks for Accept edits but runs in Ask, its parent\'s mode: a subagent is never looser than its parent unless one of your allow rules names it (Agent(<name>)).)',
    );

    expectOk(await world.services.permissions.saveRules('project', world.project.id, { allow: ['Agent(editor)'], ask: [], deny: [] }));
    expectOk(await world.services.agents.send(parent.id, 'Again'));
    await world.waitForEvent(parent.id, 'tool_result', (event) => event.callId === 'd3');
    await world.waitForStatus(parent.id, 'done');
    expect(modeOf('three')).toMatchObject({ mode: 'acceptEdits', origin: 'task' });
    expect(resultOf(world.timeline(parent.id), 'd3')?.text).toBe('edited three');
  });

  it('the audit trail records each delegation, the subagent’s task made by the agent, and its answer', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Helps', model: 'sonnet' }, 'Help.'));
    scriptAgents(world.server, { parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'Help me' } }] }, { text: 'ok' }], helper: [{ text: 'helped' }] });
    const parent = await world.createTask('Audit', 'Delegate');
    await world.waitForStatus(parent.id, 'done');
    const child = allTasks(world).find((task) => task.parentTaskId === parent.id)!;

    // `sonnet` is a wish: Anthropic is not set up here, so it runs on its parent's model and says so.
    expect(child.agent.model).toBe('openai:gpt-4o-mini');
    expect(resultOf(world.timeline(parent.id), 'd1')?.text).toMatch(/^helped\n\n\(Braid: helper asks for sonnet \(anthropic:claude-sonnet-4-5\), which is not set up here .*; it runs on its parent's model, openai:gpt-4o-mini\.\)$/);
    await vi.waitFor(() => {
      const entries = expectOk(world.services.audit.list({ projectId: world.project.id, limit: 200 })).entries;
      const types = entries.map((entry) => `${entry.type}:${entry.taskId === parent.id ? 'parent' : entry.taskId === child.id ? 'child' : '?'}`);
      expect(types).toEqual(expect.arrayContaining(['subagent.started:parent', 'subagent.finished:parent', 'task.created:child', 'run.finished:child']));
    }, waitLong);
    const entries = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: parent.id, limit: 200 })).entries;
    expect(entries.find((entry) => entry.type === 'subagent.started')).toMatchObject({
      actor: 'agent',
      payload: { callId: 'd1', childTaskId: child.id, agent: 'helper', source: 'project-claude', depth: 1, mode: 'acceptEdits', model: 'openai:gpt-4o-mini' },
    });
    expect(entries.find((entry) => entry.type === 'subagent.finished')).toMatchObject({ payload: { childTaskId: child.id, status: 'done' } });
    const created = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: child.id, limit: 200 })).entries.find((entry) => entry.type === 'task.created');
    expect(created).toMatchObject({ actor: 'agent', payload: { title: 'helper: Help me', prompt: 'Help me' } });
    expect(expectOk(await world.services.audit.verify(world.project.id))).toMatchObject({ ok: true });
  });

  it('after a crash while a subagent works, both are interrupted; resuming the parent tells it the subagent was interrupted', async () => {
    const server = await startScriptedModelServer({ apiKey: 'sk-test' });
    const dataDir = tempFolder('braid-subagent-crash-');
    const repo = createRepo({ path: join(tempFolder('braid-subagent-crash-repo-'), 'app'), files: { 'README.md': '# app\n' } }).path;
    writeAgentFile(repo, 'slow.md', agentMarkdown({ name: 'slow', description: 'Takes long' }, 'Work slowly.'));
    scriptAgents(server, {
      parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'slow', prompt: 'Take your time' } }] }, { text: 'I will finish it myself.' }],
      slow: [{ text: 'Started on it, ', fault: { kind: 'hang' } }],
    });
    const parentId = await crashHostAt({
      dataDir,
      repo,
      baseURL: server.openaiBaseURL,
      protocol: 'openai',
      kind: 'tool_call',
      until: () => vi.waitFor(() => expect(server.requests.map(requestFacts).some((facts) => facts.agent === 'slow')).toBe(true), { timeout: 20_000 }),
    });

    const world = await agentWorld({ dataDir, repo, server });
    const child = allTasks(world).find((task) => task.parentTaskId === parentId)!;
    expect(world.task(parentId).agent.status).toBe('interrupted');
    expect(child.agent.status).toBe('interrupted');
    expect(child.subagent).toMatchObject({ agent: 'slow', depth: 1, callId: 'd1' });

    expectOk(await world.services.agents.resume(parentId));
    await world.waitForStatus(parentId, 'done');
    expect(resultOf(world.timeline(parentId), 'd1')).toMatchObject({
      isError: true,
      text: expect.stringContaining('The subagent slow was interrupted: Braid stopped while it worked, and it was not resumed.'),
    });
    // Nothing was started again: the call already had its subagent.
    expect(allTasks(world).filter((task) => task.parentTaskId === parentId)).toHaveLength(1);
    expect(world.task(child.id).agent.status).toBe('interrupted');
  });

  it('deleting a subagent’s task keeps its parent; deleting the parent deletes its subagents’ tasks (stopped first), then the workspace', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'slow.md', agentMarkdown({ name: 'slow', description: 'Takes long' }, 'Work.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'slow', prompt: 'first' } }, { id: 'd2', name: 'delegate', args: { agent: 'slow', prompt: 'second' } }] }],
      slow: () => ({ text: 'working', fault: { kind: 'hang' } }),
    });
    const parent = await world.createTask('Delete me', 'Delegate');
    const children = () => allTasks(world).filter((task) => task.parentTaskId === parent.id);
    await vi.waitFor(() => expect(children().map((child) => child.agent.status)).toEqual(['running', 'running']), waitLong);
    // The two children are stored in whichever order their delegate calls got there: d1's is `first`.
    const first = children().find((child) => child.subagent?.callId === 'd1');
    const second = children().find((child) => child.subagent?.callId === 'd2');

    expectOk(await world.services.tasks.delete({ taskId: first!.id, force: true, keepBranch: false }));
    expect(allTasks(world).map((task) => task.id)).toEqual([parent.id, second!.id]);
    expect(existsSync(parent.workspace.path)).toBe(true);
    // The parent still waits for the other one; this one's call has its answer.
    expect(world.task(parent.id).agent.status).toBe('running');
    expect(await world.waitForEvent(parent.id, 'tool_result', (event) => event.callId === 'd1')).toMatchObject({ isError: true, text: expect.stringMatching(/stopped before it finished|deleted before it answered/) });

    expectOk(await world.services.tasks.delete({ taskId: parent.id, force: true, keepBranch: false }));
    expect(allTasks(world)).toEqual([]);
    expect(world.recorder.of('tasks.removed').map((removed) => removed.taskId)).toEqual([first!.id, second!.id, parent.id]);
    expect(existsSync(parent.workspace.path)).toBe(false);
    await vi.waitFor(() => expect(world.server.openStreams).toBe(0), waitLong);
  });
});
