import type { PullRequestView } from '../../../src-shared/contract';

/** "open", "open (draft)", "merged", "closed". */
export function pullRequestStateText(pullRequest: Pick<PullRequestView, 'state' | 'isDraft'>): string {
  const state = pullRequest.state.toLowerCase();
  return pullRequest.state === 'OPEN' && pullRequest.isDraft ? `${state} (draft)` : state;
}
