import { z } from 'zod';
import { timelineEventSchema } from './agent';
import { braidEngine, engineAvailabilitySchema, engineSchema } from './engines';
import { implementMethods } from './implement-methods';
import { mergeQueueMethods } from './merge-queue-methods';
import { editorMethods } from './editors';
import { notificationMethods } from './notifications';
import { workspaceSetupMethods } from './workspace-setup-methods';
import { permissionMethods } from './permission-methods';
import { ruleTextSchema } from './permissions';
import { ruleMethods } from './rules';
import { slashCommandMethods } from './slash-commands';
import { pipelineMethods } from './pipeline-methods';
import { planMethods } from './plan-methods';
import { pullRequestMethods } from './pull-request-methods';
import { reviewRoleMethods } from './review-role-methods';
import { gatedMergePreviewSchema } from './review-reports';
import { terminalMethods } from './terminals';
import { subagentMethods } from './subagent-methods';
import { auditEntrySchema, auditExportInputSchema, auditExportSchema, auditListInputSchema, auditVerificationSchema } from './audit';
import { backgroundServiceIdSchema, backgroundServiceSchema, commandIsolationSchema } from './commands';
import { scriptReportSchema } from './workspace-setup';
import {
  conflictFileSchema,
  conflictResolutionSchema,
  mergeIdSchema,
  mergeOutcomeSchema,
  mergeRequestSchema,
  radarSchema,
} from './merge';
import {
  checkpointSchema,
  diffFileRefSchema,
  fileDiffSchema,
  hunkProvenanceSchema,
  hunkRangeSchema,
  hunkIdSchema,
  hunkTargetSchema,
  reviewCommentSchema,
  reviewCommentStatusSchema,
  reviewPathSchema,
  reviewSummarySchema,
  workspaceDiffSchema,
  workspaceHistorySchema,
} from './review';
import {
  mcpServerEntrySchema,
  mcpServerRefSchema,
  mcpServerStatusSchema,
  modelRefSchema,
  providerInputSchema,
  providerPresetSchema,
  providerStatusSchema,
  roleDefaultSchema,
} from './settings';
import {
  appInfoSchema,
  storageTroubleSchema,
  branchesSchema,
  branchNameSchema,
  idSchema,
  orphanSchema,
  projectSchema,
  taskRoleSchema,
  taskSchema,
} from './domain';

const pathInput = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'path is too long')
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

const commitId = z.string().regex(/^[0-9a-f]{40,64}$/);

const branchName = branchNameSchema;

const empty = z.object({}).strict();

/**
 * Every method the renderer may call, declared once. Input is validated at the transport
 * before any handler runs; output is validated too outside production.
 */
export const methods = {
  'app.info': { input: empty, output: appInfoSchema },
  /** Whether the database is refusing writes right now (see `app.storageTrouble`). */
  'app.storageTrouble': { input: empty, output: z.object({ trouble: storageTroubleSchema.nullable() }) },

  'projects.list': { input: empty, output: z.array(projectSchema) },
  'projects.add': { input: z.object({ path: pathInput }).strict(), output: projectSchema },
  'projects.remove': { input: z.object({ projectId: idSchema }).strict(), output: z.object({ removed: z.literal(true) }) },
  'projects.branches': { input: z.object({ projectId: idSchema }).strict(), output: branchesSchema },
  /** Folder completion for the web-mode path field. */
  'projects.completePath': {
    input: z.object({ partial: z.string().max(4096) }).strict(),
    output: z.object({ entries: z.array(z.object({ path: z.string(), isRepository: z.boolean() })) }),
  },
  /** Native folder dialog; `UNSUPPORTED` in web mode. */
  'projects.pickFolder': { input: empty, output: z.object({ path: z.string().nullable() }) },

  'tasks.list': { input: z.object({ projectId: idSchema }).strict(), output: z.array(taskSchema) },
  'tasks.create': {
    input: z
      .object({
        projectId: idSchema,
        title: z.string().trim().min(1, 'a title is required').max(200),
        prompt: z.string().max(100_000).default(''),
        role: taskRoleSchema.default('implement'),
        baseBranch: branchName.optional(),
        /** Braid's own agent unless an external (ACP) agent is chosen. */
        engine: engineSchema.default(braidEngine),
      })
      .strict(),
    output: taskSchema,
  },
  /**
   * Refuses with `WORKSPACE_SHARED` (details: the tasks) when other tasks share the workspace the
   * task owns (its reviews) unless `withSharedTasks` (they are deleted with it; deleting a review
   * task removes only that task), then with `WORKSPACE_HAS_WORK` (details: WorkAtRisk) unless `force`.
   * The project's archive script runs before the worktree goes: a failure refuses with
   * `SCRIPT_FAILED` (details: the script's report) unless `force`, and a forced delete reports it
   * in `archive`.
   */
  'tasks.delete': {
    input: z.object({ taskId: idSchema, force: z.boolean().default(false), keepBranch: z.boolean().default(false), withSharedTasks: z.boolean().default(false) }).strict(),
    output: z.object({ deleted: z.literal(true), archive: scriptReportSchema.nullable() }),
  },
  'workspaces.recreate': { input: z.object({ taskId: idSchema }).strict(), output: taskSchema },
  'workspaces.orphans': { input: z.object({ projectId: idSchema }).strict(), output: z.array(orphanSchema) },
  'workspaces.removeOrphan': {
    input: z.object({ projectId: idSchema, path: pathInput }).strict(),
    output: z.object({ removed: z.literal(true) }),
  },

  /** A page of the task's timeline, oldest first; omit `beforeSeq` for the newest page. */
  'agent.history': {
    input: z.object({ taskId: idSchema, beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ events: z.array(timelineEventSchema), hasMore: z.boolean() }),
  },
  /** Starts the agent, or queues the message for its next step when it is running. The text is sent as it is: slash commands run through `slash.run`. */
  'agent.send': {
    input: z.object({ taskId: idSchema, text: z.string().trim().min(1, 'the message is empty').max(100_000) }).strict(),
    output: z.object({ delivery: z.enum(['started', 'queued', 'delivered']) }),
  },
  'agent.stop': { input: z.object({ taskId: idSchema }).strict(), output: z.object({ stopped: z.literal(true) }) },
  /** Continue after a pause, failure, stop or interruption, from the stored conversation. */
  'agent.resume': { input: z.object({ taskId: idSchema }).strict(), output: z.object({ resumed: z.literal(true) }) },
  /** `alwaysAllow` (with approved): save this rule for the project first ("Always allow in this project"); refused when it does not cover the call. */
  'agent.decide': {
    input: z
      .object({
        taskId: idSchema,
        callId: z.string().min(1).max(200),
        approved: z.boolean(),
        reason: z.string().max(10_000).nullable().default(null),
        alwaysAllow: ruleTextSchema.nullable().default(null),
      })
      .strict(),
    output: z.object({ decided: z.literal(true), savedRule: z.string().nullable() }),
  },
  /** The answer to an `ask_user` question the run waits for; `NOT_FOUND` when nothing waits (answered already, or the run ended). */
  'agent.answer': {
    input: z.object({ taskId: idSchema, callId: z.string().min(1).max(200), answer: z.string().trim().min(1, 'the answer is empty').max(20_000) }).strict(),
    output: z.object({ answered: z.literal(true) }),
  },
  /** `null` goes back to the role's default model. */
  'agent.setModel': {
    input: z.object({ taskId: idSchema, model: modelRefSchema.nullable() }).strict(),
    output: z.object({ model: z.string().nullable() }),
  },
  'agent.setLimits': {
    input: z.object({ taskId: idSchema, maxSteps: z.number().int().min(1).max(10_000), maxCostUsd: z.number().positive().max(100_000).nullable() }).strict(),
    output: z.object({ maxSteps: z.number(), maxCostUsd: z.number().nullable() }),
  },
  'agent.compact': { input: z.object({ taskId: idSchema }).strict(), output: z.object({ compacted: z.literal(true) }) },

  /** Settings → Models. Keys go in through `setApiKey` and never come back out. */
  'models.overview': {
    input: empty,
    output: z.object({ providers: z.array(providerStatusSchema), presets: z.array(providerPresetSchema), roleDefaults: z.array(roleDefaultSchema) }),
  },
  'models.saveProvider': { input: providerInputSchema, output: providerStatusSchema },
  'models.removeProvider': { input: z.object({ providerId: z.string().min(1).max(64) }).strict(), output: z.object({ removed: z.literal(true) }) },
  'models.setApiKey': {
    input: z.object({ providerId: z.string().min(1).max(64), key: z.string().trim().min(1, 'the key is empty').max(4096) }).strict(),
    output: providerStatusSchema,
  },
  'models.removeApiKey': { input: z.object({ providerId: z.string().min(1).max(64) }).strict(), output: providerStatusSchema },
  'models.setRoleDefault': {
    input: z.object({ role: taskRoleSchema, model: modelRefSchema.nullable() }).strict(),
    output: z.array(roleDefaultSchema),
  },
  /** Makes a real request and names the failure (bad key, unreachable, unknown model). */
  'models.testConnection': {
    input: z.object({ providerId: z.string().min(1).max(64), modelId: z.string().min(1).max(200).optional() }).strict(),
    output: z.object({ latencyMs: z.number(), model: z.string(), models: z.array(z.string()).optional() }),
  },
  'models.detectOllama': { input: empty, output: z.object({ available: z.boolean(), models: z.array(z.string()) }) },

  /** Settings → MCP servers: app servers, and a project's `.mcp.json` servers when a project is given. */
  'mcp.servers': {
    input: z.object({ projectId: idSchema.optional() }).strict(),
    output: z.object({ servers: z.array(mcpServerEntrySchema), problems: z.array(z.object({ file: z.string(), message: z.string() })) }),
  },
  'mcp.addServer': { input: z.object({ config: z.unknown() }).strict(), output: z.object({ name: z.string() }) },
  'mcp.updateServer': { input: z.object({ name: z.string().min(1).max(64), config: z.unknown() }).strict(), output: z.object({ name: z.string() }) },
  'mcp.removeServer': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.object({ removed: z.literal(true) }) },
  'mcp.setEnabled': { input: z.object({ ref: mcpServerRefSchema, enabled: z.boolean() }).strict(), output: z.object({ enabled: z.boolean() }) },
  'mcp.setToolEnabled': {
    input: z.object({ ref: mcpServerRefSchema, tool: z.string().min(1).max(200), enabled: z.boolean() }).strict(),
    output: z.object({ enabled: z.boolean() }),
  },
  /** Runs a project's server from now on (until its config changes). */
  'mcp.trust': { input: z.object({ projectId: idSchema, name: z.string().min(1).max(64) }).strict(), output: z.object({ trusted: z.literal(true) }) },
  /** Connects, lists tools, disconnects: for "test connection". */
  'mcp.test': {
    input: z.object({ ref: mcpServerRefSchema }).strict(),
    output: z.object({ tools: z.array(z.object({ name: z.string(), description: z.string().optional() })) }),
  },
  'mcp.restart': { input: z.object({ key: z.string().min(1).max(300) }).strict(), output: mcpServerStatusSchema },

  /** DiffLens: everything that differs from the merge-base with the base branch. */
  'review.diff': { input: z.object({ taskId: idSchema }).strict(), output: workspaceDiffSchema },
  'review.fileDiff': { input: z.object({ taskId: idSchema, file: diffFileRefSchema }).strict(), output: fileDiffSchema },
  /** Per task of the project with a ready workspace: files, +/-, commands run, open comments. */
  'review.overview': { input: z.object({ projectId: idSchema }).strict(), output: z.array(reviewSummarySchema) },
  /**
   * The renderer says which task's diff is on screen: that one refreshes as soon as files
   * change (pushed as `review.diffChanged`), the others when they are looked at again.
   */
  'review.setVisible': { input: z.object({ taskId: idSchema.nullable() }).strict(), output: z.object({ visible: idSchema.nullable() }) },
  /**
   * Stage and commit one hunk (or the whole file) in the workspace. The hunk is named as
   * `review.fileDiff` shows it: its range, the file's `oldPath` when it shows a rename, and its
   * `hunkId` to act only on exactly that hunk. `HUNK_CHANGED` if the file no longer has it.
   */
  'review.acceptHunk': {
    input: z
      .object({ taskId: idSchema, path: reviewPathSchema, oldPath: reviewPathSchema.optional(), hunk: hunkTargetSchema, hunkId: hunkIdSchema.optional(), message: z.string().max(20_000).optional() })
      .strict(),
    output: z.object({ path: z.string(), commit: z.string().nullable(), message: z.string().nullable() }),
  },
  /** Discard one hunk (or the whole file) from the working tree, back to the merge-base. Named as for `review.acceptHunk`. */
  'review.revertHunk': {
    input: z.object({ taskId: idSchema, path: reviewPathSchema, oldPath: reviewPathSchema.optional(), hunk: hunkTargetSchema, hunkId: hunkIdSchema.optional() }).strict(),
    output: z.object({ path: z.string(), removedFile: z.boolean() }),
  },
  /** The file's hunks (read as `review.fileDiff` reads them: pass `oldPath` for a rename) with the agent step behind each. */
  'review.provenance': {
    input: z.object({ taskId: idSchema, path: reviewPathSchema, oldPath: reviewPathSchema.optional() }).strict(),
    output: z.array(z.object({ hunk: hunkRangeSchema, provenance: hunkProvenanceSchema })),
  },
  'review.comments': { input: z.object({ taskId: idSchema }).strict(), output: z.array(reviewCommentSchema) },
  'review.addComment': {
    input: z
      .object({
        taskId: idSchema,
        path: reviewPathSchema,
        line: z.number().int().min(1),
        side: z.enum(['old', 'new']),
        text: z.string().trim().min(1, 'the comment is empty').max(10_000),
        anchorText: z.string().max(100_000).nullable().default(null),
      })
      .strict(),
    output: reviewCommentSchema,
  },
  'review.editComment': {
    input: z.object({ commentId: z.string().min(1).max(64), text: z.string().trim().min(1).max(10_000).optional(), status: reviewCommentStatusSchema.optional() }).strict(),
    output: reviewCommentSchema,
  },
  'review.deleteComment': { input: z.object({ commentId: z.string().min(1).max(64) }).strict(), output: z.object({ deleted: z.literal(true) }) },
  /** Delivers every open comment as one follow-up message to the task's agent. */
  'review.sendComments': {
    input: z.object({ taskId: idSchema }).strict(),
    output: z.object({ sent: z.number(), delivery: z.enum(['started', 'queued', 'delivered']) }),
  },

  'history.log': { input: z.object({ taskId: idSchema }).strict(), output: workspaceHistorySchema },
  /** Commits everything in the workspace; a message is suggested when none is given. */
  'history.commit': {
    input: z.object({ taskId: idSchema, message: z.string().max(20_000).optional() }).strict(),
    output: z.object({ sha: z.string(), message: z.string(), files: z.array(z.object({ path: z.string(), kind: z.string() })) }),
  },
  /** The workspace owner's checkpoints, asked from any task on it (a review's, a subagent's). */
  'history.checkpoints': { input: z.object({ taskId: idSchema }).strict(), output: z.array(checkpointSchema) },
  /**
   * Restores one of the workspace owner's checkpoints, asked from any task on it. Refuses with
   * `BUSY` while a task on the workspace works in it, and with `CHECKPOINT_HAS_NEWER_CHANGES`
   * (details: files) unless `force`.
   */
  'history.restore': {
    input: z.object({ taskId: idSchema, turn: z.number().int().nonnegative(), force: z.boolean().default(false) }).strict(),
    output: z.object({ turn: z.number(), files: z.array(z.object({ path: z.string(), kind: z.enum(['added', 'deleted', 'modified']) })), backup: z.string().nullable() }),
  },

  /** Exactly what a merge would do now (target, commits, files, conflicts, checkout), doing nothing. */
  'merge.preview': { input: mergeRequestSchema, output: gatedMergePreviewSchema },
  /**
   * Merges, or stops at conflicts with a `mergeId`. `expected` pins what the preview showed:
   * `MERGE_OUTDATED` if the base, the workspace branch or its uncommitted files moved since.
   * `uncommittedCommit` (the preview's, or null when it had none) is reused, so the commit ids
   * the preview showed are the ones that land. With the review gate `block` and open P0/P1
   * findings it is refused (`REVIEW_GATE_BLOCKED`) unless `override` gives the reason to merge
   * anyway (audited as a gate override).
   */
  'merge.run': {
    input: mergeRequestSchema.extend({
      override: z.object({ reason: z.string().trim().min(1, 'say why the merge goes ahead anyway').max(2000) }).strict().optional(),
      expected: z
        .object({ targetCommit: commitId, workspaceHead: commitId, uncommittedCommit: commitId.nullable().optional() })
        .strict()
        .optional(),
    }),
    output: mergeOutcomeSchema,
  },
  'merge.conflicts': { input: z.object({ mergeId: mergeIdSchema }).strict(), output: z.object({ taskId: idSchema, conflicts: z.array(conflictFileSchema) }) },
  /** Completes a pending merge with one resolution per conflicted file. */
  'merge.resolve': {
    input: z.object({ mergeId: mergeIdSchema, resolutions: z.array(conflictResolutionSchema).min(1).max(20_000) }).strict(),
    output: mergeOutcomeSchema,
  },
  /** Forgets a pending merge; nothing was changed, so nothing needs undoing. */
  'merge.abort': { input: z.object({ mergeId: mergeIdSchema }).strict(), output: z.object({ aborted: z.literal(true) }) },
  /**
   * "Ask the agent to resolve": merges the base branch into the workspace (conflict markers
   * left in its files) and starts an agent turn to resolve them. A pending merge is aborted.
   */
  'merge.askAgent': {
    input: z.object({ taskId: idSchema, mergeId: mergeIdSchema.optional() }).strict(),
    /** `delivery` is null when the base merged in cleanly: nothing for the agent to resolve. */
    output: z.object({ conflicts: z.array(z.string()), delivery: z.enum(['started', 'queued', 'delivered']).nullable() }),
  },
  /**
   * After a merge: remove the worktree, and the branch unless `keepBranch`. A workspace other
   * tasks share (its reviews) is refused with `WORKSPACE_SHARED` naming them unless `withSharedTasks`.
   */
  'merge.archive': {
    input: z.object({ taskId: idSchema, keepBranch: z.boolean().default(false), withSharedTasks: z.boolean().default(false) }).strict(),
    output: z.object({ archived: z.literal(true), branchDeleted: z.boolean() }),
  },
  /** The project's conflict radar (also pushed as `radar.changed` when a workspace or base moves). */
  'radar.get': { input: z.object({ projectId: idSchema }).strict(), output: radarSchema },

  /** How agent commands are isolated on this machine (detected once at start-up). */
  'commands.isolation': { input: empty, output: commandIsolationSchema },
  /** The long-lived services the task's agent started (also pushed as `commands.servicesChanged`). */
  'commands.services': { input: z.object({ taskId: idSchema }).strict(), output: z.array(backgroundServiceSchema) },
  /** Stops a running service and everything it started; an exited one is taken off the list. */
  'commands.stopService': {
    input: z.object({ taskId: idSchema, serviceId: backgroundServiceIdSchema }).strict(),
    output: z.object({ stopped: z.literal(true) }),
  },

  /** The audit trail, newest first: the project's, or a task's or a pipeline's entries (`beforeSeq` pages back). */
  'audit.list': { input: auditListInputSchema, output: z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() }) },
  /** A file to save: JSONL (one entry per line with its hashes) or a readable Markdown report. */
  'audit.export': { input: auditExportInputSchema, output: auditExportSchema },
  /** Checks the project's chain and names the first broken entry. */
  'audit.verify': { input: z.object({ projectId: idSchema }).strict(), output: auditVerificationSchema },

  /** The external agents Braid has presets for: installed (with version) or how to install them. Detected afresh on each call. */
  'engines.list': { input: empty, output: z.array(engineAvailabilitySchema) },

  'agents.settings': { input: empty, output: z.object({ concurrency: z.number().int() }) },
  'agents.setConcurrency': { input: z.object({ concurrency: z.number().int().min(1).max(64) }).strict(), output: z.object({ concurrency: z.number().int() }) },

  ...planMethods,
  ...terminalMethods,
  ...pipelineMethods,
  ...implementMethods,
  ...reviewRoleMethods,
  ...permissionMethods,
  ...mergeQueueMethods,
  ...pullRequestMethods,
  ...editorMethods,
  ...notificationMethods,
  ...ruleMethods,
  ...slashCommandMethods,
  ...workspaceSetupMethods,
  ...subagentMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults applied). */
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
