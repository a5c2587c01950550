import { z } from 'zod';
import { idSchema } from './id';

/**
 * Slash commands (C1): Braid's built-ins, the user's command and skill files (Claude Code's
 * `.claude/commands/**\/*.md`, `.claude/skills/<name>/SKILL.md`, and `.braid/commands/`) from
 * the project and the home folder, and the prompts of the task's MCP servers.
 */
export const slashCommandSources = ['built-in', 'project', 'user', 'mcp'] as const;
export const slashCommandSourceSchema = z.enum(slashCommandSources);
export type SlashCommandSource = z.infer<typeof slashCommandSourceSchema>;

/** A command name without its slash: `plan`, `frontend:component` (a sub-folder), `mcp__github__review`. */
export const slashCommandNameSchema = z.string().min(1).max(200);

export const slashCommandSchema = z.object({
  name: slashCommandNameSchema,
  description: z.string(),
  /** What to type after the name, e.g. `<goal>` or `[issue-number] [priority]`. */
  argumentHint: z.string().nullable(),
  source: slashCommandSourceSchema,
  /** Where it is defined, as shown: `.claude/commands/frontend/component.md`, `~/.claude/skills/x/SKILL.md`, `MCP server github`. */
  origin: z.string().nullable(),
  /** Rules pre-approved for the turn the command starts (`allowed-tools`), in the permission grammar. */
  allowedTools: z.array(z.string()),
  /** The model the turn runs on (`model`), as a Braid model ref; null: the task's. */
  model: z.string().nullable(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const slashCommandProblemSchema = z.object({ file: z.string(), message: z.string() });
export type SlashCommandProblem = z.infer<typeof slashCommandProblemSchema>;

/** A command the user ran, recorded on the message it sent (the message's text is the expanded prompt). */
export const commandInvocationSchema = z.object({
  name: slashCommandNameSchema,
  arguments: z.string(),
  source: slashCommandSourceSchema,
  origin: z.string().nullable(),
  allowedTools: z.array(z.string()),
  model: z.string().nullable(),
});
export type CommandInvocation = z.infer<typeof commandInvocationSchema>;

/** A task a built-in started (`/plan`, `/implement`), for the timeline to link to. */
export const commandTaskLinkSchema = z.object({ taskId: idSchema, title: z.string() });

const slashTarget = z
  .object({ taskId: idSchema.optional(), projectId: idSchema.optional() })
  .strict()
  .refine((target) => (target.taskId === undefined) !== (target.projectId === undefined), 'give either taskId (a task\'s composer) or projectId (the new-task prompt)');

export const slashCommandMethods = {
  /**
   * The commands a task (its composer) or a project (the new-task prompt) offers, built-ins
   * first; files that could not be read are listed as problems.
   */
  'slash.list': {
    input: slashTarget,
    output: z.object({ commands: z.array(slashCommandSchema), problems: z.array(slashCommandProblemSchema) }),
  },
  /**
   * Runs `/name arguments` in the task: a built-in acts (and prints into the timeline), a user
   * command or MCP prompt is expanded and sent to the agent. `UNKNOWN_COMMAND` when there is no
   * such command; nothing is sent on any failure.
   */
  'slash.run': {
    input: z.object({ taskId: idSchema, text: z.string().trim().min(2, 'type a command after the slash').max(100_000) }).strict(),
    output: z.object({
      /** How the agent got the message; null when the command sent nothing to the agent. */
      delivery: z.enum(['started', 'queued', 'delivered']).nullable(),
      /** A short line for the composer ("Model set to …"). */
      notice: z.string().nullable(),
    }),
  },
} as const;
