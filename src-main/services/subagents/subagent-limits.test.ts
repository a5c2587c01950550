import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { agentMarkdown, requestFacts, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { allTasks, resultOf } from './subagent-world.fixture';


describe('what a subagent may do (scripted model)', () => {
  it('a tool outside its list is refused (and never offered); its answer still comes back', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'reader.md', agentMarkdown({ name: 'reader', description: 'Reads only', tools: 'Read, Grep' }, 'Only read.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'reader', prompt: 'Write notes.md' } }] }, { text: 'ok' }],
      reader: [{ toolCalls: [{ id: 'w1', name: 'write_file', args: { path: 'notes.md', content: 'x' } }] }, { text: 'I may not write files.' }],
    });
    const parent = await world.createTask('Notes', 'Get notes written');
    await world.waitForStatus(parent.id, 'done');

    const reader = allTasks(world).find((task) => task.subagent?.agent === 'reader')!;
    expect(resultOf(world.timeline(reader.id), 'w1')).toMatchObject({
      isError: true,
      text: 'Permission denied: write_file is not one of the tools of the subagent reader (Project (.claude/agents)), which are: read_file, list_dir, git_status, git_diff, grep.',
    });
    expect(existsSync(join(parent.workspace.path, 'notes.md'))).toBe(false);
    expect(requestFacts(world.server.requests.find((request) => requestFacts(request).agent === 'reader')!).tools).not.toContain('write_file');
    expect(resultOf(world.timeline(parent.id), 'd1')).toMatchObject({ isError: false, text: 'I may not write files.' });
    // The refusal is in the audit trail, naming the subagent's list as the rule.
    const entries = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: reader.id, limit: 100 })).entries;
    expect(entries.find((entry) => entry.type === 'approval.decided')).toMatchObject({ actor: 'rule:tools of subagent reader', payload: { tool: 'write_file', approved: false } });
  });

  it('subagents nest at most 3 deep: the third level is refused delegate with a clear reason, and the answers come back up', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'nester.md', agentMarkdown({ name: 'nester', description: 'Delegates further' }, 'Delegate to nester once.'));
    const levelOf = (message: string) => Number(/level (\d)/.exec(message)?.[1] ?? 0);
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd0', name: 'delegate', args: { agent: 'nester', prompt: 'level 1' } }] }, { text: 'top done' }],
      nester: (facts) => {
        const level = levelOf(facts.firstUserMessage);
        if (facts.turn === 0) return { toolCalls: [{ id: `d${level}`, name: 'delegate', args: { agent: 'nester', prompt: `level ${level + 1}` } }] };
        return { text: `answer from level ${level}` };
      },
    });
    const parent = await world.createTask('Nest', 'Go deep');
    await world.waitForStatus(parent.id, 'done');

    const nesters = allTasks(world).filter((task) => task.subagent);
    expect(nesters.map((task) => [task.subagent!.depth, task.prompt, task.agent.status])).toEqual([
      [1, 'level 1', 'done'],
      [2, 'level 2', 'done'],
      [3, 'level 3', 'done'],
    ]);
    expect(nesters[1]!.parentTaskId).toBe(nesters[0]!.id);
    expect(nesters[2]!.parentTaskId).toBe(nesters[1]!.id);
    const deepest = nesters[2]!;
    expect(resultOf(world.timeline(deepest.id), 'd3')).toMatchObject({
      isError: true,
      text: 'Permission denied: delegate is not available here: subagents nest at most 3 deep, and this one is at depth 3. Do the work yourself with your other tools.',
    });
    const deepestRequest = world.server.requests.map(requestFacts).find((facts) => facts.agent === 'nester' && facts.firstUserMessage === 'level 3')!;
    expect(deepestRequest.tools).not.toContain('delegate');
    expect(resultOf(world.timeline(nesters[1]!.id), 'd2')?.text).toBe('answer from level 3');
    expect(resultOf(world.timeline(parent.id), 'd0')?.text).toBe('answer from level 1');
  });

  it('maxTurns limits its steps: at the limit it stops and the parent is told, with its last words', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'brief.md', agentMarkdown({ name: 'brief', description: 'Short', maxTurns: 2 }, 'Be quick.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'brief', prompt: 'Read everything' } }] }, { text: 'ok' }],
      brief: (facts) => ({ text: `Reading, step ${facts.turn + 1}.`, toolCalls: [{ id: `r${facts.turn}`, name: 'read_file', args: { path: 'README.md' } }] }),
    });
    const parent = await world.createTask('Limit', 'Delegate');
    await world.waitForStatus(parent.id, 'done');

    const brief = allTasks(world).find((task) => task.subagent?.agent === 'brief')!;
    expect(brief.agent).toMatchObject({ status: 'paused', stepCount: 2, limits: { maxSteps: 2 } });
    expect(world.server.requests.map(requestFacts).filter((facts) => facts.agent === 'brief')).toHaveLength(2);
    expect(resultOf(world.timeline(parent.id), 'd1')).toMatchObject({
      isError: true,
      text: `The subagent brief reached its turn limit (maxTurns 2) before it finished. Its task "brief: Read everything" keeps everything it did. Its last message:\n\nReading, step 2.`,
    });
  });

  it('its usage and cost roll up into every task above it', async () => {
    const world = await agentWorld();
    writeAgentFile(world.repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Helps' }, 'Help.'));
    writeAgentFile(world.repo, 'leaf.md', agentMarkdown({ name: 'leaf', description: 'Leaf' }, 'Answer.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'help' } }], usage: { input: 1000, output: 100 } }, { text: 'done', usage: { input: 1200, output: 10 } }],
      helper: [{ toolCalls: [{ id: 'd2', name: 'delegate', args: { agent: 'leaf', prompt: 'leaf' } }], usage: { input: 300, output: 30, cached: 100 } }, { text: 'helped', usage: { input: 400, output: 5 } }],
      leaf: [{ text: 'leaf answer', usage: { input: 50, output: 7 } }],
    });
    const parent = await world.createTask('Usage', 'Delegate');
    await world.waitForStatus(parent.id, 'done');

    const helper = allTasks(world).find((task) => task.subagent?.agent === 'helper')!;
    const leaf = allTasks(world).find((task) => task.subagent?.agent === 'leaf')!;
    expect(leaf.agent.usage).toMatchObject({ inputTokens: 50, outputTokens: 7 });
    expect(leaf.agent.subagentUsage).toBeNull();
    expect(helper.agent.usage).toMatchObject({ inputTokens: 750, outputTokens: 42, cachedTokens: 100 });
    expect(helper.agent.subagentUsage).toMatchObject({ inputTokens: 50, outputTokens: 7, cachedTokens: 0 });
    const top = world.task(parent.id).agent;
    expect(top.usage).toMatchObject({ inputTokens: 2950, outputTokens: 152, cachedTokens: 100 });
    expect(top.subagentUsage).toMatchObject({ inputTokens: 750, outputTokens: 42, cachedTokens: 100 });
    // gpt-4o-mini has a price: the parent's cost is what its own steps cost plus the helper's (the leaf's included).
    const ownCost = world.timeline(parent.id).reduce((sum, event) => sum + (event.kind === 'usage' ? (event.costUsd ?? 0) : 0), 0);
    expect(ownCost).toBeGreaterThan(0);
    expect(helper.agent.usage.costUsd).toBeGreaterThan(leaf.agent.usage.costUsd!);
    expect(top.subagentUsage!.costUsd).toBeCloseTo(helper.agent.usage.costUsd!, 12);
    expect(top.usage.costUsd).toBeCloseTo(ownCost + helper.agent.usage.costUsd!, 12);
    expect(top.stepCount).toBe(2);
  });
});
