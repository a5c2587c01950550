import { fail, ok, type CommandInvocation, type Result, type SlashCommand, type SlashCommandProblem, type Task } from '../../../src-shared/contract';
import { builtInCommands, builtInNames, runBuiltIn } from './built-in-commands';
import { expandPlaceholders } from './command-expansion';
import { discoverCommandFiles, type CommandFile } from './command-files';
import { expandIncludes } from './command-includes';
import { parseSlashInput } from './invocation';
import { createMcpPromptCommands, mcpCommandPrefix } from './mcp-prompts';
import type { SlashCommandDeps } from './slash-command-deps';

export type SlashCommandService = ReturnType<typeof createSlashCommandService>;

type Delivery = 'started' | 'queued' | 'delivered';

const deliveryNotices: Record<Delivery, string | null> = {
  started: null,
  queued: 'Queued for the next step',
  delivered: 'Queued until the task starts',
};

/** A user command or MCP prompt, ready to send: the expanded prompt and what it brings to its turn. */
interface PreparedCommand {
  text: string;
  command: CommandInvocation;
}

/**
 * Slash commands (C1): lists what a task's composer (or the new-task prompt) offers, and runs
 * `/name arguments` in a task. Built-ins act through the services; a command or skill file is
 * expanded (`$ARGUMENTS`, `$1`…`$9`, `@path` includes confined to the worktree) and sent with
 * its `allowed-tools` (pre-approved for that turn) and `model`; an MCP prompt is fetched from
 * its server. Everything is checked here: an unknown command or a refused include sends nothing.
 */
export function createSlashCommandService(deps: SlashCommandDeps) {
  const mcpPrompts = createMcpPromptCommands(deps.mcp);

  const commandFiles = (projectId: string) => discoverCommandFiles({ projectRoot: deps.projectRoot(projectId), home: deps.home });

  const listCommands = async (projectId: string, mcpRoot: string | null, withBuiltIns: boolean): Promise<{ commands: SlashCommand[]; problems: SlashCommandProblem[] }> => {
    const files = await commandFiles(projectId);
    const problems = [...files.problems];
    const commands: SlashCommand[] = withBuiltIns ? [...builtInCommands] : [];
    for (const file of files.commands) {
      if (builtInNames.has(file.name)) problems.push({ file: file.origin, message: `/${file.name} is one of Braid's built-in commands, which wins` });
      else commands.push(slashCommandOf(file));
    }
    if (mcpRoot !== null) {
      const mcp = await mcpPrompts.list({ id: projectId, root: mcpRoot });
      commands.push(...mcp.commands);
      problems.push(...mcp.problems);
    }
    return { commands, problems };
  };

  const listForTask = (task: Task) => listCommands(task.projectId, task.workspace.state === 'ready' ? task.workspace.path : null, true);

  /** A user command or MCP prompt expanded for `task`, or why not (nothing is sent then). */
  const prepare = async (task: Task, name: string, args: string): Promise<Result<PreparedCommand>> => {
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}; commands run once it is ready.`);
    if (name.startsWith(mcpCommandPrefix)) {
      const expanded = await mcpPrompts.expand({ id: task.projectId, root: task.workspace.path }, name, args);
      if (!expanded.ok) return expanded;
      const { command } = expanded.data;
      return ok({ text: expanded.data.text, command: { name, arguments: args, source: 'mcp', origin: command.origin, allowedTools: [], model: null } });
    }
    const file = (await commandFiles(task.projectId)).commands.find((candidate) => candidate.name === name);
    if (!file) return fail('UNKNOWN_COMMAND', `There is no command /${name}. Type / to see this task's commands.`);
    const included = await expandIncludes(expandPlaceholders(file.body, args), task.workspace.path);
    if (!included.ok) return included;
    if (included.data.trim() === '') return fail('INVALID_INPUT', `/${name} expands to an empty prompt (${file.origin}); nothing was sent.`);
    return ok({
      text: included.data.trim(),
      command: { name, arguments: args, source: file.source, origin: file.origin, allowedTools: file.allowedTools, model: file.model },
    });
  };

  const runCommand = async (task: Task, name: string, args: string): Promise<Result<{ delivery: Delivery | null; notice: string | null }>> => {
    if (builtInNames.has(name)) {
      const outcome = await runBuiltIn(deps, task, name, args, () => listForTask(task));
      if (!outcome.ok) return outcome;
      const { output } = outcome.data;
      if (output) deps.agents.note(task.id, { kind: 'command_output', name, arguments: args, text: output.text, tasks: output.tasks });
      return ok({ delivery: null, notice: outcome.data.notice });
    }
    const prepared = await prepare(task, name, args);
    if (!prepared.ok) return prepared;
    const { command } = prepared.data;
    const sent = await deps.agents.send(task.id, prepared.data.text, {
      allowRules: command.allowedTools,
      command,
      ...(command.model ? { model: command.model } : {}),
    });
    if (!sent.ok) return sent;
    const ignoredModel = command.model && sent.data.delivery === 'queued' ? `the agent was already running, so /${name}'s model (${command.model}) was not used` : null;
    const notice = [deliveryNotices[sent.data.delivery], ignoredModel].filter((part) => part !== null).join('; ');
    return ok({ delivery: sent.data.delivery, notice: notice === '' ? null : notice });
  };

  const list = async (target: { taskId?: string; projectId?: string }): Promise<Result<{ commands: SlashCommand[]; problems: SlashCommandProblem[] }>> => {
    if (target.taskId !== undefined) {
      const task = deps.tasks.get(target.taskId);
      if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
      return ok(await listForTask(task));
    }
    const root = deps.projectRoot(target.projectId ?? '');
    if (root === null) return fail('NOT_FOUND', 'That project is not open in Braid.');
    return ok(await listCommands(target.projectId!, root, false));
  };

  return {
    /** A task's composer: built-ins, command files, its MCP servers' prompts. The new-task prompt (a project): command files and prompts. */
    list,

    /** Runs what the user typed in a task's composer (`//text` and a slash without a command name are sent as plain messages). */
    async run(taskId: string, text: string): Promise<Result<{ delivery: Delivery | null; notice: string | null }>> {
      const task = deps.tasks.get(taskId);
      if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
      const input = parseSlashInput(text);
      if (input.kind === 'text') {
        const sent = await deps.agents.send(taskId, input.text, {});
        return sent.ok ? ok({ delivery: sent.data.delivery, notice: deliveryNotices[sent.data.delivery] }) : sent;
      }
      return runCommand(task, input.name, input.arguments);
    },

    /** Before a task is created: a prompt that starts with a command must name one the project has (built-ins run in a composer). */
    async checkPrompt(projectId: string, prompt: string): Promise<Result<void>> {
      const input = parseSlashInput(prompt);
      if (input.kind === 'text') return ok(undefined);
      if (builtInNames.has(input.name)) {
        return fail('INVALID_INPUT', `/${input.name} is a built-in command: run it in a task's message box. A new task's prompt can start with a command file or an MCP prompt.`);
      }
      const listed = await list({ projectId });
      if (!listed.ok) return listed;
      if (listed.data.commands.some((command) => command.name === input.name)) return ok(undefined);
      return fail('UNKNOWN_COMMAND', `There is no command /${input.name} in this project. Type / to see its commands.`);
    },

    /**
     * Starts a new task's first run with its prompt: a command is expanded first (and its
     * failure recorded on the task, which waits for a message); any other prompt is sent as it is.
     */
    async startWithPrompt(taskId: string): Promise<void> {
      const task = deps.tasks.get(taskId);
      const input = task ? parseSlashInput(task.prompt) : null;
      if (!task || !input || input.kind === 'text') return deps.agents.startWithPrompt(taskId);
      if (task.agent.status !== 'idle') return;
      try {
        const ran = await runCommand(task, input.name, input.arguments);
        if (ran.ok) return;
        const message = `The task's prompt /${input.name} could not run: ${ran.error.message}`;
        deps.agents.note(taskId, { kind: 'error', message, code: ran.error.code, retryable: false });
        deps.agents.settle(taskId, 'idle', `${message} Send a message to start the task.`);
      } catch (error) {
        deps.log?.(`[slash-commands] could not start ${taskId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

function slashCommandOf(file: CommandFile): SlashCommand {
  return { name: file.name, description: file.description, argumentHint: file.argumentHint, source: file.source, origin: file.origin, allowedTools: file.allowedTools, model: file.model };
}
