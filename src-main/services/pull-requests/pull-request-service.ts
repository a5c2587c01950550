import { z } from 'zod';
import { fail, ok, type MethodArgs, type PullRequestContext, type PullRequestView, type Result, type Task } from '../../../src-shared/contract';
import { mergeBaseOf } from '../diffs/merge-base';
import { readBranchTips } from '../git/git-step';
import { runGit, summariseGitError } from '../git/run-git';
import { listFileChanges, type FileChange } from '../merge/file-changes';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace } from '../workspaces/open-task-workspace';
import { busyOnWorkspace, workspaceOwnerOf } from '../workspaces/shared-workspace';
import { snapshotWorkspace } from '../workspaces/worktree-snapshot';
import { runGh, type GhResult } from './gh-cli';
import { pullRequestText, type PullRequestFacts } from './pull-request-text';
import { defaultRemote, ghRepositoryOf, listRemotes, type Remote } from './remotes';

export interface PullRequestServiceOptions {
  context: WorkspaceContext;
  /** The environment `gh` and `git push` run with (PATH, the user's gh login, credentials helpers). */
  env: () => Record<string, string | undefined>;
  /** Commits the workspace's uncommitted files to its branch (the history service's commit). */
  commitWorkspace(taskId: string, message: string): Promise<Result<unknown>>;
  pushTimeoutMs?: number;
}

/** What `gh pr view/list --json` answers with. */
const ghFields = 'number,url,state,isDraft,title,baseRefName,headRefName';
const ghPullRequest = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: z.boolean(),
  title: z.string(),
  baseRefName: z.string(),
  headRefName: z.string(),
});

export type PullRequestService = ReturnType<typeof createPullRequestService>;

/**
 * "Open pull request" instead of merging (D7): the task's branch pushed to a chosen remote,
 * `gh pr create` with a title and body from the task, the pull request's URL and state read
 * back with `gh pr view --json` and kept per workspace. Each way it can fail has its own code:
 * no remote, push refused, gh missing, gh not logged in; an open pull request for the branch is
 * shown instead of making a second one.
 */
export function createPullRequestService(options: PullRequestServiceOptions) {
  const { context } = options;
  const { store } = context;

  const gh = async (repo: string, args: string[]): Promise<Result<string>> => {
    const result: GhResult = await runGh(args, { cwd: repo, env: options.env() });
    if (!result.started) return ghMissing();
    if (result.code !== 0) return fail('GH_FAILED', `gh ${args.slice(0, 2).join(' ')} failed: ${firstLines(result.stderr || result.stdout)}`);
    return ok(result.stdout);
  };

  /** gh present and logged in, before anything is pushed. */
  const checkGh = async (repo: string, host: string | null): Promise<Result<true>> => {
    const version = await runGh(['--version'], { cwd: repo, env: options.env() });
    if (!version.started) return ghMissing();
    const status = await runGh(['auth', 'status', ...(host ? ['--hostname', host] : [])], { cwd: repo, env: options.env() });
    if (!status.started) return ghMissing();
    if (status.code !== 0) {
      return fail('GH_NOT_LOGGED_IN', `The GitHub CLI is not logged in${host ? ` to ${host}` : ''}: run \`gh auth login\` in a terminal, then try again. (${firstLines(status.stderr || status.stdout)})`);
    }
    return ok(true);
  };

  const viewOf = (raw: unknown, remote: string): PullRequestView | null => {
    const parsed = ghPullRequest.safeParse(raw);
    return parsed.success ? { ...parsed.data, remote, checkedAt: context.now() } : null;
  };

  /** The facts the title and body are written from. */
  const factsOf = async (task: Task, repo: string, includeUncommitted: boolean): Promise<{ facts: PullRequestFacts; uncommitted: number }> => {
    const { workspace } = task;
    const baseRef = `refs/heads/${workspace.baseBranch}`;
    const branchRef = `refs/heads/${workspace.branch}`;
    const [tips, snapshot] = await Promise.all([readBranchTips(repo, [baseRef, branchRef]), workspace.state === 'ready' ? snapshotWorkspace(workspace.path) : Promise.resolve(null)]);
    const head = tips.get(branchRef)?.commit;
    const base = tips.get(baseRef)?.commit;
    let files: FileChange[] = [];
    if (head && base) {
      const mergeBase = await mergeBaseOf(repo, base, head);
      const to = includeUncommitted && snapshot ? snapshot.tree : head;
      if (mergeBase) files = await listFileChanges(repo, mergeBase, to);
    }
    return {
      uncommitted: snapshot?.uncommitted.length ?? 0,
      facts: { taskTitle: task.title, goal: task.prompt, branch: workspace.branch, plan: planOf(task), files, review: reviewOf(task.id) },
    };
  };

  const planOf = (task: Task): PullRequestFacts['plan'] => {
    const pin = task.planPin;
    if (!pin) return null;
    const version = store.plans.get(pin.planTaskId, pin.version);
    const planTask = store.tasks.get(pin.planTaskId);
    if (!version) return null;
    return { summary: version.plan.summary, source: `From plan v${pin.version}${planTask ? ` of “${planTask.title}”` : ''}, steps ${pin.stepIds.join(', ')}.` };
  };

  const reviewOf = (taskId: string): PullRequestFacts['review'] => {
    const latest = store.reviewReports.reportsFor(taskId).at(-1);
    if (!latest) return null;
    const openBlocking = store.reviewReports
      .findingsFor(taskId)
      .filter((finding) => (finding.priority === 'P0' || finding.priority === 'P1') && finding.status !== 'dismissed' && finding.status !== 'fixed').length;
    return { verdict: latest.verdict, confidence: latest.confidence, explanation: latest.explanation, openBlocking };
  };

  const chooseRemote = (remotes: Remote[], name: string): Result<Remote> => {
    if (remotes.length === 0) return fail('NO_REMOTE', 'This repository has no remote to push to. Add one (`git remote add origin <url>`), then try again.');
    const remote = remotes.find((item) => item.name === name);
    return remote ? ok(remote) : fail('NO_REMOTE', `This repository has no remote named "${name}" (it has ${remotes.map((item) => item.name).join(', ')}).`);
  };

  return {
    /** What the dialog starts from; asked from a review's or a subagent's task, the title and body describe the workspace's owner's work. */
    async context(taskId: string): Promise<Result<PullRequestContext>> {
      const opened = openTaskWorkspace(context, taskId, 'branch');
      if (!opened.ok) return opened;
      const { task, project, workspace } = opened.data;
      const owner = workspaceOwnerOf(store, task) ?? task;
      const [remotes, { facts, uncommitted }] = await Promise.all([listRemotes(project.path), factsOf(owner, project.path, true)]);
      const text = pullRequestText(facts);
      return ok({
        remotes,
        defaultRemote: defaultRemote(remotes),
        branch: workspace.branch,
        base: workspace.baseBranch,
        title: text.title,
        body: text.body,
        uncommittedFiles: uncommitted,
        current: store.pullRequests.get(workspace.id),
      });
    },

    /**
     * Pushes the workspace's branch and opens its pull request; asked from a review's or a
     * subagent's task, it is the workspace's owner's (its branch, its uncommitted files
     * committed in its name), as `context` describes it.
     */
    async open(request: MethodArgs<'pullRequests.open'>): Promise<Result<PullRequestView & { alreadyOpen: boolean }>> {
      const opened = openTaskWorkspace(context, request.taskId, 'branch');
      if (!opened.ok) return opened;
      const { project, workspace } = opened.data;
      const owner = workspaceOwnerOf(store, opened.data.task) ?? opened.data.task;
      const remote = chooseRemote(await listRemotes(project.path), request.remote);
      if (!remote.ok) return remote;
      const repository = ghRepositoryOf(remote.data.url);
      const repoArgs = repository ? ['--repo', repository] : [];
      const ready = await checkGh(project.path, repository && repository.split('/').length === 3 ? (repository.split('/')[0] ?? null) : null);
      if (!ready.ok) return ready;

      if (request.includeUncommitted && workspace.state === 'ready') {
        const snapshot = await snapshotWorkspace(workspace.path);
        if (snapshot && snapshot.uncommitted.length > 0) {
          // An agent at work may be halfway through its edits: committing them now would push
          // half a change. Refused before anything is committed or pushed.
          const busy = busyOnWorkspace(store, owner);
          if (busy) {
            return fail('BUSY', `“${busy.title}” is working in this workspace; stop it, or open the pull request without the uncommitted files.`);
          }
          const committed = await options.commitWorkspace(owner.id, `Uncommitted changes from ${workspace.branch}`);
          if (!committed.ok) return committed;
        }
      }
      const branchRef = `refs/heads/${workspace.branch}`;
      const pushed = await context.inRepoQueue(project, () =>
        runGit(project.path, ['push', '--porcelain', '--', remote.data.name, `${branchRef}:${branchRef}`], { timeoutMs: options.pushTimeoutMs ?? 120_000 }),
      );
      if (pushed.code !== 0) {
        return fail('PUSH_REFUSED', `${remote.data.name} refused the push of ${workspace.branch}: ${pushRefusal(pushed.stdout, pushed.stderr)}`, { remote: remote.data.name });
      }

      const listed = await gh(project.path, ['pr', 'list', ...repoArgs, '--head', workspace.branch, '--state', 'open', '--json', ghFields, '--limit', '1']);
      if (!listed.ok) return listed;
      const found = parseJson(listed.data);
      const existing = viewOf(Array.isArray(found) ? found[0] : undefined, remote.data.name);
      if (existing) {
        store.pullRequests.save(workspace.id, existing);
        return ok({ ...existing, alreadyOpen: true });
      }
      const created = await gh(project.path, [
        'pr',
        'create',
        ...repoArgs,
        '--base',
        workspace.baseBranch,
        '--head',
        workspace.branch,
        '--title',
        request.title,
        '--body',
        request.body,
        ...(request.draft ? ['--draft'] : []),
      ]);
      if (!created.ok) return created;
      const url = created.data.trim().split('\n').reverse().find((line) => /^https?:\/\//.test(line.trim()))?.trim();
      const viewed = await gh(project.path, ['pr', 'view', url ?? workspace.branch, ...repoArgs, '--json', ghFields]);
      if (!viewed.ok) return viewed;
      const pullRequest = viewOf(parseJson(viewed.data), remote.data.name);
      if (!pullRequest) return fail('GH_FAILED', `gh pr view answered something Braid cannot read: ${firstLines(viewed.data)}`);
      store.pullRequests.save(workspace.id, pullRequest);
      return ok({ ...pullRequest, alreadyOpen: false });
    },

    /** Reads the task's pull request again with `gh pr view --json`. */
    async refresh(taskId: string): Promise<Result<PullRequestView>> {
      const opened = openTaskWorkspace(context, taskId, 'branch');
      if (!opened.ok) return opened;
      const { project, workspace } = opened.data;
      const known = store.pullRequests.get(workspace.id);
      if (!known) return fail('NOT_FOUND', 'No pull request was opened for this task yet.');
      const remote = (await listRemotes(project.path)).find((item) => item.name === known.remote);
      const repository = remote ? ghRepositoryOf(remote.url) : null;
      const viewed = await gh(project.path, ['pr', 'view', String(known.number), ...(repository ? ['--repo', repository] : []), '--json', ghFields]);
      if (!viewed.ok) return viewed;
      const pullRequest = viewOf(parseJson(viewed.data), known.remote);
      if (!pullRequest) return fail('GH_FAILED', `gh pr view answered something Braid cannot read: ${firstLines(viewed.data)}`);
      store.pullRequests.save(workspace.id, pullRequest);
      return ok(pullRequest);
    },
  };
}

const ghMissing = () => fail('GH_MISSING', 'The GitHub CLI (`gh`) is not installed or not on PATH. Install it from https://cli.github.com and log in with `gh auth login`.');

/** Why a push failed, in the remote's own words where it said any (`remote:` lines, the porcelain rejection), else git's. */
function pushRefusal(stdout: string, stderr: string): string {
  const remote = stderr
    .split('\n')
    .filter((line) => line.startsWith('remote: '))
    .map((line) => line.slice('remote: '.length).trim())
    .filter(Boolean);
  const rejected = stdout
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.split('\t').at(-1)?.trim() ?? '')
    .filter(Boolean);
  const said = [...rejected, ...remote].join('; ');
  return said || summariseGitError(stderr || stdout);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' ').slice(0, 500) || 'no output';
}
