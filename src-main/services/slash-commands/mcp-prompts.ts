import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { fail, ok, type Result, type SlashCommand, type SlashCommandProblem } from '../../../src-shared/contract';
import type { HubServer, McpHub, McpPromptInfo, McpServerCatalog, ProjectRef } from '../mcp';
import { splitArguments } from './command-expansion';
import { createMcpPromptListing, type PromptListingOptions } from './mcp-prompt-listing';

export const mcpCommandPrefix = 'mcp__';

export function mcpCommandName(server: string, prompt: string): string {
  return `${mcpCommandPrefix}${server}__${prompt}`;
}

/**
 * Prompts of the MCP servers a task may use (app servers and the project's trusted ones), as
 * `/mcp__<server>__<prompt> args`. Listing them (`mcp-prompt-listing.ts`) asks running servers
 * and otherwise reuses recent lists, so the `/` menu starts no process each time it opens.
 * Fetching a prompt holds the server it names under a holder of its own (it starts if no run
 * holds it, and stops again after), so a prompt works whether or not the task's agent is running.
 */
export function createMcpPromptCommands(deps: { hub: McpHub; catalog: McpServerCatalog }, options: PromptListingOptions = {}) {
  const listing = createMcpPromptListing(deps.hub, options);
  let calls = 0;

  /** Runs `work` with these servers held, then lets them go. */
  const withServers = async <T>(project: ProjectRef, servers: readonly HubServer[], work: (holder: string) => Promise<T>): Promise<T> => {
    const holder = `slash-commands:${project.id}:${++calls}`;
    try {
      await deps.hub.acquire(holder, servers);
      return await work(holder);
    } finally {
      await deps.hub.release(holder);
    }
  };

  return {
    /** The servers' prompts as commands; a server that failed or did not answer in time is a problem. */
    async list(project: ProjectRef): Promise<{ commands: SlashCommand[]; problems: SlashCommandProblem[] }> {
      const { servers } = await deps.catalog.serversForTask(project);
      const listed = await listing.list(servers);
      return {
        commands: listed.prompts.map(promptCommand),
        problems: listed.problems.map(({ server, message }) => ({ file: `MCP server ${server}`, message })),
      };
    },

    /** The prompt `name` names, filled with `args` (mapped onto its arguments in order), as text for the agent. */
    async expand(project: ProjectRef, name: string, args: string): Promise<Result<{ text: string; command: SlashCommand }>> {
      const { servers } = await deps.catalog.serversForTask(project);
      // Only the servers the name can belong to start (a server's name may itself contain "__").
      const candidates = servers.filter(({ config }) => name.startsWith(mcpCommandName(config.name, '')));
      if (candidates.length === 0) {
        return fail('UNKNOWN_COMMAND', `There is no MCP prompt /${name}: ${servers.length === 0 ? 'this task has no MCP servers' : 'no MCP server of this task offers it'}.`);
      }
      return withServers(project, candidates, async (holder): Promise<Result<{ text: string; command: SlashCommand }>> => {
        const prompts = await deps.hub.listPrompts(holder);
        const prompt = prompts.find((candidate) => mcpCommandName(candidate.server, candidate.name) === name);
        if (!prompt) return fail('UNKNOWN_COMMAND', `There is no MCP prompt /${name}: no running MCP server of this task offers it.`);
        const filled = promptArguments(prompt, args);
        if (!filled.ok) return filled;
        const got = await deps.hub.getPrompt(holder, prompt.server, prompt.name, filled.data);
        if (!got.ok) return got;
        return ok({ text: promptText(got.data), command: promptCommand(prompt) });
      });
    },
  };
}

function promptCommand(prompt: McpPromptInfo): SlashCommand {
  const hint = (prompt.arguments ?? []).map((argument) => (argument.required ? `<${argument.name}>` : `[${argument.name}]`)).join(' ');
  return {
    name: mcpCommandName(prompt.server, prompt.name),
    description: prompt.description ?? `Prompt ${prompt.name} of MCP server ${prompt.server}`,
    argumentHint: hint || null,
    source: 'mcp',
    origin: `MCP server ${prompt.server}`,
    allowedTools: [],
    model: null,
  };
}

/** Words onto the prompt's arguments in order; the last argument takes the rest. A missing required one is refused. */
function promptArguments(prompt: McpPromptInfo, args: string): Result<Record<string, string>> {
  const declared = prompt.arguments ?? [];
  const words = splitArguments(args);
  const values: Record<string, string> = {};
  declared.forEach((argument, index) => {
    const value = index === declared.length - 1 ? words.slice(index).join(' ') : words[index];
    if (value !== undefined && value !== '') values[argument.name] = value;
  });
  const missing = declared.filter((argument) => argument.required && values[argument.name] === undefined);
  if (missing.length > 0) {
    const usage = declared.map((argument) => (argument.required ? `<${argument.name}>` : `[${argument.name}]`)).join(' ');
    return fail('INVALID_INPUT', `/${mcpCommandName(prompt.server, prompt.name)} needs ${missing.map((argument) => argument.name).join(' and ')}: type /${mcpCommandName(prompt.server, prompt.name)} ${usage}.`);
  }
  if (declared.length === 0 && words.length > 0) return fail('INVALID_INPUT', `/${mcpCommandName(prompt.server, prompt.name)} takes no arguments.`);
  return ok(values);
}

/** A prompt's messages as one text: text parts as they are, embedded text resources too, anything else named. */
function promptText(result: GetPromptResult): string {
  return result.messages
    .map((message) => {
      const content = message.content;
      if (content.type === 'text') return content.text;
      if (content.type === 'resource' && 'text' in content.resource) return `<resource uri="${content.resource.uri}">\n${content.resource.text}\n</resource>`;
      return `[${content.type} content from the MCP server, not shown]`;
    })
    .join('\n\n');
}
