import { z } from 'zod';

/**
 * How a task's tool calls are decided when no rule says otherwise. `ask`: every edit, command
 * and outside tool asks first (Claude Code's `default`/`manual`). `acceptEdits`: edits inside
 * the workspace and the common file commands (mkdir, touch, mv, cp) there run without asking.
 * `fullAuto`: everything not denied runs, inside the sandbox where the machine has one.
 * `plan`: read-only, whatever the rules allow.
 */
export const permissionModes = ['ask', 'acceptEdits', 'fullAuto', 'plan'] as const;
export const permissionModeSchema = z.enum(permissionModes);
export type PermissionMode = z.infer<typeof permissionModeSchema>;

export const permissionModeLabels: Record<PermissionMode, string> = {
  ask: 'Ask',
  acceptEdits: 'Accept edits',
  fullAuto: 'Full auto',
  plan: 'Plan (read-only)',
};

/** Where a task's mode came from: set on the task, the project's default, the role's, a trusted settings file, or Braid's built-in `ask`. */
export const permissionModeOriginSchema = z.enum(['task', 'project', 'role', 'file', 'built-in']);
export const effectiveModeSchema = z.object({ mode: permissionModeSchema, origin: permissionModeOriginSchema, from: z.string() });
export type EffectiveMode = z.infer<typeof effectiveModeSchema>;

export const ruleKinds = ['allow', 'ask', 'deny'] as const;
export const ruleKindSchema = z.enum(ruleKinds);
export type RuleKind = z.infer<typeof ruleKindSchema>;

/** A rule as the user writes it, in Claude Code's grammar: `Bash(npm run test *)`, `Read(./secrets/**)`, `mcp__github`. */
export const ruleTextSchema = z.string().trim().min(1, 'the rule is empty').max(2_000, 'the rule is too long');

export const ruleListsSchema = z.object({
  allow: z.array(ruleTextSchema).max(1_000),
  ask: z.array(ruleTextSchema).max(1_000),
  deny: z.array(ruleTextSchema).max(1_000),
});
export type RuleLists = z.infer<typeof ruleListsSchema>;

/**
 * Where rules come from, in the order they are consulted within each kind. `app` and `project`
 * are Braid's own settings (the project's is where "Always allow in this project" saves);
 * `repo-*` are files in the project's checkout, `user-claude` is `~/.claude/settings.json`,
 * `turn` the tools a slash command pre-approved for one turn.
 */
export const ruleSourceIds = ['built-in', 'app', 'project', 'repo-braid', 'repo-claude-local', 'repo-claude', 'user-claude', 'turn'] as const;
export const ruleSourceIdSchema = z.enum(ruleSourceIds);
export type RuleSourceId = z.infer<typeof ruleSourceIdSchema>;

export const ruleSourceViewSchema = z.object({
  id: ruleSourceIdSchema,
  label: z.string(),
  /** The file, for file sources (absolute). */
  path: z.string().nullable(),
  exists: z.boolean(),
  /** A repository's file: its allow rules and mode count only once the user trusted this content. */
  needsTrust: z.boolean(),
  trusted: z.boolean(),
  /** sha256 of the file's bytes, to trust exactly what was shown. */
  contentHash: z.string().nullable(),
  rules: ruleListsSchema,
  defaultMode: permissionModeSchema.nullable(),
  /** Rules that do not parse, modes Braid does not take from this file, JSON errors: each names the file and entry. */
  problems: z.array(z.string()),
});
export type RuleSourceView = z.infer<typeof ruleSourceViewSchema>;

export const sandboxSettingsSchema = z.object({
  /** Run every command of the project's tasks in the sandbox, not only in full auto. */
  always: z.boolean(),
  /** Sandboxed commands may reach the network. */
  network: z.boolean(),
});
export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>;

export const sandboxInfoSchema = z.object({
  available: z.boolean(),
  kind: z.enum(['bubblewrap', 'sandbox-exec', 'none']),
  /** Why there is no sandbox here, when there is none. */
  limitation: z.string().nullable(),
});
export type SandboxInfo = z.infer<typeof sandboxInfoSchema>;

export const roleModeDefaultsSchema = z.object({
  plan: permissionModeSchema.nullable(),
  implement: permissionModeSchema.nullable(),
  review: permissionModeSchema.nullable(),
});

export const permissionsOverviewSchema = z.object({
  roleDefaults: roleModeDefaultsSchema,
  /** Null without a project. */
  project: z
    .object({
      projectId: z.string(),
      defaultMode: permissionModeSchema.nullable(),
      sandbox: sandboxSettingsSchema,
      /** The user confirmed full auto without a sandbox for this project (asked once). */
      unsandboxedFullAutoConfirmed: z.boolean(),
    })
    .nullable(),
  sources: z.array(ruleSourceViewSchema),
  /** What is denied in every mode, full auto included, whatever the rules say. */
  hardDeny: z.array(z.object({ id: z.string(), description: z.string() })),
  sandbox: sandboxInfoSchema,
});
export type PermissionsOverview = z.infer<typeof permissionsOverviewSchema>;

export const permissionVerdictSchema = z.enum(['allow', 'ask', 'deny']);

/** One rule that decided, and where it lives. `source` is null for Braid's built-in rules and modes. */
export const decidingRuleSchema = z.object({ rule: z.string(), source: ruleSourceIdSchema.nullable() });

/** What "try a command" answers: the decision, the rule and why, for the whole command and each part. */
export const permissionExplanationSchema = z.object({
  decision: permissionVerdictSchema,
  rule: z.string(),
  source: ruleSourceIdSchema.nullable(),
  reason: z.string(),
  mode: effectiveModeSchema,
  sandboxed: z.boolean(),
  parts: z.array(
    z.object({
      text: z.string(),
      decision: permissionVerdictSchema,
      rule: z.string(),
      source: ruleSourceIdSchema.nullable(),
      why: z.string(),
    }),
  ),
  /** The rule "Always allow in this project" would save for this call. */
  suggestedRule: z.string().nullable(),
});
export type PermissionExplanation = z.infer<typeof permissionExplanationSchema>;
