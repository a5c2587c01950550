import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

type RequestBody = { messages: { role: string; content: unknown }[]; tools: { function: { name: string } }[] };
const toolNames = (body: unknown) => (body as RequestBody).tools.map((tool) => tool.function.name);

describe('submit_plan', () => {
  it('refuses an invalid plan back to the model with each field and why; the third invalid try in a row fails the task', async () => {
    const world = await agentWorld();
    const plan = samplePlan();
    world.server.enqueue(
      submitPlanTurn({ ...plan, steps: [plan.steps[0], { ...plan.steps[1], dependsOn: ['S9'] }] }),
      submitPlanTurn({ ...plan, acceptanceCriteria: [{ id: 'C1', text: 'It works', verify: '' }] }),
      submitPlanTurn({ ...plan, title: ' ', extra: true }),
    );
    const task = await world.createTask('Plan', 'Plan the navigation', 'plan');
    const failed = await world.waitForStatus(task.id, 'failed');

    // What the model was told after each try names the field and the reason.
    const told = (index: number) => JSON.stringify(world.server.requests[index]?.body);
    expect(told(1)).toContain('steps[1].dependsOn[0]: S9 is not a step of this plan');
    expect(told(1)).toContain('invalid submission 1 of 3');
    expect(told(2)).toContain('acceptanceCriteria[0].id: criterion ids are AC1, AC2, … (AC and a number)');
    expect(told(2)).toContain('acceptanceCriteria[0].verify: must not be empty');
    expect(world.server.requests).toHaveLength(3);
    expect(failed.agent.statusReason).toBe(
      'The model could not produce a valid plan: 3 submissions in a row were invalid. The last one: title: must not be empty; (plan): Unrecognized key: "extra"',
    );
    expect(world.timeline(task.id).find((event) => event.kind === 'error')).toMatchObject({ code: 'INVALID_INPUT', retryable: true });
    expect(expectOk(world.services.plans.list(task.id))).toEqual([]);
  });

  it('two invalid tries are not the end: a valid plan after them is v1', async () => {
    const world = await agentWorld();
    const broken = submitPlanTurn({ ...samplePlan(), steps: [] });
    world.server.enqueue(broken, broken, submitPlanTurn(samplePlan()));
    const task = await world.createTask('Plan', 'Plan the navigation', 'plan');
    const waiting = await world.waitForStatus(task.id, 'plan_review', 'failed');
    expect(waiting.agent.statusReason).toBe('Plan v1 awaits approval');
    expect(JSON.stringify(world.server.requests[1]?.body)).toContain('steps: a plan needs at least one step');
  });

  it('ends the run at once: the calls after it in the same step are not run, and each says so', async () => {
    const world = await agentWorld();
    world.server.enqueue({
      toolCalls: [
        { id: 'read', name: 'read_file', args: { path: 'README.md' } },
        { id: 'submit', name: 'submit_plan', args: samplePlan() },
        { id: 'after', name: 'list_dir', args: {} },
      ],
    });
    const task = await world.createTask('Plan', 'Plan the navigation', 'plan');
    await world.waitForStatus(task.id, 'plan_review');
    const results = world.timeline(task.id).flatMap((event) => (event.kind === 'tool_result' ? [[event.callId, event.isError, event.text]] : []));
    expect(results).toEqual([
      ['read', false, expect.stringContaining('# app')],
      ['submit', false, expect.stringMatching(/^Plan v1 submitted \(2 steps, 2 acceptance criteria\)/)],
      ['after', true, 'Not run: submit_plan ended the run before this call.'],
    ]);
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_status' && event.callId === 'after' && event.status === 'cancelled')).toBeDefined();
    expect(world.server.requests).toHaveLength(1);
  });
});

describe('the tools of a plan task', () => {
  it('are the read-only workspace tools, ask_user and submit_plan; an edit or a command called anyway is refused before anything runs', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      {
        toolCalls: [
          { id: 'write', name: 'write_file', args: { path: 'notes.md', content: 'planned edit' } },
          { id: 'edit', name: 'edit_file', args: { path: 'README.md', old_string: '# app', new_string: '# hacked' } },
          { id: 'run', name: 'run_command', args: { command: 'touch ran.txt' } },
          { id: 'serve', name: 'start_service', args: { command: 'sleep 100' } },
        ],
      },
      submitPlanTurn(samplePlan()),
    );
    const task = await world.createTask('Plan', 'Plan the navigation', 'plan');
    await world.waitForStatus(task.id, 'plan_review');

    expect(toolNames(world.server.requests[0]?.body)).toEqual(['read_file', 'list_dir', 'glob', 'grep', 'git_status', 'git_diff', 'todo_write', 'ask_user', 'submit_plan']);
    const refused = world.timeline(task.id).filter((event) => event.kind === 'tool_result');
    expect(refused).toHaveLength(5);
    for (const result of refused.slice(0, 4)) {
      expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/^Permission denied: \w+ is not available to a planning task/) });
    }
    // Nothing ran and nobody was asked to approve a command.
    expect(world.timeline(task.id).some((event) => event.kind === 'approval_request')).toBe(false);
    expect(existsSync(join(task.workspace.path, 'notes.md'))).toBe(false);
    expect(existsSync(join(task.workspace.path, 'ran.txt'))).toBe(false);
  });

  it('an implement task is offered ask_user but not submit_plan', async () => {
    const world = await agentWorld();
    world.server.enqueue({ toolCalls: [{ id: 'submit', name: 'submit_plan', args: samplePlan() }] }, { text: 'Right, I implement.' });
    const task = await world.createTask('Implement', 'Do it');
    await world.waitForStatus(task.id, 'done');
    const offered = toolNames(world.server.requests[0]?.body);
    expect(offered).toContain('ask_user');
    expect(offered).toContain('write_file');
    expect(offered).not.toContain('submit_plan');
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_result')).toMatchObject({ isError: true, text: 'Permission denied: submit_plan is only available to a plan task.' });
  });
});
