import { z } from 'zod';
import { idSchema } from './id';

/**
 * Where a rule lives: `personal` (Braid's settings, Settings → Rules), `user` (the user's
 * `~/.claude/CLAUDE.md` and `~/.claude/rules/`), `project` (the repository's files),
 * `local` (`CLAUDE.local.md`, the user's own file in the project, not committed).
 */
export const ruleScopes = ['personal', 'user', 'project', 'local'] as const;
export const ruleScopeSchema = z.enum(ruleScopes);
export type RuleScope = z.infer<typeof ruleScopeSchema>;

/**
 * When a rule reaches the agent: `always` (the system prompt of every run), `path` (the first
 * time the agent reads or edits a path its globs match: `.claude/rules/*.md` with `paths:`,
 * Cursor rules with `globs`), `nested` (an `AGENTS.md` / `CLAUDE.md` below the root, the first
 * time the agent reads or edits a path under its folder), `requested` (a Cursor rule with only
 * a description: the agent is told it exists and reads it when relevant), `manual` (a Cursor
 * rule with none of these: only when the user mentions it).
 */
export const ruleActivations = ['always', 'path', 'nested', 'requested', 'manual'] as const;
export const ruleActivationSchema = z.enum(ruleActivations);
export type RuleActivation = z.infer<typeof ruleActivationSchema>;

/** One rules file as given to an agent (or offered to it), with its size and whether it was cut. */
export const givenRuleSchema = z.object({
  /** As shown: `AGENTS.md`, `packages/api/AGENTS.md`, `~/.claude/CLAUDE.md`, `Personal rules`. */
  file: z.string(),
  scope: ruleScopeSchema,
  activation: ruleActivationSchema,
  /** Characters given (after a cut). */
  chars: z.number().int().nonnegative(),
  /** Characters of the file; more than `chars` when it was cut to the budget. */
  originalChars: z.number().int().nonnegative(),
  /** The rules file whose `@path` brought this one in, if any. */
  importedBy: z.string().nullable(),
});
export type GivenRule = z.infer<typeof givenRuleSchema>;

/** A rules file found for a task, whether or not it was given yet. */
export const discoveredRuleSchema = z.object({
  file: z.string(),
  scope: ruleScopeSchema,
  activation: ruleActivationSchema,
  chars: z.number().int().nonnegative(),
  /** `paths:` / `globs:` of a path rule. */
  globs: z.array(z.string()),
  description: z.string().nullable(),
});
export type DiscoveredRule = z.infer<typeof discoveredRuleSchema>;

/** A moment the task was given rules: a run's start (`run`) or its first touch of a path (`path`). */
export const rulesGivenEntrySchema = z.object({
  seq: z.number(),
  at: z.number(),
  trigger: z.enum(['run', 'path']),
  path: z.string().nullable(),
  rules: z.array(givenRuleSchema),
  warnings: z.array(z.string()),
});
export type RulesGivenEntry = z.infer<typeof rulesGivenEntrySchema>;

/** `rules.forTask`: what the task was given (from its timeline) and what its project holds now. */
export const taskRulesSchema = z.object({
  given: z.array(rulesGivenEntrySchema),
  discovered: z.array(discoveredRuleSchema),
  problems: z.array(z.string()),
  /** The budget for the rules of one run's system prompt, and for one file, in characters. */
  budget: z.object({ totalChars: z.number(), fileChars: z.number() }),
});
export type TaskRules = z.infer<typeof taskRulesSchema>;

export const personalRulesTextSchema = z.string().max(100_000, 'personal rules are limited to 100,000 characters');

export const ruleMethods = {
  /** The rules a task was given (run starts and first touches, from its timeline) and the rules files its worktree holds now. */
  'rules.forTask': { input: z.object({ taskId: idSchema }).strict(), output: taskRulesSchema },
  /** Settings → Rules: the personal rules every task gets. */
  'rules.personal': { input: z.object({}).strict(), output: z.object({ text: z.string() }) },
  'rules.setPersonal': { input: z.object({ text: personalRulesTextSchema }).strict(), output: z.object({ text: z.string() }) },
} as const;
