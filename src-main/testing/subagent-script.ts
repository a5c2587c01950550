import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecordedRequest, ScriptedModelServer, ScriptedTurn } from './scripted-model-server';

/** What a test needs to know about one completion request of an agent run. */
export interface RequestFacts {
  /** The subagent whose run asked (its system prompt names it), or null for a task that is not one. */
  agent: string | null;
  /** The run's first user message: the task's prompt, or the prompt its parent delegated. */
  firstUserMessage: string;
  /** How many steps the run had taken before this request (assistant messages so far). */
  turn: number;
  /** The tools the run was offered. */
  tools: string[];
}

const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? '').join('') : '';

/** Reads an OpenAI or Anthropic request the way the tests route it. */
export function requestFacts(request: RecordedRequest): RequestFacts {
  const body = request.body as { system?: unknown; messages?: { role: string; content: unknown }[]; tools?: { name?: string; function?: { name: string } }[] };
  const messages = body.messages ?? [];
  const system = textOf(body.system) || textOf(messages.find((message) => message.role === 'system')?.content);
  const agent = /You are the subagent "([^"]+)"/.exec(system)?.[1] ?? null;
  return {
    agent,
    firstUserMessage: textOf(messages.find((message) => message.role === 'user')?.content),
    turn: messages.filter((message) => message.role === 'assistant').length,
    tools: (body.tools ?? []).map((tool) => tool.function?.name ?? tool.name ?? ''),
  };
}

/**
 * Answers each request from the script of the agent that asked (`parent` for a task that is not
 * a subagent): a list is taken in order, a function picks from the request. A request with no
 * turn left gets the server's "nothing scripted" error, which fails that run loudly.
 */
export function scriptAgents(server: ScriptedModelServer, scripts: Record<string, ScriptedTurn[] | ((facts: RequestFacts) => ScriptedTurn | undefined)>): void {
  server.script((request) => {
    const facts = requestFacts(request);
    const script = scripts[facts.agent ?? 'parent'];
    if (!script) return undefined;
    return Array.isArray(script) ? script.shift() : script(facts);
  });
}

/** Writes a definition file (`.claude/agents/<file>` by default) under `root`, as a user would. */
export function writeAgentFile(root: string, file: string, text: string, folder = '.claude/agents'): string {
  const path = join(root, folder, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** A definition in Claude Code's format. */
export function agentMarkdown(fields: Record<string, string | number>, body: string): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}
