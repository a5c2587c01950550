import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { commandsFixture } from './commands.fixture';

type Body = { model?: string; messages: { role: string; content: unknown }[] };

const lastUserText = (body: Body): string => JSON.stringify(body.messages.filter((message) => message.role === 'user').at(-1));

async function commandsWorld(implementMode: 'acceptEdits' | null = 'acceptEdits') {
  const fixture = commandsFixture();
  return agentWorld({ repo: fixture.repo, home: fixture.home, implementMode });
}

describe('slash commands: what a task offers', () => {
  it('lists built-ins, project and user files (project wins, sub-folders as namespaces, skills) with their problems', async () => {
    const world = await commandsWorld();
    const task = await world.createTask('Commands', '');
    const listed = expectOk(await world.services.slashCommands.list({ taskId: task.id }));
    const byName = new Map(listed.commands.map((command) => [command.name, command]));
    expect(listed.commands.slice(0, 3).map((command) => command.name)).toEqual(['plan', 'implement', 'review']);
    expect(byName.get('frontend:component')).toMatchObject({ source: 'project', origin: '.claude/commands/frontend/component.md', argumentHint: '<Name>' });
    // The byte-order mark and CRLF do not hide the frontmatter; a rule that does not parse is left out and named.
    expect(byName.get('review-file')).toMatchObject({ description: 'Review one file', argumentHint: '<file> [focus]', allowedTools: ['Read'] });
    expect(byName.get('greet')).toMatchObject({ source: 'project', description: 'Project greeting' });
    expect(byName.get('mine')).toMatchObject({ source: 'user', origin: '~/.claude/commands/mine.md' });
    expect(byName.get('ship')).toMatchObject({ source: 'project', origin: '.braid/commands/ship.md', description: 'Ship the release' });
    expect(byName.get('deploy')).toMatchObject({ source: 'project', origin: '.claude/skills/deploy/SKILL.md', description: 'Deploy to staging' });
    expect(byName.get('fast')).toMatchObject({ model: 'openai:gpt-4o' });
    expect(byName.get('help')).toMatchObject({ source: 'built-in' });
    const problems = listed.problems.map((problem) => `${problem.file}: ${problem.message}`);
    expect(problems).toContain('~/.claude/commands/greet.md: /greet is also defined by .claude/commands/greet.md, which wins');
    expect(problems).toContain(".claude/commands/help.md: /help is one of Braid's built-in commands, which wins");
    expect(problems.some((problem) => problem.startsWith('.claude/commands/review-file.md: allowed-tools:'))).toBe(true);

    // The new-task prompt offers the project's and the user's commands, not the built-ins.
    const forProject = expectOk(await world.services.slashCommands.list({ projectId: world.project.id }));
    expect(forProject.commands.map((command) => command.name)).not.toContain('plan');
    expect(forProject.commands.map((command) => command.name)).toContain('frontend:component');
  });
});

describe('slash commands: running them', () => {
  it('sends the expanded prompt (arguments, positions, an included file) to the model, and records the command with it', async () => {
    const world = await commandsWorld();
    world.server.enqueue({ text: 'Reviewed.' });
    const task = await world.createTask('Review', '');
    expect(expectOk(await world.services.slashCommands.run(task.id, '/review-file src/app.ts "error handling"'))).toMatchObject({ delivery: 'started' });
    await world.waitForStatus(task.id, 'done');
    const sent = lastUserText(world.server.requests[0]!.body as Body);
    expect(sent).toContain('Review src/app.ts with a focus on error handling.');
    expect(sent).toContain('Everything typed: src/app.ts \\"error handling\\"');
    expect(sent).toContain('Context: src/notes.txt');
    expect(sent).toContain('<file path=\\"src/notes.txt\\">\\nNOTES-CONTENT: the cache is per user.\\n</file>');
    const message = world.timeline(task.id).find((event) => event.kind === 'user_message');
    expect(message).toMatchObject({ command: { name: 'review-file', arguments: 'src/app.ts "error handling"', source: 'project', allowedTools: ['Read'] } });
  });

  it('refuses an unknown command and an include outside the worktree, sending nothing', async () => {
    const world = await commandsWorld();
    const task = await world.createTask('Refusals', '');
    expect(await world.services.slashCommands.run(task.id, '/nope now')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('/nope') } });
    expect(await world.services.slashCommands.run(task.id, '/show @../../../etc/passwd')).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT', message: expect.stringContaining('Nothing was sent') } });
    expect(await world.services.slashCommands.run(task.id, '/show @/etc/hostname.txt')).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await world.services.slashCommands.run(task.id, '/show @missing.md')).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FOUND' } });
    expect(world.server.requests).toHaveLength(0);
    expect(world.timeline(task.id).filter((event) => event.kind === 'user_message')).toHaveLength(0);
  });

  it('pre-approves a command’s allowed tools for its own turn only', async () => {
    const world = await commandsWorld(null);
    world.server.enqueue(
      { toolCalls: [{ id: 's1', name: 'run_command', args: { command: 'git status --short' } }] },
      { text: 'Clean.' },
      { toolCalls: [{ id: 's2', name: 'run_command', args: { command: 'git status --short' } }] },
      { text: 'Asked this time.' },
    );
    const task = await world.createTask('Status', '');
    expectOk(await world.services.slashCommands.run(task.id, '/status'));
    expect(await world.waitForEvent(task.id, 'permission', (event) => event.callId === 's1')).toMatchObject({ decision: 'allow', rule: 'Bash(git status *)', source: 'turn' });
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.slashCommands.run(task.id, '//status again, please'));
    expect(await world.waitForEvent(task.id, 'approval_request', (event) => event.callId === 's2')).toMatchObject({ rule: 'ask mode' });
    expect(lastUserText(world.server.requests[2]!.body as Body)).toContain('/status again, please');
  });

  it('a command refused before its turn starts (its model is not set up) pre-approves nothing later', async () => {
    const world = await commandsWorld(null);
    world.server.enqueue({ toolCalls: [{ id: 'g1', name: 'run_command', args: { command: 'git status --short' } }] }, { text: 'Asked.' });
    const task = await world.createTask('Refused turn', '');
    expect(await world.services.slashCommands.run(task.id, '/status-on-claude')).toMatchObject({ ok: false, error: { message: expect.stringContaining('ANTHROPIC_API_KEY') } });
    expectOk(await world.services.slashCommands.run(task.id, '//check the status'));
    expect(await world.waitForEvent(task.id, 'approval_request', (event) => event.callId === 'g1')).toMatchObject({ rule: 'ask mode' });
  });

  it('runs the turn on the command’s model; the next turn is back on the task’s', async () => {
    const world = await commandsWorld();
    world.server.enqueue({ text: 'Fast.' }, { text: 'Normal.' });
    const task = await world.createTask('Models', '');
    expectOk(await world.services.slashCommands.run(task.id, '/fast what is 2+2'));
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.slashCommands.run(task.id, '//plain again'));
    await world.waitForStatus(task.id, 'done');
    await world.server.waitForRequests(2);
    expect(world.server.requests.map((request) => (request.body as Body).model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('/clear: later turns do not see earlier messages, which stay in the timeline', async () => {
    const world = await commandsWorld();
    world.server.enqueue({ text: 'EARLY-ANSWER' }, { text: 'Fresh.' });
    const task = await world.createTask('Clear', 'EARLY-QUESTION');
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.slashCommands.run(task.id, '/clear'));
    expectOk(await world.services.slashCommands.run(task.id, '//later question'));
    await world.waitForStatus(task.id, 'done');
    await world.server.waitForRequests(2);
    const after = JSON.stringify(world.server.requests[1]!.body);
    expect(after).toContain('later question');
    expect(after).not.toContain('EARLY-QUESTION');
    expect(after).not.toContain('EARLY-ANSWER');
    const kinds = world.timeline(task.id).map((event) => event.kind);
    expect(kinds.indexOf('context_cleared')).toBeGreaterThan(kinds.indexOf('assistant_text'));
    expect(world.timeline(task.id).some((event) => event.kind === 'user_message' && event.text === 'EARLY-QUESTION')).toBe(true);
  });

  it('built-ins act and print into the timeline, never to the model', async () => {
    const world = await commandsWorld();
    const task = await world.createTask('Built-ins', '');
    const output = (name: string) => world.timeline(task.id).findLast((event) => event.kind === 'command_output' && event.name === name);

    expectOk(await world.services.slashCommands.run(task.id, '/help'));
    expect(output('help')).toMatchObject({ text: expect.stringContaining('`/frontend:component <Name>` — Create a React component') });
    expectOk(await world.services.slashCommands.run(task.id, '/cost'));
    expect(output('cost')).toMatchObject({ text: expect.stringContaining('Tokens: 0 in') });
    expect(expectOk(await world.services.slashCommands.run(task.id, '/mode plan'))).toMatchObject({ notice: 'Mode set to Plan (read-only)' });
    expect(world.task(task.id).agent.mode).toMatchObject({ mode: 'plan', origin: 'task' });
    expect(await world.services.slashCommands.run(task.id, '/mode sideways')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expectOk(await world.services.slashCommands.run(task.id, '/model openai:gpt-4o'));
    expect(world.task(task.id).agent.model).toBe('openai:gpt-4o');
    expectOk(await world.services.slashCommands.run(task.id, '/agents'));
    expect(output('agents')).toMatchObject({ text: expect.stringContaining('**reviewer** — Reviews diffs (.claude/agents/reviewer.md; Read, Grep)') });
    // Nothing changed in the workspace yet: the review role refuses, in its own words.
    expect(await world.services.slashCommands.run(task.id, '/review')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('nothing to review') } });

    expectOk(await world.services.slashCommands.run(task.id, '/plan Add a cache to the user lookup'));
    const planned = output('plan');
    expect(planned).toMatchObject({ tasks: [{ title: 'Add a cache to the user lookup' }] });
    const planTask = world.task(planned!.kind === 'command_output' ? planned!.tasks[0]!.taskId : '');
    expect(planTask).toMatchObject({ role: 'plan', prompt: 'Add a cache to the user lookup' });
    expect(world.server.requests).toHaveLength(0);
  });

  it('/review starts a review task on this task’s workspace and links it in the timeline', async () => {
    const world = await commandsWorld();
    world.server.enqueue({ text: 'Looking at it.' });
    const task = await world.createTask('Reviewed', '');
    writeFileSync(join(task.workspace.path, 'feature.txt'), 'new work\n');
    const started = expectOk(await world.services.slashCommands.run(task.id, '/review'));
    expect(started).toMatchObject({ notice: expect.stringContaining('Started review task') });
    const printed = world.timeline(task.id).findLast((event) => event.kind === 'command_output' && event.name === 'review');
    const reviewTaskId = printed?.kind === 'command_output' ? printed.tasks[0]?.taskId : undefined;
    expect(world.task(reviewTaskId ?? '')).toMatchObject({ role: 'review', reviewedTaskId: task.id, workspace: { path: task.workspace.path } });
    expect(await world.services.slashCommands.run(task.id, '/review now')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a new task’s prompt may start with a command (expanded when the agent starts); an unknown one creates nothing', async () => {
    const world = await commandsWorld();
    world.server.enqueue({ text: 'Component made.' });
    const task = await world.createTask('Component', '/frontend:component Button');
    await world.waitForStatus(task.id, 'done');
    expect(lastUserText(world.server.requests[0]!.body as Body)).toContain('Create the component Button in src/ui.');
    expect(world.timeline(task.id).find((event) => event.kind === 'user_message')).toMatchObject({ command: { name: 'frontend:component', arguments: 'Button' } });

    const before = expectOk(world.services.tasks.list(world.project.id)).length;
    expect(await world.services.tasks.create({ projectId: world.project.id, title: 'Unknown', prompt: '/nope x', role: 'implement' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await world.services.tasks.create({ projectId: world.project.id, title: 'Built-in', prompt: '/cost', role: 'implement' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(expectOk(world.services.tasks.list(world.project.id))).toHaveLength(before);
  });

  it('offers MCP prompts as /mcp__<server>__<prompt> and sends the prompt the server returns', async () => {
    const world = await commandsWorld();
    const fixture = resolve(import.meta.dirname, '../../testing/mcp-fixture-server.mjs');
    const startsFile = join(world.home, 'fixture.starts');
    const starts = () => readFileSync(startsFile, 'utf8').split('\n').filter(Boolean).length;
    expectOk(world.services.mcp.catalog.addAppServer({ name: 'fixture', command: process.execPath, args: [fixture, '--starts-file', startsFile] }));
    world.server.enqueue({ text: 'Greeted.' });
    const task = await world.createTask('MCP prompt', '');
    const listed = expectOk(await world.services.slashCommands.list({ taskId: task.id }));
    expect(listed.commands.find((command) => command.name === 'mcp__fixture__greet')).toMatchObject({ source: 'mcp', argumentHint: '<name>', description: 'Greets someone by name.' });
    // Opening the menu again asks no new server process for the list.
    expect(expectOk(await world.services.slashCommands.list({ taskId: task.id })).commands.map((command) => command.name)).toContain('mcp__fixture__greet');
    expect(starts()).toBe(1);
    expect(await world.services.slashCommands.run(task.id, '/mcp__fixture__greet')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('needs name') } });
    expectOk(await world.services.slashCommands.run(task.id, '/mcp__fixture__greet Ada Lovelace'));
    await world.waitForStatus(task.id, 'done');
    expect(lastUserText(world.server.requests[0]!.body as Body)).toContain('Hello, Ada Lovelace!');
  });
});
