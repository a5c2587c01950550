import { z } from 'zod';

/**
 * Expected failures travel as values with a stable code the UI can show and tests can match.
 * Exceptions are for bugs; the transports turn any that escape into `INTERNAL`.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'INTERNAL',
  'UNSUPPORTED',
  'NOT_FOUND',
  'PATH_NOT_FOUND',
  'NOT_A_DIRECTORY',
  'NOT_A_GIT_REPOSITORY',
  'BARE_REPOSITORY',
  'NO_COMMITS',
  'ALREADY_ADDED',
  'BRANCH_NOT_FOUND',
  'WORKSPACE_NOT_READY',
  'WORKSPACE_HAS_WORK',
  'PATH_OUTSIDE_ROOT',
  /** A path (or one of its names) over the file system's length limits (ENAMETOOLONG). */
  'PATH_TOO_LONG',
  /** A symbolic link on the way loops, or chains too deep to follow (ELOOP). */
  'SYMLINK_LOOP',
  /** The file system refused access (EACCES, EPERM). */
  'PERMISSION_DENIED',
  /** Any other file-system refusal (disk full, read-only, I/O error...); `details.errno` says which. */
  'FILE_SYSTEM_ERROR',
  /** "Open in editor": the chosen editor is not installed (or no editor is). */
  'EDITOR_NOT_AVAILABLE',
  /** The editor's program could not be started; `details.errno` says why. */
  'EDITOR_FAILED',
  'GIT_FAILED',
  'BUSY',
  'MODEL_NOT_CONFIGURED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_UNREACHABLE',
  'MODEL_NOT_FOUND',
  'PROVIDER_ERROR',
  'SECRETS_UNREADABLE',
  'MCP_SERVER_FAILED',
  'HUNK_CHANGED',
  'CHECKPOINT_HAS_NEWER_CHANGES',
  'NOTHING_TO_COMMIT',
  'CHECKOUT_HAS_CHANGES',
  'MERGE_OUTDATED',
  'NOTHING_TO_MERGE',
  'MERGE_CONFLICTS_UNRESOLVED',
  /**
   * The plan gate: implementation (or saving the plan) needs a version that is approved and is
   * the task's latest; the message says which it is not (proposed, changes requested, rejected,
   * superseded by vN, approved but a newer version exists, no such version).
   */
  'PLAN_NOT_APPROVED',
  /** A decision on a plan version that no longer waits for one ("v2 was superseded by v3", "v3 is already approved"). */
  'PLAN_NOT_PROPOSED',
  /** Input or a resize for a terminal whose process has ended (it stays listed, with its output, until closed). */
  'TERMINAL_EXITED',
  /**
   * The project's review gate is `block` and the workspace has open P0/P1 findings: a merge needs
   * an explicit "merge anyway" (`override: { reason }`); `details.findings` names them.
   */
  'REVIEW_GATE_BLOCKED',
  /**
   * The project's check command did not pass on the task's latest check (failed, could not run,
   * still running): a merge needs an explicit "merge anyway" (`override: { reason }`);
   * `details.check` is that check. Said instead of `REVIEW_GATE_BLOCKED` only when the review
   * gate does not block too (then `details.findings` and `details.check` are both given).
   */
  'CHECK_GATE_BLOCKED',
  /**
   * The task's workspace is shared with other tasks (its review tasks): deleting or archiving it
   * takes them too, so it needs the user's confirmation (`withSharedTasks`); `details.tasks` names them.
   */
  'WORKSPACE_SHARED',
  /**
   * Full auto asked for where commands cannot be sandboxed, and the user has not confirmed it
   * for the project yet: confirm once (`permissions.confirmUnsandboxed`) and ask again.
   */
  'SANDBOX_UNAVAILABLE',
  /** A settings file changed between showing it and trusting it: look at it again. */
  'FILE_CHANGED',
  /** The task already waits (or runs) in its merge queue. */
  'ALREADY_QUEUED',
  /** The repository has no remote (or not the one named) to push a pull request's branch to. */
  'NO_REMOTE',
  /** The remote refused the push (not a fast-forward, protected branch, no access); the message has git's words. */
  'PUSH_REFUSED',
  /** The GitHub CLI (`gh`) is not installed or not on PATH. */
  'GH_MISSING',
  /** `gh` is installed but not logged in (`gh auth login`). */
  'GH_NOT_LOGGED_IN',
  /** `gh` failed otherwise; the message has its words. */
  'GH_FAILED',
  /** The task's external agent (its CLI or ACP adapter) is not installed here; the message says how to install it. */
  'ENGINE_NOT_INSTALLED',
  /**
   * The task's role needs a tool its engine cannot get (a plan task's `submit_plan`, a review
   * task's `submit_review`): the task could never finish its role; the message says what to choose.
   */
  'ENGINE_CANNOT_TAKE_ROLE',
  /** The task's external agent could not be started, died, or broke the protocol; the message says what it did. */
  'AGENT_FAILED',
  /** `/name` names no built-in, command file, skill or MCP prompt of the task: nothing was sent. */
  'UNKNOWN_COMMAND',
  /** A workspace config file (`.braid/workspace.json`, `conductor.json`, …) cannot be read as its format says; the message names the file and entry. */
  'WORKSPACE_CONFIG_INVALID',
  /** The repository's workspace scripts have not been trusted in this content yet (`workspaces.trustSetup`). */
  'SCRIPT_NOT_TRUSTED',
  /** A workspace script (setup, archive) failed; `details` carries its report (exit code and the end of its output). */
  'SCRIPT_FAILED',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Structured detail for the UI, e.g. the list of uncommitted files that blocked a delete. */
  details: z.unknown().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Fail;

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details?: unknown): Fail => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
