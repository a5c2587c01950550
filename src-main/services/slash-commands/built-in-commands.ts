import { fail, ok, permissionModeLabels, type PermissionMode, type Result, type SlashCommand, type Task } from '../../../src-shared/contract';
import { parseModelRef } from '../models/model-ref';
import { agentsReport, costReport, helpReport, permissionsReport, rulesReport } from './command-reports';
import type { SlashCommandDeps } from './slash-command-deps';

const builtIn = (name: string, description: string, argumentHint: string | null = null): SlashCommand => ({ name, description, argumentHint, source: 'built-in', origin: null, allowedTools: [], model: null });

/** Braid's own commands; a command file of the same name is hidden by them. */
export const builtInCommands: readonly SlashCommand[] = [
  builtIn('plan', 'Start a plan task for a goal in this project', '<goal>'),
  builtIn('implement', 'Implement this plan task’s approved plan, or start an implement task for a goal', '[goal]'),
  builtIn('review', 'Start a review task on this task’s workspace (in a review task: review again)'),
  builtIn('compact', 'Summarise the conversation so far to free the context window'),
  builtIn('clear', 'Start afresh: later turns do not see the messages above (they stay visible)'),
  builtIn('model', 'Show or set this task’s model', '[provider:model | default]'),
  builtIn('mode', 'Show or set this task’s permission mode', '[ask | accept-edits | full-auto | plan | default]'),
  builtIn('cost', 'Tokens and cost of this task so far'),
  builtIn('rules', 'The rules this task was given, and when'),
  builtIn('permissions', 'The permission mode and rules in force for this task'),
  builtIn('agents', 'The subagent definitions of this project and your home'),
  builtIn('help', 'List the commands'),
];

export const builtInNames: ReadonlySet<string> = new Set(builtInCommands.map((command) => command.name));

/** What a built-in did: a line for the composer, and what it prints into the timeline (null: nothing). */
export interface BuiltInOutcome {
  notice: string;
  output: { text: string; tasks: { taskId: string; title: string }[] } | null;
}

const modeWords: Record<string, PermissionMode | null> = {
  ask: 'ask',
  manual: 'ask',
  'accept-edits': 'acceptEdits',
  acceptedits: 'acceptEdits',
  'full-auto': 'fullAuto',
  fullauto: 'fullAuto',
  auto: 'fullAuto',
  bypasspermissions: 'fullAuto',
  plan: 'plan',
  default: null,
};

/** Runs a built-in in `task`; `list` gives the task's commands (for `/help`). */
export async function runBuiltIn(
  deps: SlashCommandDeps,
  task: Task,
  name: string,
  args: string,
  list: () => Promise<{ commands: SlashCommand[]; problems: { file: string; message: string }[] }>,
): Promise<Result<BuiltInOutcome>> {
  const printed = (notice: string, text: string, tasks: { taskId: string; title: string }[] = []): Result<BuiltInOutcome> => ok({ notice, output: { text, tasks } });
  const noArguments = (): Result<never> | null => (args === '' ? null : fail('INVALID_INPUT', `/${name} takes no arguments.`));

  switch (name) {
    case 'plan': {
      if (args === '') return fail('INVALID_INPUT', 'Say what to plan: /plan <goal>.');
      const created = await deps.tasks.create({ projectId: task.projectId, title: titleOf(args), prompt: args, role: 'plan', baseBranch: task.workspace.baseBranch });
      if (!created.ok) return created;
      const { task: planTask } = created.data;
      return printed(`Started plan task “${planTask.title}”`, `Started the plan task **${planTask.title}** for: ${args}`, [{ taskId: planTask.id, title: planTask.title }]);
    }
    case 'implement':
      return implement(deps, task, args, printed);
    case 'review': {
      const refused = noArguments();
      if (refused) return refused;
      if (task.role === 'review') {
        const again = await deps.reviews.reviewAgain(task.id);
        return again.ok ? ok({ notice: 'Reviewing again', output: null }) : again;
      }
      const started = await deps.reviews.start({ taskId: task.id });
      if (!started.ok) return started;
      return printed(`Started review task “${started.data.title}”`, `Started the review task **${started.data.title}** on this workspace.`, [{ taskId: started.data.id, title: started.data.title }]);
    }
    case 'compact': {
      const refused = noArguments();
      if (refused) return refused;
      const compacted = await deps.agents.compactNow(task.id);
      return compacted.ok ? ok({ notice: 'Conversation summarised', output: null }) : compacted;
    }
    case 'clear': {
      const refused = noArguments();
      if (refused) return refused;
      const cleared = deps.agents.clearContext(task.id);
      return cleared.ok ? ok({ notice: 'Context cleared: the agent starts afresh from your next message', output: null }) : cleared;
    }
    case 'model': {
      if (args === '') return printed(`Model: ${task.agent.model ?? 'the role’s default'}`, `This task runs on **${task.agent.model ?? 'the role’s default model'}**.`);
      const ref = args === 'default' ? null : args;
      if (ref !== null) {
        const parsed = parseModelRef(ref);
        if (!parsed.ok) return parsed;
      }
      const set = await deps.agents.setModel(task.id, ref);
      if (!set.ok) return set;
      const shown = set.data.model ?? 'the role’s default';
      return printed(`Model set to ${shown}`, `Model set to **${shown}**.`);
    }
    case 'mode': {
      if (args === '') return printed(`Mode: ${permissionModeLabels[task.agent.mode.mode]}`, `Permission mode: **${permissionModeLabels[task.agent.mode.mode]}** (from ${task.agent.mode.from}).`);
      const word = args.toLowerCase();
      if (!Object.hasOwn(modeWords, word)) return fail('INVALID_INPUT', `"${args}" is not a mode: ask, accept-edits, full-auto, plan, or default (the project's or role's).`);
      const set = await deps.permissions.setTaskMode(task.id, modeWords[word] ?? null);
      if (!set.ok) return set;
      const label = permissionModeLabels[set.data.mode.mode];
      return printed(`Mode set to ${label}`, `Permission mode set to **${label}**${set.data.permissionMode === null ? ` (the default, from ${set.data.mode.from})` : ''}.`);
    }
    case 'cost': {
      const refused = noArguments();
      return refused ?? printed('Cost shown in the conversation', costReport(task));
    }
    case 'rules': {
      const rules = await deps.rules.forTask(task.id);
      return rules.ok ? printed('Rules shown in the conversation', rulesReport(rules.data)) : rules;
    }
    case 'permissions': {
      const overview = await deps.permissions.overview(task.projectId);
      return overview.ok ? printed('Permissions shown in the conversation', permissionsReport(task, overview.data)) : overview;
    }
    case 'agents': {
      const listed = await deps.subagents.definitions(task.projectId);
      if (!listed.ok) return listed;
      const usable = listed.data.definitions.filter((definition) => definition.error === null && definition.shadowedBy === null).length;
      return printed(`${usable} subagent definition${usable === 1 ? '' : 's'}`, agentsReport(listed.data));
    }
    case 'help': {
      const listed = await list();
      return printed('Commands listed in the conversation', helpReport(listed.commands, listed.problems));
    }
    default:
      return fail('UNKNOWN_COMMAND', `There is no built-in command /${name}.`);
  }
}

/** `/implement`: in a plan task, its approved latest version (the gate decides); elsewhere, a new implement task for the goal. */
async function implement(deps: SlashCommandDeps, task: Task, args: string, printed: (notice: string, text: string, tasks: { taskId: string; title: string }[]) => Result<BuiltInOutcome>): Promise<Result<BuiltInOutcome>> {
  if (task.role === 'plan') {
    if (args !== '') return fail('INVALID_INPUT', 'In a plan task, /implement takes no goal: it implements the approved plan (assign steps to tasks from the Plan panel’s “Implement” instead).');
    const versions = deps.plans.list(task.id);
    if (!versions.ok) return versions;
    const latest = versions.data.at(-1);
    if (!latest) return fail('PLAN_NOT_APPROVED', `"${task.title}" has no plan yet: the agent submits one, you approve it, then /implement.`);
    const started = await deps.plans.implement({ taskId: task.id, version: latest.version });
    if (!started.ok) return started;
    const tasks = started.data.map((created) => ({ taskId: created.id, title: created.title }));
    return printed(`Started ${tasks.length} implement task${tasks.length === 1 ? '' : 's'}`, `Implementing plan v${latest.version} in ${tasks.length} task${tasks.length === 1 ? '' : 's'}: ${tasks.map((created) => `**${created.title}**`).join(', ')}.`, tasks);
  }
  if (args === '') return fail('INVALID_INPUT', 'Say what to implement: /implement <goal> (in a plan task, /implement alone implements its approved plan).');
  const created = await deps.tasks.create({ projectId: task.projectId, title: titleOf(args), prompt: args, role: 'implement', baseBranch: task.workspace.baseBranch });
  if (!created.ok) return created;
  const { task: implementTask } = created.data;
  return printed(`Started implement task “${implementTask.title}”`, `Started the implement task **${implementTask.title}** for: ${args}`, [{ taskId: implementTask.id, title: implementTask.title }]);
}

/** A task title from a goal: its first line, at most 80 characters. */
function titleOf(goal: string): string {
  const line = goal.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
