import { z } from 'zod';

/**
 * Where a subagent definition lives, in the order a name is looked up (the first wins): the
 * project's `.braid/agents/` and `.claude/agents/`, then the user's `~/.braid/agents/` and
 * `~/.claude/agents/`. Project files are read from the project's checkout.
 */
export const agentDefinitionSources = ['project-braid', 'project-claude', 'user-braid', 'user-claude'] as const;
export const agentDefinitionSourceSchema = z.enum(agentDefinitionSources);
export type AgentDefinitionSource = z.infer<typeof agentDefinitionSourceSchema>;

export const agentDefinitionSourceLabels: Record<AgentDefinitionSource, string> = {
  'project-braid': 'Project (.braid/agents)',
  'project-claude': 'Project (.claude/agents)',
  'user-braid': 'Your home (~/.braid/agents)',
  'user-claude': 'Your home (~/.claude/agents)',
};

/** Claude Code's rule for a subagent's name: lowercase letters, digits and hyphens. */
export const agentNamePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const agentNameProblem = 'a name is lowercase letters, digits and hyphens (a-z, 0-9, -), starting with a letter or digit, at most 64 characters';
export const agentNameSchema = z.string().regex(agentNamePattern, agentNameProblem);

/**
 * `permissionMode` as Claude Code writes it (`default`, `acceptEdits`, `auto`, `dontAsk`,
 * `bypassPermissions`, `plan`) or as Braid names its modes (`ask`, `fullAuto`); `manual` is
 * Claude Code's newer name for `default`.
 */
export const agentPermissionModes = ['default', 'manual', 'ask', 'acceptEdits', 'plan', 'auto', 'dontAsk', 'bypassPermissions', 'fullAuto'] as const;
export const agentPermissionModeSchema = z.enum(agentPermissionModes);
export type AgentPermissionMode = z.infer<typeof agentPermissionModeSchema>;

/** One `.md` file of an agents folder as Braid read it: the definition, or why it cannot be used. */
export const agentDefinitionViewSchema = z.object({
  /** The frontmatter's `name`; the file's name without `.md` when the file does not parse. */
  name: z.string(),
  /** The file's name in its folder (`reviewer.md`). */
  file: z.string(),
  /** Absolute path of the file. */
  path: z.string(),
  source: agentDefinitionSourceSchema,
  description: z.string(),
  /** As written (`Read, Grep` or a YAML list); null: the parent's tools. */
  tools: z.array(z.string()).nullable(),
  disallowedTools: z.array(z.string()),
  /** As written (`sonnet`, `inherit`, `openai:gpt-4o`); null: the parent's model. */
  model: z.string().nullable(),
  permissionMode: z.string().nullable(),
  maxTurns: z.number().int().positive().nullable(),
  /** The body: the subagent's system prompt. */
  prompt: z.string(),
  /** What Braid ignores but the definition still works without (an unknown tool, an unknown key's value). */
  warnings: z.array(z.string()),
  /** Why the file cannot be used (each problem with its field or line); null when it can. */
  error: z.string().nullable(),
  /** Another definition with this name wins (the project's over your home's). */
  shadowedBy: agentDefinitionSourceSchema.nullable(),
});
export type AgentDefinitionView = z.infer<typeof agentDefinitionViewSchema>;

export const agentFolderViewSchema = z.object({
  source: agentDefinitionSourceSchema,
  path: z.string(),
  exists: z.boolean(),
});

export const agentDefinitionsSchema = z.object({
  /** Sorted by name, then by source order. */
  definitions: z.array(agentDefinitionViewSchema),
  /** The folders read (the project's only when a project was named). */
  folders: z.array(agentFolderViewSchema),
});
export type AgentDefinitions = z.infer<typeof agentDefinitionsSchema>;

/** A definition as the Settings form sends it; written as frontmatter and body. */
export const agentDefinitionDraftSchema = z
  .object({
    name: agentNameSchema,
    description: z.string().trim().min(1, 'a description is required: the parent agent reads it to choose a subagent').max(2_000),
    tools: z.array(z.string().trim().min(1).max(200)).max(200).nullable(),
    disallowedTools: z.array(z.string().trim().min(1).max(200)).max(200),
    model: z.string().trim().min(1).max(200).nullable(),
    permissionMode: agentPermissionModeSchema.nullable(),
    maxTurns: z.number().int().min(1).max(1_000).nullable(),
    prompt: z.string().max(100_000),
  })
  .strict();
export type AgentDefinitionDraft = z.infer<typeof agentDefinitionDraftSchema>;

/** What a subagent's task is: which definition it runs, how deep it is nested, and the parent's `delegate` call it answers. */
export const subagentLinkSchema = z.object({
  agent: z.string(),
  source: agentDefinitionSourceSchema,
  /** 1 for a subagent of a top-level task; at most 3. */
  depth: z.number().int().min(1),
  /** The parent's `delegate` call this run answers. */
  callId: z.string(),
});
export type SubagentLink = z.infer<typeof subagentLinkSchema>;

/** Subagents nest at most this deep (a task's subagent is depth 1). */
export const maxSubagentDepth = 3;
