import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFilesBelow, readConfinedText } from '../markdown/confined-text';
import { listValue, parseFrontmatter, textValue } from '../markdown/frontmatter';

/**
 * A subagent definition in Claude Code's format (`.claude/agents/*.md`, and Braid's
 * `.braid/agents/*.md`): frontmatter `name`, `description`, `tools` (absent: the parent's),
 * `disallowedTools`, `model`, `permissionMode`, `maxTurns`; the body is its system prompt.
 * Read for `/agents` today; the `delegate` tool (R5) is to run them.
 */
export interface AgentDefinition {
  name: string;
  description: string;
  /** Null: the parent's tools. */
  tools: string[] | null;
  disallowedTools: string[];
  model: string | null;
  permissionMode: string | null;
  maxTurns: number | null;
  prompt: string;
  source: 'project' | 'user';
  /** As shown: `.claude/agents/reviewer.md`, `~/.claude/agents/reviewer.md`. */
  origin: string;
}

export interface AgentDefinitionDiscovery {
  agents: AgentDefinition[];
  problems: { file: string; message: string }[];
}

const namePattern = /^[a-z0-9][a-z0-9_-]*$/i;

/** The project's `.braid/agents/` and `.claude/agents/`, then the home's `~/.claude/agents/`; a name's first definition wins. */
export async function discoverAgentDefinitions(places: { projectRoot: string | null; home: string }): Promise<AgentDefinitionDiscovery> {
  const folders: { root: string; folder: string; prefix: string; source: 'project' | 'user' }[] = [];
  if (places.projectRoot !== null && existsSync(places.projectRoot)) {
    folders.push({ root: places.projectRoot, folder: '.braid/agents', prefix: '', source: 'project' }, { root: places.projectRoot, folder: '.claude/agents', prefix: '', source: 'project' });
  }
  if (existsSync(join(places.home, '.claude'))) folders.push({ root: join(places.home, '.claude'), folder: 'agents', prefix: '~/.claude/', source: 'user' });
  const agents = new Map<string, AgentDefinition>();
  const problems: AgentDefinitionDiscovery['problems'] = [];
  for (const { root, folder, prefix, source } of folders) {
    const { names } = await listFilesBelow(join(root, folder), '.md', { maxDepth: 1, maxFiles: 200 });
    for (const name of names) {
      const origin = `${prefix}${folder}/${name}`;
      const read = await readConfinedText(root, `${folder}/${name}`, origin);
      if (!read.ok) {
        if (!read.missing) problems.push({ file: origin, message: read.problem });
        continue;
      }
      const { data, body, problems: found } = parseFrontmatter(read.text);
      problems.push(...found.map((message) => ({ file: origin, message })));
      const agentName = textValue(data.name) ?? name.replace(/\.md$/, '');
      if (!namePattern.test(agentName)) {
        problems.push({ file: origin, message: `"${agentName}" is not an agent name (letters, digits, "-" and "_")` });
        continue;
      }
      const description = textValue(data.description);
      if (!description) problems.push({ file: origin, message: 'description is missing: it says when to use the agent' });
      if (agents.has(agentName)) {
        problems.push({ file: origin, message: `${agentName} is also defined by ${agents.get(agentName)!.origin}, which wins` });
        continue;
      }
      const maxTurns = Number(textValue(data.maxTurns));
      agents.set(agentName, {
        name: agentName,
        description: description ?? '',
        tools: data.tools === undefined ? null : listValue(data.tools),
        disallowedTools: listValue(data.disallowedTools),
        model: textValue(data.model),
        permissionMode: textValue(data.permissionMode),
        maxTurns: Number.isInteger(maxTurns) && maxTurns > 0 ? maxTurns : null,
        prompt: body,
        source,
        origin,
      });
    }
  }
  return { agents: [...agents.values()], problems };
}
