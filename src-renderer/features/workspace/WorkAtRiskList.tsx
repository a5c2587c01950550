import { useId } from 'react';
import type { WorkAtRisk } from '../../../src-shared/contract';

/** What would be lost: shown in full so the user decides knowing it. */
export function WorkAtRiskList({ work, baseBranch }: { work: WorkAtRisk; baseBranch: string }) {
  const uncommittedId = useId();
  const unmergedId = useId();
  return (
    <div className="work-at-risk">
      {work.uncommitted.length > 0 && (
        <section aria-labelledby={uncommittedId}>
          <h3 id={uncommittedId} className="section-title">
            Uncommitted files ({work.uncommitted.length})
          </h3>
          <ul className="work-at-risk__list" aria-label="Uncommitted files">
            {work.uncommitted.map((file) => (
              <li key={file.path} className="mono">
                <span className="work-at-risk__status">{file.status}</span> {file.path}
              </li>
            ))}
          </ul>
        </section>
      )}
      {work.unmergedCommits.length > 0 && (
        <section aria-labelledby={unmergedId}>
          <h3 id={unmergedId} className="section-title">
            Commits not merged into {baseBranch} ({work.unmergedCommits.length})
          </h3>
          <ul className="work-at-risk__list" aria-label="Unmerged commits">
            {work.unmergedCommits.map((commit) => (
              <li key={commit.sha}>
                <span className="mono">{commit.sha.slice(0, 8)}</span> {commit.subject}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
