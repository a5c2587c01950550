import { z } from 'zod';
import { idSchema } from './id';
import { pullRequestContextSchema, pullRequestSchema } from './pull-requests';

/**
 * Pull requests (D7), spread into `methods`. Failures are named: `NO_REMOTE`, `PUSH_REFUSED`,
 * `GH_MISSING`, `GH_NOT_LOGGED_IN`, `GH_FAILED`; a pull request already open for the branch is
 * returned (`alreadyOpen`) instead of a second one being made.
 */
export const pullRequestMethods = {
  /** What "Open pull request" starts from: the remotes, a title and body from the task, and the pull request already known. */
  'pullRequests.context': { input: z.object({ taskId: idSchema }).strict(), output: pullRequestContextSchema },
  /** Pushes the task's branch to `remote` and runs `gh pr create`; an open pull request for the branch is shown instead. */
  'pullRequests.open': {
    input: z
      .object({
        taskId: idSchema,
        remote: z.string().min(1).max(255),
        title: z.string().trim().min(1, 'a title is required').max(256),
        body: z.string().max(60_000),
        draft: z.boolean().default(false),
        /** Commit the workspace's uncommitted files to its branch first (as the merge takes them). */
        includeUncommitted: z.boolean().default(true),
      })
      .strict(),
    output: pullRequestSchema.extend({ alreadyOpen: z.boolean() }),
  },
  /** Reads the task's pull request again (`gh pr view --json`). */
  'pullRequests.refresh': { input: z.object({ taskId: idSchema }).strict(), output: pullRequestSchema },
} as const;
