import type { PullRequestView } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawPullRequest {
  workspace_id: string;
  remote: string;
  number: number;
  url: string;
  state: PullRequestView['state'];
  is_draft: number;
  title: string;
  base_ref: string;
  head_ref: string;
  checked_at: number;
}

const toView = (raw: RawPullRequest): PullRequestView => ({
  url: raw.url,
  number: raw.number,
  state: raw.state,
  isDraft: raw.is_draft === 1,
  title: raw.title,
  baseRefName: raw.base_ref,
  headRefName: raw.head_ref,
  remote: raw.remote,
  checkedAt: raw.checked_at,
});

export type PullRequestRepository = ReturnType<typeof createPullRequestRepository>;

/** Table `pull_request` (migration 7): the pull request of a workspace's branch, as gh last reported it. */
export function createPullRequestRepository(db: Db) {
  const byWorkspace = db.prepare<[string], RawPullRequest>('SELECT * FROM pull_request WHERE workspace_id = ?');
  const upsert = db.prepare(
    `INSERT INTO pull_request (workspace_id, remote, number, url, state, is_draft, title, base_ref, head_ref, checked_at)
     VALUES (@workspaceId, @remote, @number, @url, @state, @isDraft, @title, @baseRefName, @headRefName, @checkedAt)
     ON CONFLICT (workspace_id) DO UPDATE SET remote = excluded.remote, number = excluded.number, url = excluded.url,
       state = excluded.state, is_draft = excluded.is_draft, title = excluded.title, base_ref = excluded.base_ref,
       head_ref = excluded.head_ref, checked_at = excluded.checked_at`,
  );
  return {
    get: (workspaceId: string): PullRequestView | null => {
      const raw = byWorkspace.get(workspaceId);
      return raw ? toView(raw) : null;
    },
    save: (workspaceId: string, pullRequest: PullRequestView): void => {
      upsert.run({ workspaceId, ...pullRequest, isDraft: pullRequest.isDraft ? 1 : 0 });
    },
  };
}
