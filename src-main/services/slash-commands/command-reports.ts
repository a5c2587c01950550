import { permissionModeLabels, type AgentDefinitions, type AgentDefinitionSource, type PermissionsOverview, type SlashCommand, type SlashCommandProblem, type Task, type TaskRules } from '../../../src-shared/contract';

/** What the built-ins print into the timeline, as Markdown (the user reads it; the model never sees it). */

const sourceHeadings: Record<SlashCommand['source'], string> = {
  'built-in': 'Built in',
  project: 'This project’s commands',
  user: 'Your commands (~/.claude)',
  mcp: 'MCP prompts',
};

export function helpReport(commands: readonly SlashCommand[], problems: readonly SlashCommandProblem[]): string {
  const lines: string[] = [];
  for (const source of ['built-in', 'project', 'user', 'mcp'] as const) {
    const group = commands.filter((command) => command.source === source);
    if (group.length === 0) continue;
    lines.push(`**${sourceHeadings[source]}**`, '');
    for (const command of group) {
      const usage = `\`/${command.name}${command.argumentHint ? ` ${command.argumentHint}` : ''}\``;
      const origin = command.source === 'project' || command.source === 'user' ? ` (${command.origin})` : '';
      lines.push(`- ${usage} — ${command.description}${origin}`);
    }
    lines.push('');
  }
  if (problems.length > 0) lines.push('**Problems**', '', ...problems.map((problem) => `- ${problem.file}: ${problem.message}`), '');
  lines.push('Start a message with `//` to send it with a single leading slash instead of running a command.');
  return lines.join('\n');
}

export function costReport(task: Task): string {
  const { usage, stepCount, contextTokens, contextWindow, model } = task.agent;
  const number = (value: number) => value.toLocaleString('en');
  const cost = usage.costUsd === null ? 'unknown (the model has no known price)' : `$${usage.costUsd.toFixed(usage.costUsd < 1 ? 4 : 2)}`;
  return [
    `**Cost of this task:** ${cost}`,
    '',
    `- Tokens: ${number(usage.inputTokens)} in (${number(usage.cachedTokens)} of them cached) · ${number(usage.outputTokens)} out`,
    `- Steps: ${number(stepCount)}`,
    `- Context of the last request: ${number(contextTokens)} of ${contextWindow > 0 ? number(contextWindow) : 'an unknown number of'} tokens`,
    `- Model: ${model ?? 'the role’s default'}`,
  ].join('\n');
}

export function rulesReport(rules: TaskRules): string {
  const lines: string[] = [];
  if (rules.given.length === 0) lines.push('This task has not been given any rules yet (they are read when its agent starts).');
  for (const entry of rules.given) {
    const when = new Date(entry.at).toLocaleString('en');
    lines.push(entry.trigger === 'run' ? `**At the start of a run** (${when})` : `**When the agent first worked on ${entry.path}** (${when})`, '');
    for (const rule of entry.rules) {
      const size = rule.chars === rule.originalChars ? `${rule.chars.toLocaleString('en')} characters` : `${rule.chars.toLocaleString('en')} of ${rule.originalChars.toLocaleString('en')} characters (cut)`;
      const imported = rule.importedBy ? `, imported by ${rule.importedBy}` : '';
      lines.push(`- ${rule.file} — ${rule.scope}, ${rule.activation === 'requested' ? 'offered by its description' : rule.activation}, ${size}${imported}`);
    }
    for (const warning of entry.warnings) lines.push(`- ⚠ ${warning}`);
    lines.push('');
  }
  const waiting = rules.discovered.filter((rule) => rule.activation === 'path' || rule.activation === 'nested' || rule.activation === 'manual');
  if (waiting.length > 0) {
    lines.push('**Not given unless the agent works where they apply**', '');
    for (const rule of waiting) {
      const when = rule.activation === 'path' ? `paths ${rule.globs.join(', ')}` : rule.activation === 'nested' ? `work under ${rule.file.replace(/[^/]+$/, '')}` : 'only when you mention it';
      lines.push(`- ${rule.file} — ${when}`);
    }
    lines.push('');
  }
  lines.push(`Budget: ${rules.budget.totalChars.toLocaleString('en')} characters for a run's rules, ${rules.budget.fileChars.toLocaleString('en')} per file.`);
  return lines.join('\n');
}

export function permissionsReport(task: Task, overview: PermissionsOverview): string {
  const { mode } = task.agent;
  const lines = [`**Mode:** ${permissionModeLabels[mode.mode]} (from ${mode.from})`, ''];
  for (const source of overview.sources) {
    const kinds = (['deny', 'ask', 'allow'] as const).filter((kind) => source.rules[kind].length > 0);
    if (kinds.length === 0) continue;
    const trust = source.needsTrust && !source.trusted ? ' — not trusted yet: its allow rules do not count' : '';
    lines.push(`**${source.label}**${trust}`, '');
    for (const kind of kinds) lines.push(`- ${kind}: ${source.rules[kind].map((rule) => `\`${rule}\``).join(', ')}`);
    lines.push('');
  }
  lines.push(`Always denied, in every mode: ${overview.hardDeny.map((rule) => rule.description).join('; ')}.`, '', 'Change them in Settings → Permissions.');
  return lines.join('\n');
}

const agentFolders: Record<AgentDefinitionSource, string> = {
  'project-braid': '.braid/agents',
  'project-claude': '.claude/agents',
  'user-braid': '~/.braid/agents',
  'user-claude': '~/.claude/agents',
};

export function agentsReport(listed: AgentDefinitions): string {
  const lines: string[] = [];
  const usable = listed.definitions.filter((definition) => definition.error === null && definition.shadowedBy === null);
  if (usable.length === 0) lines.push('No subagents are defined. Add them as `.claude/agents/<name>.md` in the project or in ~/.claude, or as `.braid/agents/<name>.md` (Settings → Agents writes them).');
  for (const agent of usable) {
    const tools = agent.tools === null ? 'the parent’s tools' : agent.tools.length > 0 ? agent.tools.join(', ') : 'no tools';
    lines.push(`- **${agent.name}** — ${agent.description || '(no description)'} (${agentFolders[agent.source]}/${agent.file}; ${tools}${agent.model ? `; model ${agent.model}` : ''})`);
  }
  const problems = listed.definitions.filter((definition) => definition.error !== null || definition.shadowedBy !== null || definition.warnings.length > 0);
  if (problems.length > 0) {
    lines.push('', '**Problems**', '');
    for (const definition of problems) {
      if (definition.error) lines.push(`- ${agentFolders[definition.source]}/${definition.file}: ${definition.error}`);
      else if (definition.shadowedBy) lines.push(`- ${agentFolders[definition.source]}/${definition.file}: ${definition.name} is also defined in ${agentFolders[definition.shadowedBy]}, which wins`);
      for (const warning of definition.warnings) lines.push(`- ${agentFolders[definition.source]}/${definition.file}: ${warning}`);
    }
  }
  lines.push('', 'The agent hands work to them with its `delegate` tool; each runs as a task nested under this one.');
  return lines.join('\n');
}
